package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EdgeLengthsTest {

  @Test
  void quadAndTriangleShareOneEdge() {
    // Unit quad 0-1-2-3 and triangle 1-4-2 with vertex 4 at (2, 0, 0).
    float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 2, 0, 0};
    Mesh m = Mesh.of(p, new int[] {0, 4, 7}, new int[] {0, 1, 2, 3, 1, 4, 2});
    EdgeLengths e = EdgeLengths.of(m);
    // Polygon sides only: the quad's diagonal 0-2 is not an edge.
    assertArrayEquals(new int[] {0, 1, 0, 3, 1, 2, 1, 4, 2, 3, 2, 4}, e.edges());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, Math.sqrt(2)}, e.lengths(), 1e-12);
    assertEquals(6, e.count());
    assertEquals((5 + Math.sqrt(2)) / 6, e.mean(), 1e-12);
    assertEquals(1, e.min(), 0);
    assertEquals(Math.sqrt(2), e.max(), 1e-12);
  }

  @Test
  void cubeHasTwelveEdges() {
    EdgeLengths e = EdgeLengths.of(TestMeshes.cubeQuads());
    assertEquals(12, e.count());
    assertEquals(1.0, e.min(), 0);
    assertEquals(1.0, e.max(), 0);
  }
}
