package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Offsets of a scan from a head's surface, at vertices and at the scan points' closest points. */
class SurfaceOffsetsTest {
  /** A 2 cm square at z = 0 in two triangles (normal +Z). */
  static final float[] SQUARE = {0, 0, 0, 0.02f, 0, 0, 0.02f, 0.02f, 0, 0, 0.02f, 0};
  static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3};
  static final boolean[] ALL = {true, true, true, true};

  @Test
  void aScanPointIsSeenAlongTheTriangleNormalAtItsClosestPoint() {
    float[] scan = {0.015f, 0.005f, 0.003f, 0.005f, 0.012f, -0.002f}; // above triangle 0, below triangle 1
    float[] up = {0, 0, 1, 0, 0, -1}; // unoriented normals read the same
    SurfaceOffsets o = SurfaceOffsets.atScanPoints(SQUARE, TRIANGLES, ALL, scan, up, 0.010);
    assertEquals(2, o.count());
    assertEquals(0.003, o.offsets()[0], 1e-7);
    assertEquals(-0.002, o.offsets()[1], 1e-7);
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, o.corners());
    for (int m = 0; m < 2; m++) {
      double[] at = new double[3];
      double sum = 0;
      for (int k = 0; k < 3; k++) {
        double w = o.weights()[3 * m + k];
        sum += w;
        for (int c = 0; c < 2; c++) {
          at[c] += w * SQUARE[3 * o.corners()[3 * m + k] + c];
        }
      }
      assertEquals(1, sum, 1e-9);
      assertEquals(scan[3 * m], at[0], 1e-7); // the closest point is straight below the scan point
      assertEquals(scan[3 * m + 1], at[1], 1e-7);
      assertEquals(1, Math.abs(o.normals()[3 * m + 2]), 1e-7);
    }
  }

  @Test
  void farSidewaysOrUnobservablePointsAreNotSeen() {
    float[] scan = {0.01f, 0.01f, 0.02f, 0.015f, 0.005f, 0.001f, 0.005f, 0.012f, 0.001f};
    float[] normals = {0, 0, 1, 1, 0, 0, 0, 0, 1}; // the second point's normal lies in the plane: another sheet
    boolean[] notThree = {true, true, true, false}; // triangle 1 (0, 2, 3) cannot be observed
    SurfaceOffsets o = SurfaceOffsets.atScanPoints(SQUARE, TRIANGLES, notThree, scan, normals, 0.010);
    assertEquals(0, o.count()); // 20 mm away; 90 degrees; on triangle 1
  }

  @Test
  void vertexOffsetsBecomeOneCornerOfWeightOne() {
    NormalOffsets seen = new NormalOffsets(new int[] {2, 5}, new float[] {0, 0, 1, 0, 1, 0}, new double[] {0.001, -0.002});
    SurfaceOffsets o = SurfaceOffsets.atVertices(seen);
    assertArrayEquals(new int[] {2, 2, 2, 5, 5, 5}, o.corners());
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, o.weights());
    SurfaceOffsets both = o.concat(o);
    assertEquals(4, both.count());
    assertArrayEquals(new double[] {0.001, -0.002, 0.001, -0.002}, both.offsets());
    assertThrows(IllegalArgumentException.class, () -> new SurfaceOffsets(new int[3], new double[3], new float[3], new double[2]));
  }
}
