package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ScanToSurfaceTest {
  // The unit square in z = 0 as two triangles: (0,1,2) below the diagonal x = y, (0,2,3) above it.
  static final float[] SQUARE = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3};

  @Test
  void pointsMatchTheirClosestPointOnTheTrianglesNotTheirNearestVertex() {
    // Above the middle of the lower triangle, above the upper one, and beside the square's edge.
    float[] scan = {0.6f, 0.2f, 0.1f, 0.25f, 0.75f, -0.2f, 1.3f, 0.5f, 0};
    ScanToSurface m = ScanToSurface.match(SQUARE, TRIANGLES, scan, null, 10);
    assertEquals(3, m.count());
    assertEquals((0.1 + 0.2 + 0.3) / 3, m.score(), 1e-6); // heights, and 0.3 to the edge x = 1
    for (int i = 0; i < 3; i++) {
      float[] closest = new float[3];
      for (int c = 0; c < 3; c++) {
        for (int k = 0; k < 3; k++) {
          closest[k] += m.weights()[3 * i + c] * SQUARE[3 * m.corners()[3 * i + c] + k];
        }
      }
      int p = m.points()[i];
      float[] expected = {Math.min(scan[3 * p], 1), scan[3 * p + 1], 0};
      assertArrayEquals(expected, closest, 1e-6f, "scan point " + p);
    }
    assertArrayEquals(new int[] {0, 1, 2}, java.util.Arrays.copyOfRange(m.corners(), 0, 3)); // the lower triangle
    assertArrayEquals(new int[] {0, 2, 3}, java.util.Arrays.copyOfRange(m.corners(), 3, 6)); // the upper one
  }

  @Test
  void farPointsAreDroppedAndCountAsTheCapInTheScore() {
    // Four points 0.01 above the square and one 5 above it: beyond three times the median, and beyond the cap 2.
    float[] scan = {0.2f, 0.1f, 0.01f, 0.8f, 0.1f, 0.01f, 0.2f, 0.9f, 0.01f, 0.5f, 0.4f, 0.01f, 0.5f, 0.5f, 5};
    ScanToSurface m = ScanToSurface.match(SQUARE, TRIANGLES, scan, null, 2);
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.points());
    assertEquals((4 * 0.01 + 2) / 5, m.score(), 1e-6);
    // With a cap of 0.005, the 0.01 matches are beyond it too.
    ScanToSurface tight = ScanToSurface.match(SQUARE, TRIANGLES, scan, null, 0.005);
    assertEquals(0, tight.count());
    assertEquals(0.005, tight.score(), 1e-9);
  }

  @Test
  void pointsOwnedByAnUnmatchedVertexAreDropped() {
    // The first point lies nearest corner 1 (weight 0.8 there), the second nearest corner 3.
    float[] scan = {0.9f, 0.1f, 0.01f, 0.1f, 0.9f, 0.01f};
    boolean[] unmatched = {false, true, false, false};
    ScanToSurface m = ScanToSurface.match(SQUARE, TRIANGLES, scan, unmatched, 1);
    assertArrayEquals(new int[] {1}, m.points());
    assertEquals(0.01, m.score(), 1e-6); // the score counts every point
  }
}
