package dev.topos.synth.dataset;

import java.util.Locale;

/**
 * Dataset splits as disjoint ranges of sample seeds, fixed here once for all topos datasets: a
 * sample's every random choice derives from its seed, so no test head can ever be a training head.
 */
public enum Split {
  /** Seeds [0, 1e9). */
  TRAIN(0L, 1_000_000_000L),
  /** Seeds [1e9, 1.1e9). */
  VAL(1_000_000_000L, 1_100_000_000L),
  /** Seeds [2e9, 2.1e9). */
  TEST(2_000_000_000L, 2_100_000_000L);

  private final long firstSeed;
  private final long endSeed;

  Split(long firstSeed, long endSeed) {
    this.firstSeed = firstSeed;
    this.endSeed = endSeed;
  }

  public long firstSeed() {
    return firstSeed;
  }

  /** Seed of sample {@code index} of a dataset whose seed offset within this split is {@code offset}. */
  public long sampleSeed(long offset, long index) {
    long s = firstSeed + offset + index;
    if (offset < 0 || index < 0 || s >= endSeed) {
      throw new IllegalArgumentException("seed offset " + offset + " + sample " + index + " leaves the " + key()
          + " split (" + (endSeed - firstSeed) + " seeds)");
    }
    return s;
  }

  /** True when the seed lies in this split's range. */
  public boolean contains(long seed) {
    return seed >= firstSeed && seed < endSeed;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The split named train, val or test. */
  public static Split parse(String s) {
    for (Split x : values()) {
      if (x.key().equalsIgnoreCase(s)) {
        return x;
      }
    }
    throw new IllegalArgumentException("unknown split '" + s + "' (use train, val or test)");
  }
}
