package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EdgeLengthRangeTest {
  // Unit quad 0-1-2-3 and triangle 1-4-2: edges 0-1, 0-3, 1-2, 1-4, 2-3, 2-4.
  private static final Mesh QUAD_AND_TRIANGLE =
      Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0}, new int[] {0, 4, 7},
          new int[] {0, 1, 2, 3, 1, 4, 2});

  private static float[] scaledX(float s) {
    float[] p = QUAD_AND_TRIANGLE.positions().clone();
    for (int v = 0; v < p.length / 3; v++) {
      p[3 * v] *= s;
    }
    return p;
  }

  @Test
  void rangeIsTheMinAndMaxOfEachEdgeOverTheHeads() {
    EdgeLengthRange r = EdgeLengthRange.of(QUAD_AND_TRIANGLE, List.of(scaledX(1), scaledX(2)));
    // Edge 0-1 is 1 or 2 long, 0-3 is vertical (always 1), 1-4 is 1 or 2.
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, Math.sqrt(2)}, r.min(), 1e-12);
    assertArrayEquals(new double[] {2, 1, 1, 2, 2, Math.sqrt(5)}, r.max(), 1e-12);
    assertEquals(1, r.globalMin(), 0);
    assertEquals(Math.sqrt(5), r.globalMax(), 1e-12);
  }

  @Test
  void excessIsTheWorstRatioOutsideTheRange() {
    EdgeLengthRange r = EdgeLengthRange.of(QUAD_AND_TRIANGLE, List.of(scaledX(1), scaledX(2)));
    assertEquals(1, r.excess(QUAD_AND_TRIANGLE.withPositions(scaledX(1.5f))), 0);
    // x 3: edge 0-1 is 3 long against at most 2 (edge 2-4 is only sqrt(10) against sqrt(5)).
    assertEquals(1.5, r.excess(QUAD_AND_TRIANGLE.withPositions(scaledX(3))), 1e-6);
    // x 0.5: edge 0-1 is 0.5 long against at least 1.
    assertEquals(2, r.excess(QUAD_AND_TRIANGLE.withPositions(scaledX(0.5f))), 1e-6);
    // Against all edges together: 0.5 is still short of 1, and the longest edge, sqrt(10), is
    // measured against the longest of any head, sqrt(5).
    assertEquals(2, r.globalExcess(QUAD_AND_TRIANGLE.withPositions(scaledX(0.5f))), 1e-6);
    assertEquals(Math.sqrt(10) / Math.sqrt(5), r.globalExcess(QUAD_AND_TRIANGLE.withPositions(scaledX(3))), 1e-6);
  }

  @Test
  void headsOfAnotherTopologyAreRefused() {
    EdgeLengthRange r = EdgeLengthRange.of(QUAD_AND_TRIANGLE, List.of(scaledX(1)));
    assertThrows(IllegalArgumentException.class, () -> r.excess(TestMeshes.cubeQuads()));
    assertThrows(IllegalArgumentException.class, () -> EdgeLengthRange.of(QUAD_AND_TRIANGLE, List.of()));
  }
}
