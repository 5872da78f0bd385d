package dev.topos.topology.makehuman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed resources must be exactly what the converter makes from the raw assets (CI has
 * ../shared beside the checkout; without it the test is skipped).
 */
class MakeHumanConverterTest {
  private static final Path SHARED = Path.of(System.getProperty("topos.shared", "../../shared"));

  @Test
  void convertingTheRawAssetsReproducesTheBundledResourcesByteForByte(@TempDir Path out) throws IOException {
    Path mh = SHARED.resolve("assets/makehuman");
    assumeTrue(Files.isDirectory(mh), "raw MakeHuman assets not found at " + mh);
    MakeHumanConverter.Result r = MakeHumanConverter.convert(mh, SHARED.resolve("assets/mediapipe"));
    MakeHumanConverter.writeResources(r, out);
    assertArrayEquals(bundled(ReferenceTopology.RESOURCE), Files.readAllBytes(out.resolve("reference-head.v1.bin.gz")));
    assertArrayEquals(bundled(HeadSpace.RESOURCE), Files.readAllBytes(out.resolve("head-space.v1.bin.gz")));
    assertTrue(r.landmarkFitRmsMm() < 3.0, "landmark fit RMS " + r.landmarkFitRmsMm() + " mm");
    // The neck is cut at one clean loop: the boundary of the head without the eye and mouth openings
    // is a 42-edge loop; every face is a quad.
    assertEquals(r.topology().head().faceCount(), r.topology().head().quadCount());
  }

  @Test
  void aMissingAssetFolderIsReportedClearly(@TempDir Path empty) {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MakeHumanConverter.convert(empty, empty));
    assertTrue(e.getMessage().contains("base.obj"));
  }

  private static byte[] bundled(String resource) throws IOException {
    try (InputStream in = MakeHumanConverterTest.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }
}
