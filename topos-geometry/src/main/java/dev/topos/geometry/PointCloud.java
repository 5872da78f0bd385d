package dev.topos.geometry;

import java.util.Arrays;
import java.util.Objects;

/**
 * Points with optional unit normals.
 *
 * @param positions [N*3], metres
 * @param normals [N*3] unit normals, or null
 */
public record PointCloud(float[] positions, float[] normals) {

  public PointCloud {
    Objects.requireNonNull(positions, "positions");
    if (positions.length % 3 != 0) {
      throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
    }
    if (normals != null && normals.length != positions.length) {
      throw new IllegalArgumentException("normals length " + normals.length + " != positions length " + positions.length);
    }
  }

  public int size() {
    return positions.length / 3;
  }

  public boolean hasNormals() {
    return normals != null;
  }

  /** The points where {@code keep} [N] is true, in order, with their normals. */
  public PointCloud select(boolean[] keep) {
    if (keep.length != size()) {
      throw new IllegalArgumentException("a mask of " + keep.length + " for " + size() + " points");
    }
    int kept = 0;
    float[] p = new float[positions.length];
    float[] n = normals == null ? null : new float[normals.length];
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        System.arraycopy(positions, 3 * i, p, 3 * kept, 3);
        if (n != null) {
          System.arraycopy(normals, 3 * i, n, 3 * kept, 3);
        }
        kept++;
      }
    }
    return new PointCloud(Arrays.copyOf(p, 3 * kept), n == null ? null : Arrays.copyOf(n, 3 * kept));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PointCloud p && Arrays.equals(positions, p.positions) && Arrays.equals(normals, p.normals);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(positions) * 31 + Arrays.hashCode(normals);
  }

  @Override
  public String toString() {
    return "PointCloud[" + size() + " points" + (hasNormals() ? ", normals" : "") + "]";
  }
}
