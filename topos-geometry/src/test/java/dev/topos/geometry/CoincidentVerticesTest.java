package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Coincident vertices are joined exactly, and nothing else is. */
class CoincidentVerticesTest {
  /** A unit quad split into two triangles, as a soup (six vertices), the shared edge's ends written twice. */
  static Mesh quadSoup() {
    float[] p = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, -0f, 1, 1, 0, 0, 1, 0};
    return Mesh.ofTriangles(p, new int[] {0, 1, 2, 3, 4, 5});
  }

  @Test
  void aSoupIsJoinedIntoSharedVerticesInFirstOccurrenceOrder() {
    Mesh welded = CoincidentVertices.weld(quadSoup());
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, welded.positions());
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, welded.faceVertices(), "-0 and 0 are one position");
    // Joined, the shared vertices' normals are the surface's, not one triangle's.
    assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(welded.vertexNormals(), 0, 3), 1e-6f);
  }

  @Test
  void aMeshWithoutCoincidentVerticesIsReturnedAsItIs() {
    Mesh m = Mesh.ofTriangles(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 1, 2});
    assertSame(m, CoincidentVertices.weld(m));
  }

  @Test
  void theIndexNumbersEqualPositionsAlikeAndNeverMergesDistinctOnes() {
    SplittableRandom random = new SplittableRandom(3);
    int n = 50_000;
    float[] p = new float[3 * n];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) random.nextDouble(-1, 1);
    }
    p[3 * 777] = Math.nextUp(p[3 * 776]); // one ulp apart: distinct
    p[3 * 777 + 1] = p[3 * 776 + 1];
    p[3 * 777 + 2] = p[3 * 776 + 2];
    PositionIndex index = new PositionIndex(4); // grows many times
    for (int i = 0; i < n; i++) {
      assertEquals(i, index.add(p[3 * i], p[3 * i + 1], p[3 * i + 2]));
    }
    for (int i = n - 1; i >= 0; i -= 7) {
      assertEquals(i, index.add(p[3 * i], p[3 * i + 1], p[3 * i + 2]), "added again: its first number");
    }
    assertEquals(n, index.size());
    assertArrayEquals(p, index.positions());
  }
}
