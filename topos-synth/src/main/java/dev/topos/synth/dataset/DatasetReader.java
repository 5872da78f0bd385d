package dev.topos.synth.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams a dataset written by {@link DatasetWriter}: samples in index order, one shard in memory
 * at a time, so training can read datasets larger than memory. Not thread-safe; open one per reader
 * thread.
 */
public final class DatasetReader implements Iterable<Sample> {
  private final Path dir;
  private final Manifest manifest;
  private int cachedShard = -1;
  private List<Sample> cached;

  private DatasetReader(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /** Opens a complete dataset folder. */
  public static DatasetReader open(Path dir) throws IOException {
    Path f = dir.resolve(Manifest.FILE);
    if (!Files.isRegularFile(f)) {
      throw new NoSuchFileException(f.toString(), null, "not a topos dataset (no manifest.json)");
    }
    Manifest m = Manifest.fromJson(Files.readString(f, StandardCharsets.UTF_8));
    if (m == null || !"topos-synth".equals(m.format())) {
      throw new IOException(f + ": not a topos dataset manifest");
    }
    if (!m.complete()) {
      throw new IOException(dir + ": dataset is incomplete; run the same `topos synth` command again to finish it");
    }
    return new DatasetReader(dir, m);
  }

  public Manifest manifest() {
    return manifest;
  }

  public long size() {
    return manifest.count();
  }

  /** Sample {@code index} (loads its shard unless it is the one in memory). */
  public Sample get(long index) {
    if (index < 0 || index >= manifest.count()) {
      throw new IndexOutOfBoundsException("sample " + index + " of " + manifest.count());
    }
    int k = (int) (index / manifest.shardSize());
    if (k != cachedShard) {
      Path f = dir.resolve(manifest.shards().get(k).file());
      try (InputStream in = Files.newInputStream(f)) {
        cached = ShardFormat.read(in, f.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cachedShard = k;
    }
    return cached.get((int) (index - (long) k * manifest.shardSize()));
  }

  @Override
  public Iterator<Sample> iterator() {
    return new Iterator<>() {
      private long next;

      @Override
      public boolean hasNext() {
        return next < manifest.count();
      }

      @Override
      public Sample next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return get(next++);
      }
    };
  }
}
