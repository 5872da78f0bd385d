package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SurfaceMatchesTest {
  // The unit square in z = 0 as two triangles: (0,1,2) below the diagonal x = y, (0,2,3) above it.
  static final float[] SQUARE = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3};

  @Test
  void pointsMatchTheirClosestPointOnTheTrianglesNotTheirNearestVertex() {
    // Above the middle of the lower triangle, above the upper one, and beside the square's edge.
    float[] scan = {0.6f, 0.2f, 0.1f, 0.25f, 0.75f, -0.2f, 1.3f, 0.5f, 0};
    SurfaceMatches m = SurfaceMatches.match(SQUARE, TRIANGLES, scan, null, 10);
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
    assertArrayEquals(new int[] {0, 1, 2}, Arrays.copyOfRange(m.corners(), 0, 3)); // the lower triangle
    assertArrayEquals(new int[] {0, 2, 3}, Arrays.copyOfRange(m.corners(), 3, 6)); // the upper one
  }

  @Test
  void theClosestPointsRebuiltFromTheVerticesAreTheSearchedOnesAndMoveWithThem() {
    float[] scan = {0.6f, 0.2f, 0.1f, 0.25f, 0.75f, -0.2f, 1.3f, 0.5f, 0};
    SurfaceMatches m = SurfaceMatches.match(SQUARE, TRIANGLES, scan, null, 10);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray xyz = manager.create(SQUARE, new Shape(4, 3)); // [V, 3]
      assertArrayEquals(new float[] {0.6f, 0.2f, 0, 0.25f, 0.75f, 0, 1, 0.5f, 0}, m.closestPoints(manager, xyz).toFloatArray(), 1e-6f);
      assertArrayEquals(scan, m.matchedPoints(manager, manager.create(scan, new Shape(3, 3))).toFloatArray());
      // The square lifted by 0.5: the same barycentric points, lifted too.
      NDArray lifted = xyz.add(manager.create(new float[] {0, 0, 0.5f})); // [V, 3]
      assertArrayEquals(new float[] {0.6f, 0.2f, 0.5f, 0.25f, 0.75f, 0.5f, 1, 0.5f, 0.5f}, m.closestPoints(manager, lifted).toFloatArray(), 1e-6f);
    }
  }

  @Test
  void farPointsAreDroppedAndCountAsTheCapInTheScore() {
    // Four points 0.01 above the square and one 0.05 above it: beyond three times the median, within the cap 10.
    float[] scan = {0.2f, 0.1f, 0.01f, 0.8f, 0.1f, 0.01f, 0.2f, 0.9f, 0.01f, 0.5f, 0.4f, 0.01f, 0.5f, 0.5f, 0.05f};
    SurfaceMatches m = SurfaceMatches.match(SQUARE, TRIANGLES, scan, null, 10);
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.points());
    assertEquals((4 * 0.01 + 0.05) / 5, m.score(), 1e-6);
    // With a cap of 0.02 the far point counts as 0.02 in the score; with 0.005 every point is beyond the cap.
    assertEquals((4 * 0.01 + 0.02) / 5, SurfaceMatches.match(SQUARE, TRIANGLES, scan, null, 0.02).score(), 1e-6);
    SurfaceMatches tight = SurfaceMatches.match(SQUARE, TRIANGLES, scan, null, 0.005);
    assertEquals(0, tight.count());
    assertEquals(0.005, tight.score(), 1e-9);
  }

  @Test
  void pointsOwnedByAnAbsorbingVertexAreDropped() {
    // The first point lies nearest corner 1 (the second corner of its triangle, weight 0.8), the second
    // nearest corner 3 (the third corner of its triangle), the third nearest corner 0 (the first of its).
    float[] scan = {0.9f, 0.1f, 0.01f, 0.1f, 0.9f, 0.01f, 0.1f, 0.05f, 0.01f};
    assertArrayEquals(new int[] {1, 2}, SurfaceMatches.match(SQUARE, TRIANGLES, scan, new boolean[] {false, true, false, false}, 1).points());
    assertArrayEquals(new int[] {0, 2}, SurfaceMatches.match(SQUARE, TRIANGLES, scan, new boolean[] {false, false, false, true}, 1).points());
    SurfaceMatches m = SurfaceMatches.match(SQUARE, TRIANGLES, scan, new boolean[] {true, false, false, false}, 1);
    assertArrayEquals(new int[] {0, 1}, m.points());
    assertEquals(0.01, m.score(), 1e-6); // the score counts every point
  }
}
