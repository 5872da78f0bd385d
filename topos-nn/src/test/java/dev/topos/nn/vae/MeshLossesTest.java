package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.topos.topology.pyramid.GraphPyramid;
import dev.topos.topology.pyramid.PyramidSpec;
import dev.topos.topology.pyramid.VaeFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mesh losses on two triangles sharing an edge, with hand-computed answers. */
class MeshLossesTest {
  // Two triangles (0, 1, 2) and (0, 2, 3) in the plane z = 0, sharing the edge 0-2.
  static final float[] FLAT = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
  static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3};
  static VaeTemplate template;

  @BeforeAll
  static void build() {
    PyramidSpec spec = new PyramidSpec(0.5, 1, 1, 10);
    GraphPyramid pyramid = GraphPyramid.build(VaeFrame.of(FLAT), FLAT, new int[] {0, 1, 1, 2, 2, 3, 3, 0}, spec);
    float[] normals = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    template = new VaeTemplate(pyramid, FLAT, normals, TRIANGLES, VaeTemplate.interiorEdges(TRIANGLES));
  }

  @Test
  void interiorEdgesAreTheSharedOnes() {
    assertArrayEquals(new int[] {0, 1, 0, 2}, template.interiorEdges());
  }

  @Test
  void identicalShapesHaveZeroLosses() {
    float[] l = losses(FLAT, FLAT);
    assertArrayEquals(new float[] {0, 0, 0}, l, 1e-6f);
  }

  @Test
  void foldingOneTriangleBy90DegreesGivesHandComputedLosses() {
    // Vertex 3 moves from (0, 1, 0) to (0, 0, 1)... rotated about the diagonal is messy; instead lift
    // vertex 1 straight up: (1, 0, 0) -> (1, 0, 1) tilts triangle (0, 1, 2) about the diagonal 0-2.
    float[] folded = FLAT.clone();
    folded[5] = 1;
    // Triangle 0 becomes (0,0,0), (1,0,1), (1,1,0): normal (e1 x e2) = (1,0,1) x (1,1,0) = (-1, 1, 1)/sqrt3.
    double cos = 1 / Math.sqrt(3);
    // Face normal: triangle 0 has 1 - cos, triangle 1 has 0.
    double faceNormal = (1 - cos) / 2;
    // Angles of triangle 0: all edges have length sqrt2 -> equilateral, 60 degrees each; before: 90, 45, 45.
    double angle = (Math.abs(Math.PI / 3 - Math.PI / 2) + 2 * Math.abs(Math.PI / 3 - Math.PI / 4)) / 6;
    // Dihedral: the normals' angle is acos(1/sqrt3); before 0.
    double dihedral = Math.acos(cos);
    float[] l = losses(folded, FLAT);
    assertEquals(faceNormal, l[0], 1e-5);
    assertEquals(angle, l[1], 1e-5);
    assertEquals(dihedral, Math.abs(l[2]), 1e-5);
  }

  private static float[] losses(float[] predicted, float[] target) {
    try (NDManager m = NDManager.newBaseManager()) {
      MeshLosses losses = new MeshLosses(template, m);
      NDArray p = m.create(predicted, new Shape(4, 1, 3));
      NDArray t = m.create(target, new Shape(4, 1, 3));
      NDArray[] out = losses.losses(p, t);
      return new float[] {out[0].getFloat(), out[1].getFloat(), out[2].getFloat()};
    }
  }
}
