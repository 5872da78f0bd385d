package dev.topos.geometry;

/**
 * In-place 3-way quickselect over slots of a caller's arrays (the k-d tree's points, the BVH's
 * triangle order): after {@link #select}, slot k holds the k-th smallest key, smaller keys lie
 * before it and larger after. The 3-way partition keeps runs of equal keys (grid-like scans) linear.
 * {@link #kthSmallest} does the same for a plain array of values (a median in linear time).
 */
public final class QuickSelect {

  /** The slots being ordered: a key per slot and a way to exchange two slots. */
  interface Slots {
    double key(int slot);

    void swap(int i, int j);
  }

  private QuickSelect() {}

  /**
   * The k-th smallest of the values (k from 0; {@code values.length / 2} is the upper median), in
   * expected linear time; the caller's array is left as it was.
   */
  public static double kthSmallest(double[] values, int k) {
    if (k < 0 || k >= values.length) {
      throw new IllegalArgumentException("k = " + k + " for " + values.length + " values");
    }
    double[] copy = values.clone();
    select(new Slots() {
      @Override
      public double key(int slot) {
        return copy[slot];
      }

      @Override
      public void swap(int i, int j) {
        double t = copy[i];
        copy[i] = copy[j];
        copy[j] = t;
      }
    }, 0, copy.length - 1, k);
    return copy[k];
  }

  /** Rearranges slots lo..hi (inclusive) so that slot k holds the k-th smallest key. */
  static void select(Slots slots, int lo, int hi, int k) {
    while (hi > lo) {
      double a = slots.key(lo);
      double b = slots.key((lo + hi) >>> 1);
      double c = slots.key(hi);
      double pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)); // median of three
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        double v = slots.key(i);
        if (v < pivot) {
          slots.swap(lt++, i++);
        } else if (v > pivot) {
          slots.swap(i, gt--);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return;
      }
    }
  }
}
