package dev.topos.geometry;

import java.util.Arrays;

/**
 * A static 3-d tree over points for nearest-neighbour, k-nearest and radius queries.
 *
 * <p>Built in O(N log N) expected time by recursive median splits (3-way quickselect, so repeated
 * coordinates are fine) along the widest axis of each range. The tree is implicit: the points are
 * reordered into one flat array, the median of range {@code [lo, hi)} sits at
 * {@code (lo + hi) >>> 1}, and ranges of at most {@value #LEAF_SIZE} points are scanned linearly.
 * Recursion depth is about log2(N), so a million points are no problem.
 *
 * <p>Coordinates are in whatever unit the points are (metres in topos); distances are returned
 * squared, in that unit squared. Ties between equally distant points are broken by the smaller
 * point index, so results are deterministic. The tree is immutable after construction and safe
 * for concurrent queries from any number of threads.
 */
public final class KdTree {
  static final int LEAF_SIZE = 8;

  private final float[] pts; // points in tree order, [N*3]
  private final int[] ids;   // original index of each tree slot
  private final byte[] axis; // split axis at each median slot

  /** A neighbour: original point index and squared distance to the query. */
  public record Neighbor(int index, double distanceSquared) {
    public double distance() {
      return Math.sqrt(distanceSquared);
    }
  }

  /**
   * Builds the tree. The array is copied; it may be changed afterwards.
   *
   * @param xyz points, [N*3], finite
   */
  public KdTree(float[] xyz) {
    if (xyz.length % 3 != 0) {
      throw new IllegalArgumentException("coordinate count " + xyz.length + " is not a multiple of 3");
    }
    for (int i = 0; i < xyz.length; i++) {
      if (!Float.isFinite(xyz[i])) {
        throw new IllegalArgumentException("point " + i / 3 + " has a non-finite coordinate");
      }
    }
    int n = xyz.length / 3;
    pts = xyz.clone();
    ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    axis = new byte[n];
    build(0, n);
  }

  /** Number of points. */
  public int size() {
    return ids.length;
  }

  // ---------------------------------------------------------------- build

