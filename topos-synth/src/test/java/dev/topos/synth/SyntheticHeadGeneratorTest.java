package dev.topos.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.DatasetWriter;
import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticHeadGeneratorTest {
  static HeadModel model;

  @BeforeAll
  static void load() {
    model = HeadModel.loadBundled();
  }

  @Test
  void aSampleHoldsEverythingAndIsAPureFunctionOfItsSeed() {
    SyntheticHeadGenerator g = new SyntheticHeadGenerator(model, SynthConfig.defaults().withPortraits(true, 64).withPoints(512));
    Sample a = g.generate(0, 123);
    Sample b = g.generate(0, 123);
    assertArrayEquals(a.vertices(), b.vertices());
    assertArrayEquals(a.scanPoints(), b.scanPoints());
    assertArrayEquals(a.portraitPng(), b.portraitPng());
    assertArrayEquals(a.albedoPng(), b.albedoPng());
    assertEquals(a.metadataJson(), b.metadataJson());
    assertEquals(3 * model.topology().fullVertexCount(), a.vertices().length);
    assertEquals(3 * 512, a.scanPoints().length);
    for (int i = 0; i < 512; i++) {
      double len = Math.sqrt(sq(a.scanNormals()[3 * i]) + sq(a.scanNormals()[3 * i + 1]) + sq(a.scanNormals()[3 * i + 2]));
      assertEquals(1, len, 1e-3);
    }
    assertTrue(Set.of("remeshed", "decimated", "marching_cubes", "partial", "noisy").contains(a.scanFamily()));
    JsonObject meta = JsonParser.parseString(a.metadataJson()).getAsJsonObject();
    for (String key : new String[] {"head", "deformation", "scan", "albedo", "portrait"}) {
      assertNotNull(meta.get(key), key);
    }
    assertEquals(18, a.camera().length);
    assertTrue(a.portraitPng().length > 1000 && a.albedoPng().length > 1000);
  }

  @Test
  void headPositionsAreTheSamplesHeadForEverySeed() {
    SyntheticHeadGenerator g = new SyntheticHeadGenerator(model, SynthConfig.defaults().withPoints(256));
    for (long seed = 40; seed < 46; seed++) {
      assertArrayEquals(g.generate(0, seed).vertices(), g.headPositions(seed), "seed " + seed);
    }
    assertFalse(java.util.Arrays.equals(g.headPositions(40), g.headPositions(41)));
  }

  @Test
  void datasetBytesDoNotDependOnTheThreadCount(@TempDir Path tmp) throws IOException {
    SyntheticHeadGenerator g = new SyntheticHeadGenerator(model, SynthConfig.defaults().withPoints(256));
    for (int threads : new int[] {1, 2}) {
      new DatasetWriter(tmp.resolve("t" + threads), Split.TRAIN, 1, 4, 2, g.config().toJson(), "card").run(g, threads, null);
    }
    for (String f : new String[] {"manifest.json", "shard-00000.bin", "shard-00001.bin"}) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("t1").resolve(f)), Files.readAllBytes(tmp.resolve("t2").resolve(f)), f);
    }
    Sample first = DatasetReader.open(tmp.resolve("t1")).get(0);
    assertEquals(1, first.seed());
  }

  private static double sq(double x) {
    return x * x;
  }
}
