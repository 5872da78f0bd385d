package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * The geometric losses of TOPOS-VAE on the reference triangulation, for positions laid out
 * {@code [V, B, 3]}. Each is a mean over its elements (and the batch):
 * <ul>
 *   <li>face normal: {@code 1 - cos} between predicted and target triangle normals;
 *   <li>triangle angles: L1 between the three interior angles of each triangle, radians, each angle
 *       {@code atan2(|e1 x e2|, e1 . e2)} (finite gradients, unlike acos);
 *   <li>dihedral angles: L1 between the signed angles between the normals of the two triangles at
 *       each interior edge, {@code atan2((n1 x n2) . e, n1 . n2)} with {@code e} the unit edge from
 *       its lower to its higher vertex index (so the sign tells convex from concave the same way
 *       for prediction and target).
 * </ul>
 * The targets' angles are computed from the target positions with the same code.
 */
final class MeshLosses {

  /** Added under square roots: |cross|^2 of the head's triangles in the unit frame is ~1e-8 or more. */
  private static final float EPS = 1e-14f;

  private final NDArray cornerA; // int64 [T]
  private final NDArray cornerB;
  private final NDArray cornerC;
  private final NDArray edgeT1; // int64 [P]
  private final NDArray edgeT2;
  private final NDArray edgeA;
  private final NDArray edgeB;

  MeshLosses(VaeTemplate template, NDManager constants) {
    int[] tri = template.triangles();
    int t = tri.length / 3;
    int[][] corners = new int[3][t];
    for (int i = 0; i < t; i++) {
      for (int k = 0; k < 3; k++) {
        corners[k][i] = tri[3 * i + k];
      }
    }
    cornerA = constants.create(toLong(corners[0]));
    cornerB = constants.create(toLong(corners[1]));
    cornerC = constants.create(toLong(corners[2]));
    int[] edges = template.interiorEdges();
    int p = edges.length / 4;
    int[][] e = new int[4][p];
    for (int i = 0; i < p; i++) {
      for (int k = 0; k < 4; k++) {
        e[k][i] = edges[4 * i + k];
      }
    }
    edgeT1 = constants.create(toLong(e[0]));
    edgeT2 = constants.create(toLong(e[1]));
    edgeA = constants.create(toLong(e[2]));
    edgeB = constants.create(toLong(e[3]));
  }

  /**
   * Index arrays for {@code x.get(index)} must be int64: DJL's PyTorch engine converts an int32
   * index to int64 on every call and leaves the copy in the index's (the model's) manager.
   */
  static long[] toLong(int[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Per-triangle and per-edge quantities of one shape. */
  private record Shape3(NDArray normals, NDArray angles, NDArray dihedrals) {}

  private Shape3 measure(NDArray positions) { // [V, B, 3]
    NDArray a = positions.get(cornerA); // [T, B, 3]
    NDArray b = positions.get(cornerB);
    NDArray c = positions.get(cornerC);
    NDArray ab = b.sub(a);
    NDArray ac = c.sub(a);
    NDArray bc = c.sub(b);
    NDArray cross = cross(ab, ac); // [T, B, 3], |cross| = twice the area
    NDArray twiceArea = norm(cross); // [T, B, 1]
    NDArray normals = cross.div(twiceArea); // [T, B, 3]
    NDArray angleA = twiceArea.atan2(dot(ab, ac)); // [T, B, 1]
    NDArray angleB = twiceArea.atan2(dot(ab.neg(), bc));
    NDArray angleC = twiceArea.atan2(dot(ac, bc));
    NDArray angles = angleA.concat(angleB, 2).concat(angleC, 2); // [T, B, 3]
    NDArray n1 = normals.get(edgeT1); // [P, B, 3]
    NDArray n2 = normals.get(edgeT2);
    NDArray edge = positions.get(edgeB).sub(positions.get(edgeA)); // [P, B, 3]
    edge = edge.div(norm(edge));
    NDArray dihedrals = dot(cross(n1, n2), edge).atan2(dot(n1, n2)); // [P, B, 1]
    return new Shape3(normals, angles, dihedrals);
  }

  /** The three terms for predicted and target positions, both {@code [V, B, 3]}: face normal, angle, dihedral. */
  NDArray[] losses(NDArray predicted, NDArray target) {
    Shape3 p = measure(predicted);
    Shape3 t = measure(target);
    NDArray faceNormal = dot(p.normals(), t.normals()).neg().add(1f).mean();
    NDArray angle = p.angles().sub(t.angles()).abs().mean();
    NDArray dihedral = p.dihedrals().sub(t.dihedrals()).abs().mean();
    return new NDArray[] {faceNormal, angle, dihedral};
  }

  /** {@code [..., 3] x [..., 3] -> [..., 3]}. */
  static NDArray cross(NDArray u, NDArray v) {
    int last = u.getShape().dimension() - 1;
    NDList us = u.split(3, last); // 3 x [..., 1]
    NDList vs = v.split(3, last);
    NDArray x = us.get(1).mul(vs.get(2)).sub(us.get(2).mul(vs.get(1)));
    NDArray y = us.get(2).mul(vs.get(0)).sub(us.get(0).mul(vs.get(2)));
    NDArray z = us.get(0).mul(vs.get(1)).sub(us.get(1).mul(vs.get(0)));
    return x.concat(y, last).concat(z, last);
  }

  /** {@code [..., 3] . [..., 3] -> [..., 1]}. */
  static NDArray dot(NDArray u, NDArray v) {
    return u.mul(v).sum(new int[] {u.getShape().dimension() - 1}, true);
  }

  /** {@code |u| -> [..., 1]}, smoothed by EPS under the root. */
  static NDArray norm(NDArray u) {
    return dot(u, u).add(EPS).sqrt();
  }
}