  private void build(int lo, int hi) {
    if (hi - lo <= LEAF_SIZE) {
      return;
    }
    float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = lo; i < hi; i++) {
      for (int k = 0; k < 3; k++) {
        float v = pts[3 * i + k];
        min[k] = Math.min(min[k], v);
        max[k] = Math.max(max[k], v);
      }
    }
    int d = 0;
    for (int k = 1; k < 3; k++) {
      if (max[k] - min[k] > max[d] - min[d]) {
        d = k;
      }
    }
    int mid = (lo + hi) >>> 1;
    int axisOfSplit = d;
    QuickSelect.select(new QuickSelect.Slots() {
      @Override
      public double key(int slot) {
        return pts[3 * slot + axisOfSplit];
      }

      @Override
      public void swap(int i, int j) {
        KdTree.this.swap(i, j);
      }
    }, lo, hi - 1, mid);
    axis[mid] = (byte) d;
    build(lo, mid);
    build(mid + 1, hi);
  }

  private void swap(int i, int j) {
    int a = 3 * i;
    int b = 3 * j;
    for (int k = 0; k < 3; k++) {
      float t = pts[a + k];
      pts[a + k] = pts[b + k];
      pts[b + k] = t;
    }
    int t = ids[i];
    ids[i] = ids[j];
    ids[j] = t;
  }

  // ---------------------------------------------------------------- nearest

  /** Index of the point nearest to (x, y, z), or -1 if the tree is empty. */
  public int nearest(double x, double y, double z) {
    Nearest s = new Nearest(x, y, z);
    s.search(0, ids.length);
    return s.bestId;
  }

  /** The nearest point and its squared distance, or null if the tree is empty. */
  public Neighbor nearestNeighbor(double x, double y, double z) {
    Nearest s = new Nearest(x, y, z);
    s.search(0, ids.length);
    return s.bestId < 0 ? null : new Neighbor(s.bestId, s.best);
  }

  /** Squared distance from (x, y, z) to the nearest point; +infinity if the tree is empty. */
  public double nearestDistanceSquared(double x, double y, double z) {
    Nearest s = new Nearest(x, y, z);
    s.search(0, ids.length);
    return s.best;
  }

  /**
   * Nearest point of each query point.
   *
   * @param queries [M*3]
   * @param outIndex [M] receives the nearest point's index (may be null)
   * @param outDistanceSquared [M] receives the squared distance (may be null)
   */
  public void nearestAll(float[] queries, int[] outIndex, double[] outDistanceSquared) {
    Nearest s = new Nearest(0, 0, 0);
    for (int q = 0; q < queries.length / 3; q++) {
      s.reset(queries[3 * q], queries[3 * q + 1], queries[3 * q + 2]);
      s.search(0, ids.length);
      if (outIndex != null) {
        outIndex[q] = s.bestId;
      }
      if (outDistanceSquared != null) {
        outDistanceSquared[q] = s.best;
      }
    }
  }

  /** The state of one nearest-neighbour query. */
  private final class Nearest {
    double qx;
    double qy;
    double qz;
    double best;
    int bestId;

    Nearest(double x, double y, double z) {
      reset(x, y, z);
    }

    void reset(double x, double y, double z) {
      qx = x;
      qy = y;
      qz = z;
      best = Double.POSITIVE_INFINITY;
      bestId = -1;
    }

    void visit(int slot) {
      double dx = pts[3 * slot] - qx;
      double dy = pts[3 * slot + 1] - qy;
      double dz = pts[3 * slot + 2] - qz;
      double d = dx * dx + dy * dy + dz * dz;
      if (d < best || (d == best && ids[slot] < bestId)) {
        best = d;
        bestId = ids[slot];
      }
    }

    void search(int lo, int hi) {
      if (hi - lo <= LEAF_SIZE) {
        for (int i = lo; i < hi; i++) {
          visit(i);
        }
        return;
      }
      int mid = (lo + hi) >>> 1;
      int d = axis[mid];
      double diff = (d == 0 ? qx : d == 1 ? qy : qz) - pts[3 * mid + d];
      visit(mid);
      if (diff < 0) {
        search(lo, mid);
        if (diff * diff <= best) {
          search(mid + 1, hi);
        }
      } else {
        search(mid + 1, hi);
        if (diff * diff <= best) {
          search(lo, mid);
        }
      }
    }
  }

  // ---------------------------------------------------------------- k nearest

  /** Indices of the k nearest points, nearest first (fewer if the tree has fewer than k points). */
  public int[] kNearest(double x, double y, double z, int k) {
    return kNearest(x, y, z, k, null);
  }

  /**
   * Indices of the k nearest points, nearest first; their squared distances go to
   * {@code outDistanceSquared} (length at least k) when it is not null.
   */
  public int[] kNearest(double x, double y, double z, int k, double[] outDistanceSquared) {
    if (k < 0) {
      throw new IllegalArgumentException("k = " + k);
    }
    KNearest s = new KNearest(x, y, z, Math.min(k, ids.length));
    if (s.capacity > 0) {
      s.search(0, ids.length);
    }
    // The heap holds the k best with the worst on top; sort ascending by (distance, index).
    int n = s.size;
    int[] out = new int[n];
    double[] dist = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = s.heapId[0];
      dist[i] = s.heapD[0];
      s.pop();
    }
    if (outDistanceSquared != null) {
      System.arraycopy(dist, 0, outDistanceSquared, 0, n);
    }
    return out;
  }

  /** The state of one k-nearest query: a bounded max-heap on (distance, index). */
  private final class KNearest {
    final double qx;
    final double qy;
    final double qz;
    final int capacity;
    final double[] heapD;
    final int[] heapId;
    int size;

    KNearest(double x, double y, double z, int capacity) {
      qx = x;
      qy = y;
      qz = z;
      this.capacity = capacity;
      heapD = new double[capacity];
      heapId = new int[capacity];
    }

    double bound() {
      return size < capacity ? Double.POSITIVE_INFINITY : heapD[0];
    }

    private boolean worse(int i, int j) { // entry i ranks after entry j
      return heapD[i] > heapD[j] || (heapD[i] == heapD[j] && heapId[i] > heapId[j]);
    }

    void visit(int slot) {
      double dx = pts[3 * slot] - qx;
      double dy = pts[3 * slot + 1] - qy;
      double dz = pts[3 * slot + 2] - qz;
      double d = dx * dx + dy * dy + dz * dz;
      int id = ids[slot];
      if (size < capacity) {
        heapD[size] = d;
        heapId[size] = id;
        siftUp(size++);
      } else if (d < heapD[0] || (d == heapD[0] && id < heapId[0])) {
        heapD[0] = d;
        heapId[0] = id;
        siftDown(0);
      }
    }

    void pop() {
      size--;
      heapD[0] = heapD[size];
      heapId[0] = heapId[size];
      siftDown(0);
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(i, parent)) {
          return;
        }
        swapHeap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          return;
        }
        int c = l + 1 < size && worse(l + 1, l) ? l + 1 : l;
        if (!worse(c, i)) {
          return;
        }
        swapHeap(i, c);
        i = c;
      }
    }

    private void swapHeap(int i, int j) {
      double d = heapD[i];
      heapD[i] = heapD[j];
      heapD[j] = d;
      int t = heapId[i];
      heapId[i] = heapId[j];
      heapId[j] = t;
    }

    void search(int lo, int hi) {
      if (hi - lo <= LEAF_SIZE) {
        for (int i = lo; i < hi; i++) {
          visit(i);
        }
        return;
      }
      int mid = (lo + hi) >>> 1;
      int d = axis[mid];
      double diff = (d == 0 ? qx : d == 1 ? qy : qz) - pts[3 * mid + d];
      visit(mid);
      if (diff < 0) {
        search(lo, mid);
        if (diff * diff <= bound()) {
          search(mid + 1, hi);
        }
      } else {
        search(mid + 1, hi);
        if (diff * diff <= bound()) {
          search(lo, mid);
        }
      }
    }
  }

  // ---------------------------------------------------------------- radius

  /** Indices of all points within distance {@code radius} (inclusive) of (x, y, z), ascending. */
  public int[] withinRadius(double x, double y, double z, double radius) {
    int[][] found = {new int[16]};
    int[] count = {0};
    forEachWithinRadius(x, y, z, radius, index -> {
      if (count[0] == found[0].length) {
        found[0] = Arrays.copyOf(found[0], count[0] * 2);
      }
      found[0][count[0]++] = index;
    });
    int[] out = Arrays.copyOf(found[0], count[0]);
    Arrays.sort(out);
    return out;
  }

  /**
   * Hands the index of every point within distance {@code radius} (inclusive) of (x, y, z) to {@code action},
   * in no set order: {@link #withinRadius} without its array and its sort, for callers that visit many.
   */
  public void forEachWithinRadius(double x, double y, double z, double radius, java.util.function.IntConsumer action) {
    double r2 = radius * radius;
    // Explicit stack of ranges; the depth of the implicit tree bounds its size.
    int[] stack = new int[128];
    int top = 0;
    stack[top++] = 0;
    stack[top++] = ids.length;
    while (top > 0) {
      int hi = stack[--top];
      int lo = stack[--top];
      if (hi - lo <= LEAF_SIZE) {
        for (int i = lo; i < hi; i++) {
          if (distanceSquared(i, x, y, z) <= r2) {
            action.accept(ids[i]);
          }
        }
        continue;
      }
      int mid = (lo + hi) >>> 1;
      int d = axis[mid];
      double diff = (d == 0 ? x : d == 1 ? y : z) - pts[3 * mid + d];
      if (distanceSquared(mid, x, y, z) <= r2) {
        action.accept(ids[mid]);
      }
      if (diff <= radius) { // left side holds coordinates <= split
        stack[top++] = lo;
        stack[top++] = mid;
      }
      if (diff >= -radius) {
        stack[top++] = mid + 1;
        stack[top++] = hi;
      }
    }
  }

  private double distanceSquared(int slot, double x, double y, double z) {
    double dx = pts[3 * slot] - x;
    double dy = pts[3 * slot + 1] - y;
    double dz = pts[3 * slot + 2] - z;
    return dx * dx + dy * dy + dz * dz;
  }
}
