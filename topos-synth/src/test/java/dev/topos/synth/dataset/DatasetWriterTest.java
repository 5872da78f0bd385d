package dev.topos.synth.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetWriterTest {
  @TempDir
  Path tmp;

  /** A cheap generator whose sample depends only on its seed. */
  static final SampleGenerator FAKE = (index, seed) -> {
    SplittableRandom r = new SplittableRandom(seed);
    float[] v = new float[30];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextDouble();
    }
    return new Sample(index, seed, "{\"seed\":" + seed + "}", v, "remeshed", v.clone(), v.clone(), null, null,
        new byte[] {(byte) seed});
  };

  private static JsonObject config() {
    JsonObject c = new JsonObject();
    c.addProperty("points", 10);
    return c;
  }

  private DatasetWriter writer(Path dir) {
    return new DatasetWriter(dir, Split.TRAIN, 5, 23, 4, config(), "# card\n");
  }

  @Test
  void bytesDoNotDependOnTheThreadCount() throws IOException {
    writer(tmp.resolve("a")).run(FAKE, 1, null);
    writer(tmp.resolve("b")).run(FAKE, 3, null);
    for (String f : new String[] {"manifest.json", "shard-00000.bin", "shard-00005.bin", "README.md"}) {
      assertArrayEquals(Files.readAllBytes(tmp.resolve("a").resolve(f)), Files.readAllBytes(tmp.resolve("b").resolve(f)), f);
    }
  }

  @Test
  void readerStreamsEverySampleInOrderWithSplitSeeds() throws IOException {
    writer(tmp).run(FAKE, 2, null);
    DatasetReader r = DatasetReader.open(tmp);
    assertEquals(23, r.size());
    long i = 0;
    for (Sample s : r) {
      assertEquals(i, s.index());
      assertEquals(5 + i, s.seed());
      assertTrue(Split.TRAIN.contains(s.seed()));
      assertArrayEquals(FAKE.generate(i, 5 + i).vertices(), s.vertices());
      i++;
    }
    assertEquals(23, i);
  }

  @Test
  void aKilledRunResumesWithoutRedoingFinishedShards() throws IOException {
    writer(tmp).run(FAKE, 2, null);
    byte[] shard3 = Files.readAllBytes(tmp.resolve("shard-00003.bin"));
    // Simulate a kill after shard 2: later shards and the final manifest never got written.
    for (int k = 3; k < 6; k++) {
      Files.delete(tmp.resolve(Manifest.shardName(k)));
    }
    Files.writeString(tmp.resolve(".shard-00004.bin.1234.tmp"), "half-written");
    AtomicInteger generated = new AtomicInteger();
    writer(tmp).run((index, seed) -> {
      generated.incrementAndGet();
      return FAKE.generate(index, seed);
    }, 2, null);
    assertEquals(23 - 12, generated.get(), "only the missing shards are generated");
    assertArrayEquals(shard3, Files.readAllBytes(tmp.resolve("shard-00003.bin")));
    assertEquals(23, DatasetReader.open(tmp).size());
    assertTrue(Files.notExists(tmp.resolve(".shard-00004.bin.1234.tmp")), "stale temporary removed");
  }

  @Test
  void aFolderWithAnotherDatasetIsRefused() throws IOException {
    writer(tmp).run(FAKE, 1, null);
    DatasetWriter other = new DatasetWriter(tmp, Split.TRAIN, 6, 23, 4, config(), "# card\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.run(FAKE, 1, null));
    assertTrue(e.getMessage().contains("different dataset"));
  }

  @Test
  void splitsAreDisjointSeedRanges() {
    assertEquals(2_000_000_000L, Split.TEST.sampleSeed(0, 0));
    assertTrue(!Split.TRAIN.contains(Split.VAL.sampleSeed(0, 0)));
    assertThrows(IllegalArgumentException.class, () -> Split.VAL.sampleSeed(99_999_999, 5));
    assertThrows(IllegalArgumentException.class, () -> Split.parse("holdout"));
  }
}
