package dev.topos.synth.dataset;

import com.google.gson.JsonObject;
import dev.topos.geometry.io.MeshFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Writes a dataset of {@code count} samples into a folder as shards of {@code shardSize}, in
 * parallel over samples, with identical bytes for any thread count (each sample is a pure function
 * of its seed, and shards are written in index order). Each shard is written to a temporary file and
 * renamed, so a killed run leaves only whole shards; running the same command again skips them and
 * goes on (resume). A folder holding a different dataset is refused.
 */
public final class DatasetWriter {
  private final Path dir;
  private final Split split;
  private final long seedOffset;
  private final long count;
  private final int shardSize;
  private final JsonObject config;
  private final String cardText;

  /**
   * @param dir output folder
   * @param split the split whose seed range is used
   * @param seedOffset first seed within the split
   * @param count number of samples
   * @param shardSize samples per shard
   * @param config generator configuration, recorded in the manifest
   * @param cardText the dataset card (README.md of the folder), Markdown
   */
  public DatasetWriter(Path dir, Split split, long seedOffset, long count, int shardSize, JsonObject config, String cardText) {
    if (count < 1 || shardSize < 1) {
      throw new IllegalArgumentException("count and shard size must be positive");
    }
    split.sampleSeed(seedOffset, count - 1); // range check
    this.dir = dir;
    this.split = split;
    this.seedOffset = seedOffset;
    this.count = count;
    this.shardSize = shardSize;
    this.config = config;
    this.cardText = cardText;
  }

  /**
   * Generates what is missing. {@code progress} may be null.
   *
   * @return the final manifest
   */
  public Manifest run(SampleGenerator generator, int threads, PrintStream progress) throws IOException {
    Files.createDirectories(dir);
    Manifest request = new Manifest("topos-synth", 1, split.key(), seedOffset, count, shardSize, config, List.of(), false);
    Path manifestFile = dir.resolve(Manifest.FILE);
    if (Files.exists(manifestFile)) {
      Manifest existing = Manifest.fromJson(Files.readString(manifestFile, StandardCharsets.UTF_8));
      if (existing == null || !request.sameRequest(existing)) {
        throw new IllegalArgumentException(dir + " already holds a different dataset; choose an empty folder");
      }
    } else {
      writeAtomically(manifestFile, request.toJson().getBytes(StandardCharsets.UTF_8));
    }
    removeStaleTemporaries();
    int shards = request.shardCount();
    long done = 0;
    boolean[] present = new boolean[shards];
    for (int k = 0; k < shards; k++) {
      present[k] = isComplete(dir.resolve(Manifest.shardName(k)), shardLength(k));
      done += present[k] ? shardLength(k) : 0;
    }
    ProgressBar bar = progress == null ? null : new ProgressBar(progress, "synth", count, done);
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      for (int k = 0; k < shards; k++) {
        if (present[k]) {
          continue;
        }
        long first = (long) k * shardSize;
        int n = shardLength(k);
        Sample[] samples = pool.submit(() -> IntStream.range(0, n).parallel().mapToObj(i -> {
          Sample s = generator.generate(first + i, split.sampleSeed(seedOffset, first + i));
          if (bar != null) {
            bar.advance(1);
          }
          return s;
        }).toArray(Sample[]::new)).get();
        byte[] bytes = encode(Arrays.asList(samples));
        writeAtomically(dir.resolve(Manifest.shardName(k)), bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(c.getMessage(), c);
    } finally {
      pool.shutdownNow();
      if (bar != null) {
        bar.finish(); // also on failure, so an error message starts on its own line
      }
    }
    List<Manifest.Shard> list = new ArrayList<>();
    for (int k = 0; k < shards; k++) {
      Path f = dir.resolve(Manifest.shardName(k));
      list.add(new Manifest.Shard(f.getFileName().toString(), (long) k * shardSize, shardLength(k), sha256(f)));
    }
    Manifest done2 = new Manifest("topos-synth", 1, split.key(), seedOffset, count, shardSize, config, list, true);
    writeAtomically(manifestFile, done2.toJson().getBytes(StandardCharsets.UTF_8));
    writeAtomically(dir.resolve("README.md"), cardText.getBytes(StandardCharsets.UTF_8));
    return done2;
  }

  /** Temporary files of a killed run ({@code .shard-NNNNN.bin.*.tmp}) are never complete: delete them. */
  private void removeStaleTemporaries() throws IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp")) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  private int shardLength(int k) {
    return (int) Math.min(shardSize, count - (long) k * shardSize);
  }

  private static byte[] encode(List<Sample> samples) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      ShardFormat.write(samples, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A shard file counts as complete when its header is readable and holds the expected count. */
  private static boolean isComplete(Path f, int expected) {
    if (!Files.isRegularFile(f)) {
      return false;
    }
    try (InputStream in = Files.newInputStream(f)) {
      return ShardFormat.read(in, f.toString()).size() == expected;
    } catch (IOException e) {
      return false;
    }
  }

  static String sha256(Path f) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(f)) {
        byte[] buf = new byte[1 << 16];
        int r;
        while ((r = in.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    MeshFiles.writeAtomically(target, out -> out.write(bytes));
  }
}
