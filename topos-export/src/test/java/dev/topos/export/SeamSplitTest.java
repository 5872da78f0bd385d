package dev.topos.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.topos.geometry.Mesh;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeamSplitTest {

  @Test
  void cubeWithSeamsSplitsIntoTheUniqueVertexUvPairs() {
    Mesh cube = Fixtures.cubeWithSeams();
    SeamSplit split = SeamSplit.of(cube);

    // Hand count (see Fixtures.cubeWithSeams): 8 vertices * (strip + cap) + 2 strip ends = 18.
    assertEquals(18, split.vertexCount());
    assertEquals(12, split.triangleCount());
    // Copies grouped by original vertex, in vertex order; 4 and 7 carry the strip seam.
    assertArrayEquals(new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7}, split.sourceVertex());
    // Vertex 4's copies in the order their UVs first appear: front (b0), left (b4), bottom cap (uv 13).
    assertArrayEquals(new float[] {0f, 0.25f, 1f, 0.25f, 0f, 1f}, java.util.Arrays.copyOfRange(split.uvs(), 16, 22));
  }

  @Test
  void everyTriangleCornerKeepsItsPositionAndUv() {
    Mesh cube = Fixtures.cubeWithSeams();
    SeamSplit split = SeamSplit.of(cube);
    int[] originalVertices = cube.triangles();
    int[] originalUvs = cube.triangulateCorners(cube.faceUvs());
    for (int k = 0; k < originalVertices.length; k++) {
      int s = split.triangles()[k];
      assertEquals(originalVertices[k], split.sourceVertex()[s], "corner " + k);
      for (int c = 0; c < 3; c++) {
        assertEquals(cube.positions()[3 * originalVertices[k] + c], split.positions()[3 * s + c], "corner " + k);
      }
      assertEquals(cube.uvs()[2 * originalUvs[k]], split.uvs()[2 * s], "corner " + k);
      assertEquals(cube.uvs()[2 * originalUvs[k] + 1], split.uvs()[2 * s + 1], "corner " + k);
    }
  }

  @Test
  void copiesOfASeamVertexShareTheSmoothNormalOfTheOriginalVertex() {
    SeamSplit split = SeamSplit.of(Fixtures.cubeWithSeams());
    // Vertex 4 = (0, 0, 1) touches triangles of area 1/2: both halves of the front quad (+z; it is
    // that quad's corner 0, on the 0-2 diagonal) and one half each of left (-x) and bottom (-y):
    // sum (-1/2, -1/2, 1) -> (-1, -1, 2) / sqrt(6).
    float e = (float) (1 / Math.sqrt(6));
    for (int s = 8; s <= 10; s++) {
      assertEquals(4, split.sourceVertex()[s]);
      assertArrayEquals(new float[] {-e, -e, 2 * e}, java.util.Arrays.copyOfRange(split.normals(), 3 * s, 3 * s + 3), 1e-6f);
    }
  }

  @Test
  void twoQuadSeamSplitsTheSharedEdge() {
    SeamSplit split = SeamSplit.of(Fixtures.twoQuadsWithSeam());
    assertEquals(8, split.vertexCount());
    assertArrayEquals(new int[] {0, 1, 1, 2, 3, 4, 4, 5}, split.sourceVertex());
    // Quad A (0, 1, 4, 3) split 0-2: (0, 1, 4) and (0, 4, 3); quad B (1, 2, 5, 4): (1, 2, 5), (1, 5, 4).
    assertArrayEquals(new int[] {0, 1, 5, 0, 5, 4, 2, 3, 7, 2, 7, 6}, split.triangles());
  }

  @Test
  void duplicateUvValuesUnderDifferentIndicesDoNotSplit() {
    // Two triangles; the second reaches vertices 0 and 2 through other UV indices (4, 5) whose
    // values equal UVs 0 and 2 (UV 4 is -0, -0): equal values, so no seam and no split.
    float[] positions = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
    float[] uvs = {0, 0, 1, 0, 1, 1, 0, 1, -0f, -0f, 1, 1};
    int[] faceVertices = {0, 1, 2, 0, 2, 3};
    int[] faceUvs = {0, 1, 2, 4, 5, 3};
    Mesh mesh = new Mesh(positions, new int[] {0, 3, 6}, faceVertices, uvs, faceUvs, null, null, null, List.of());
    SeamSplit split = SeamSplit.of(mesh);
    assertEquals(4, split.vertexCount());
    assertArrayEquals(new int[] {0, 1, 2, 3}, split.sourceVertex());
    assertArrayEquals(faceVertices, split.triangles());
  }

  @Test
  void meshWithoutUvsKeepsItsVerticesAndGetsUnitNormals() {
    Mesh quad = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 5, 5, 5}, new int[] {0, 4}, new int[] {0, 1, 2, 3});
    SeamSplit split = SeamSplit.of(quad);
    assertNull(split.uvs());
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, split.sourceVertex());
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, split.triangles());
    // Flat quad: +z everywhere; the unused vertex 4 gets the fallback +z too.
    for (int s = 0; s < 5; s++) {
      assertArrayEquals(new float[] {0, 0, 1}, java.util.Arrays.copyOfRange(split.normals(), 3 * s, 3 * s + 3), 1e-7f);
    }
  }
}
