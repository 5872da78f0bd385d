package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.ShapeModes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a model comes from: a trained folder, or the weights shipped in the jar. */
class ShippedWeightsTest {
  static Mesh head;

  @BeforeAll
  static void load() {
    head = ReferenceTopology.loadBundled().head();
  }

  @Test
  void aFolderWithoutConfigIsNotAModel(@TempDir Path dir) {
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ShippedWeights.load(dir, head));
    assertEquals(dir.toString(), e.getFile());
    assertEquals("not a trained model folder (no config.json)", e.getReason());
  }

  @Test
  void aSavedFolderLoadsTheSameModel(@TempDir Path dir) throws IOException {
    float[] points = new float[6 * 200];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < points.length; i++) {
      points[i] = (float) (r.nextDouble() * 2 - 1);
    }
    VaeConfig config = VaeConfig.cpuSmall();
    try (TopoVae saved = TopoVae.create(config, head, 21)) {
      saved.save(dir);
      try (TopoVae loaded = ShippedWeights.load(dir, head)) {
        assertEquals(config, loaded.config());
        assertArrayEquals(saved.reconstruct(points), loaded.reconstruct(points));
      }
    }
  }

  @Test
  void withoutAFolderTheShippedWeightsLoadOrTheErrorSaysWhatToPass() throws IOException {
    if (ShippedWeights.available()) {
      try (TopoVae shipped = ShippedWeights.load(null, head)) {
        assertEquals(head.vertexCount(), shipped.template().vertexCount());
      }
    } else {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ShippedWeights.load(null, head));
      assertEquals("this build ships no trained TOPOS-VAE weights yet; pass --weights RUN/best", e.getMessage());
    }
  }

  /**
   * The weights in the jar are the training run's best weights, byte for byte: they come from the
   * documented command (docs/VAE.md), whose state is committed in {@code training/vae-cpu-small}.
   */
  @Test
  void shippedWeightsAreTheCommittedTrainingRunsBest() throws IOException {
    assertTrue(ShippedWeights.available(), "this build ships no weights");
    Path best = Path.of("..", "training", "vae-cpu-small", "best");
    for (String file : new String[] {TopoVae.CONFIG_FILE, TopoVae.PARAMETERS_FILE}) {
      try (InputStream shipped = ShippedWeights.class.getResourceAsStream(ShippedWeights.FOLDER + file)) {
        assertArrayEquals(Files.readAllBytes(best.resolve(file)), shipped.readAllBytes(), file);
      }
    }
  }

  /** The shipped copy of {@code file} is byte for byte the one in the committed training folder. */
  static void assertShippedIsCommitted(String file) throws IOException {
    Path committed = Path.of("..", "training", "vae-cpu-small", file);
    try (InputStream shipped = ShippedWeights.class.getResourceAsStream(ShippedWeights.FOLDER + file)) {
      assertTrue(shipped != null, "this build ships no " + file);
      assertArrayEquals(Files.readAllBytes(committed), shipped.readAllBytes(), file);
    }
  }

  /** The shipped error modes are the ones `topos train error-modes` wrote for these weights (docs/VAE.md). */
  @Test
  void shippedErrorModesAreTheCommittedOnes() throws IOException {
    assertShippedIsCommitted(ShippedWeights.ERROR_MODES_FILE);
    ErrorModes modes = ShippedWeights.loadErrorModes(null);
    assertEquals(3 * head.vertexCount(), modes.dimension());
    assertEquals(256, modes.count());
    // the correction's residual mean, measured on training heads 1,500-1,999: 0.350 mm per vertex
    float[] r = modes.residualMean();
    double sum = 0;
    for (int v = 0; v < r.length / 3; v++) {
      sum += Math.sqrt(r[3 * v] * r[3 * v] + r[3 * v + 1] * r[3 * v + 1] + r[3 * v + 2] * r[3 * v + 2]);
    }
    double perVertexMm = sum / (r.length / 3) * 1000;
    assertTrue(perVertexMm > 0.2 && perVertexMm < 0.5, perVertexMm + " mm");
  }

  /** The committed error modes, read and written again, are the same bytes (the file format does not drift). */
  @Test
  void committedErrorModesWriteBackByteForByte(@TempDir Path dir) throws IOException {
    assertWritesBackByteForByte(ShippedWeights.ERROR_MODES_FILE, dir, (in, out) -> ErrorModes.read(in).write(out));
  }

  /** Reads and writes again (with {@code copy}) a file committed under training/vae-cpu-small: the same bytes. */
  static void assertWritesBackByteForByte(String file, Path dir, Copy copy) throws IOException {
    Path committed = Path.of("..", "training", "vae-cpu-small", file);
    Path again = dir.resolve("again.bin");
    copy.apply(committed, again);
    assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(again));
  }

  /** Reads one file and writes what it read to another. */
  @FunctionalInterface
  interface Copy {
    void apply(Path from, Path to) throws IOException;
  }

  @Test
  void aFolderWithoutErrorModesHasNone(@TempDir Path dir) throws IOException {
    assertEquals(null, ShippedWeights.loadErrorModes(dir));
  }

  /** The shipped shape modes are the ones `topos train shape-modes` wrote (docs/VAE.md). */
  @Test
  void shippedShapeModesAreTheCommittedOnes() throws IOException {
    assertShippedIsCommitted(ShippedWeights.SHAPE_MODES_FILE);
    ShapeModes modes = ShippedWeights.loadShapeModes(null);
    assertEquals(3 * head.vertexCount(), modes.dimension());
    assertEquals(500, modes.count());
    assertEquals(2000, modes.gaussian().samples());
  }

  /** Shape modes describe the training heads, not one model: a folder without its own gets the shipped ones. */
  @Test
  void aFolderWithoutShapeModesGetsTheShippedOnes(@TempDir Path dir) throws IOException {
    assertEquals(ShippedWeights.loadShapeModes(null), ShippedWeights.loadShapeModes(dir));
    ShapeModes own = new ShapeModes(new dev.topos.geometry.PrincipalModes(new float[3 * head.vertexCount()],
        new float[3 * head.vertexCount()], 2));
    own.write(dir.resolve(ShippedWeights.SHAPE_MODES_FILE));
    assertEquals(own, ShippedWeights.loadShapeModes(dir));
  }

  /** The shipped calibration is the one `topos train calibration` wrote for these weights (docs/VAE.md). */
  @Test
  void shippedCalibrationIsTheCommittedOne() throws IOException {
    assertShippedIsCommitted(ShippedWeights.CALIBRATION_FILE);
    FeedForwardCalibration c = ShippedWeights.loadCalibration(null);
    assertEquals(3 * head.vertexCount(), c.dimension());
    assertEquals(24000, c.heads());
    assertEquals(0, c.latentProjections()); // fitted on the latent itself
    assertEquals(250 + 323 * 16 + 1, c.featureCount());
    assertEquals(256, c.errorBasis().count());
  }

  /** The committed calibration, read and written again, is the same bytes. */
  @Test
  void committedCalibrationWritesBackByteForByte(@TempDir Path dir) throws IOException {
    assertWritesBackByteForByte(ShippedWeights.CALIBRATION_FILE, dir, (in, out) -> FeedForwardCalibration.read(in).write(out));
  }

  @Test
  void aFolderWithoutCalibrationHasNone(@TempDir Path dir) throws IOException {
    assertEquals(null, ShippedWeights.loadCalibration(dir));
  }

  /** The shipped pose correction is the one `topos train pose-correction` wrote for these weights (docs/VAE.md). */
  @Test
  void shippedPoseCorrectionIsTheCommittedOne() throws IOException {
    assertShippedIsCommitted(ShippedWeights.POSE_CORRECTION_FILE);
    PoseCorrection c = ShippedWeights.loadPoseCorrection(null);
    assertEquals(10000, c.heads());
    assertEquals(0, c.latentProjections()); // fitted on the latent itself
    assertEquals(323 * 16, c.latentSize());
    assertEquals(new PoseCorrection.Turns(0.3, 20, 30, 10, 15), c.turns());
  }

  /** The committed pose correction, read and written again, is the same bytes. */
  @Test
  void committedPoseCorrectionWritesBackByteForByte(@TempDir Path dir) throws IOException {
    assertWritesBackByteForByte(ShippedWeights.POSE_CORRECTION_FILE, dir, (in, out) -> PoseCorrection.read(in).write(out));
  }

  @Test
  void aFolderWithoutPoseCorrectionHasNone(@TempDir Path dir) throws IOException {
    assertEquals(null, ShippedWeights.loadPoseCorrection(dir));
  }
}
