package dev.topos.geometry;

/**
 * A bounding-volume hierarchy over triangles (axis-aligned boxes, median split of centroids
 * along the widest axis, at most {@value #LEAF_SIZE} triangles per leaf), shared by
 * {@link ClosestPointOnMesh} and {@link SelfIntersection}.
 *
 * <p>Nodes live in flat arrays; node 0 is the root. An inner node's children are
 * {@code left[n]} and {@code left[n] + 1}; a leaf ({@code left[n] < 0}) holds triangles
 * {@code order[first[n] .. first[n] + count[n] - 1]}. Triangle corners are copied in double
 * precision in leaf order ({@code corners}, 9 per slot) for cache-friendly queries. Immutable
 * after construction.
 */
final class TriangleBvh {
  static final int LEAF_SIZE = 4;

  final int triangleCount;
  final int[] order;      // triangle index of each slot
  final double[] corners; // slot-ordered corners, [T*9]
  final double[] box;     // node boxes, 6 per node: min xyz, max xyz
  final int[] left;       // first child of inner nodes, -1 for leaves
  final int[] first;      // first slot of leaves
  final int[] count;      // triangle count of leaves
  final int depth;
  private int nodes;

  TriangleBvh(float[] positions, int[] triangles) {
    if (triangles.length % 3 != 0) {
      throw new IllegalArgumentException("triangle index count " + triangles.length + " is not a multiple of 3");
    }
    int vertexCount = positions.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= vertexCount) {
        throw new IllegalArgumentException("triangle corner " + i + " refers to vertex " + triangles[i] + " of " + vertexCount);
      }
    }
    for (int i = 0; i < triangles.length; i++) {
      int v = 3 * triangles[i];
      if (!Float.isFinite(positions[v]) || !Float.isFinite(positions[v + 1]) || !Float.isFinite(positions[v + 2])) {
        throw new IllegalArgumentException("vertex " + triangles[i] + " has a non-finite coordinate");
      }
    }
    triangleCount = triangles.length / 3;
    order = new int[triangleCount];
    double[] centroid = new double[triangleCount * 3];
    for (int t = 0; t < triangleCount; t++) {
      order[t] = t;
      for (int k = 0; k < 3; k++) {
        centroid[3 * t + k] = (positions[3 * triangles[3 * t] + k] + positions[3 * triangles[3 * t + 1] + k]
            + positions[3 * triangles[3 * t + 2] + k]) / 3.0;
      }
    }
    int maxNodes = Math.max(1, 2 * triangleCount);
    box = new double[6 * maxNodes];
    left = new int[maxNodes];
    first = new int[maxNodes];
    count = new int[maxNodes];
    nodes = 1;
    depth = build(0, 0, triangleCount, centroid, positions, triangles);
    corners = new double[triangleCount * 9];
    for (int s = 0; s < triangleCount; s++) {
      int t = order[s];
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 3; k++) {
          corners[9 * s + 3 * c + k] = positions[3 * triangles[3 * t + c] + k];
        }
      }
    }
  }

  /** Builds node {@code n} over slots [lo, hi); returns the subtree depth. */
  private int build(int n, int lo, int hi, double[] centroid, float[] positions, int[] triangles) {
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] cb = b.clone(); // centroid bounds
    for (int s = lo; s < hi; s++) {
      int t = order[s];
      for (int c = 0; c < 3; c++) {
        int v = 3 * triangles[3 * t + c];
        for (int k = 0; k < 3; k++) {
          b[k] = Math.min(b[k], positions[v + k]);
          b[k + 3] = Math.max(b[k + 3], positions[v + k]);
        }
      }
      for (int k = 0; k < 3; k++) {
        cb[k] = Math.min(cb[k], centroid[3 * t + k]);
        cb[k + 3] = Math.max(cb[k + 3], centroid[3 * t + k]);
      }
    }
    System.arraycopy(b, 0, box, 6 * n, 6);
    if (hi - lo <= LEAF_SIZE) {
      left[n] = -1;
      first[n] = lo;
      count[n] = hi - lo;
      return 1;
    }
    int axis = 0;
    for (int k = 1; k < 3; k++) {
      if (cb[k + 3] - cb[k] > cb[axis + 3] - cb[axis]) {
        axis = k;
      }
    }
    int mid = (lo + hi) >>> 1;
    int splitAxis = axis;
    QuickSelect.select(new QuickSelect.Slots() {
      @Override
      public double key(int slot) {
        return centroid[3 * order[slot] + splitAxis];
      }

      @Override
      public void swap(int i, int j) {
        TriangleBvh.this.swap(i, j);
      }
    }, lo, hi - 1, mid);
    int l = nodes;
    nodes += 2;
    left[n] = l;
    int dl = build(l, lo, mid, centroid, positions, triangles);
    int dr = build(l + 1, mid, hi, centroid, positions, triangles);
    return 1 + Math.max(dl, dr);
  }

  private void swap(int i, int j) {
    int t = order[i];
    order[i] = order[j];
    order[j] = t;
  }

  /** Squared distance from a point to node n's box (0 inside). */
  double boxDistanceSquared(int n, double x, double y, double z) {
    int b = 6 * n;
    double dx = Math.max(0, Math.max(box[b] - x, x - box[b + 3]));
    double dy = Math.max(0, Math.max(box[b + 1] - y, y - box[b + 4]));
    double dz = Math.max(0, Math.max(box[b + 2] - z, z - box[b + 5]));
    return dx * dx + dy * dy + dz * dz;
  }

  /** Whether node n's box overlaps (closed) the given box {min xyz, max xyz}. */
  boolean overlaps(int n, double[] query) {
    int b = 6 * n;
    return box[b] <= query[3] && query[0] <= box[b + 3]
        && box[b + 1] <= query[4] && query[1] <= box[b + 4]
        && box[b + 2] <= query[5] && query[2] <= box[b + 5];
  }
}
