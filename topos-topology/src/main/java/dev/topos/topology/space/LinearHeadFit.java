package dev.topos.topology.space;

import dev.topos.topology.ReferenceTopology;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The best fit of the <em>linear</em> head space to a head in the reference topology: the base
 * shape plus a free linear combination of every morph target (macro, local and expression) plus a
 * translation, solved by ridge-regularised least squares on the head vertices.
 *
 * <p>This is the ceiling of what MakeHuman's space can express (it ignores the slider ranges and the
 * macro weighting rules, which only restrict the combinations), so its residual measures how far a
 * head lies outside the span. It is also the core of the linear-space baseline for retopology.
 */
public final class LinearHeadFit {
  private final int headVertices;
  private final int columns;
  private final float[] base; // [V*3] base positions, canonical-frame-free (translation is a column)
  private final double[][] basis; // [columns][V*3]
  private final LinearSolverDense<DMatrixRMaj> solver;

  /**
   * @param topology the reference topology (for the head-vertex count)
   * @param space the head space whose targets form the basis
   * @param ridge Tikhonov weight relative to the mean diagonal of the normal matrix (e.g. 1e-6)
   */
  public LinearHeadFit(ReferenceTopology topology, HeadSpace space, double ridge) {
    this.headVertices = topology.vertexCount();
    int n = 3 * headVertices;
    this.base = java.util.Arrays.copyOf(space.basePositions(), n);
    java.util.List<double[]> cols = new java.util.ArrayList<>();
    for (ShapeTarget t : space.targets().values()) {
      double[] c = new double[n];
      boolean any = false;
      for (int i = 0; i < t.vertices().length; i++) {
        int v = t.vertices()[i];
        if (v < headVertices) {
          for (int k = 0; k < 3; k++) {
            c[3 * v + k] = t.deltas()[3 * i + k];
          }
          any = true;
        }
      }
      if (any) {
        cols.add(c);
      }
    }
    for (int k = 0; k < 3; k++) { // translation
      double[] c = new double[n];
      for (int v = 0; v < headVertices; v++) {
        c[3 * v + k] = 1;
      }
      cols.add(c);
    }
    this.basis = cols.toArray(new double[0][]);
    this.columns = basis.length;
    DMatrixRMaj ata = new DMatrixRMaj(columns, columns);
    for (int a = 0; a < columns; a++) {
      for (int b = a; b < columns; b++) {
        double s = dot(basis[a], basis[b]);
        ata.set(a, b, s);
        ata.set(b, a, s);
      }
    }
    double meanDiag = 0;
    for (int a = 0; a < columns; a++) {
      meanDiag += ata.get(a, a) / columns;
    }
    for (int a = 0; a < columns; a++) {
      ata.add(a, a, ridge * meanDiag);
    }
    this.solver = LinearSolverFactory_DDRM.symmPosDef(columns);
    if (!solver.setA(ata)) {
      throw new IllegalStateException("normal matrix of the head space is singular");
    }
  }

  /** Number of basis columns (targets touching the head, plus 3 for translation). */
  public int columns() {
    return columns;
  }

  /** The best linear-space reconstruction [V*3] of the head positions [V*3]. */
  public float[] fit(float[] headPositions) {
    if (headPositions.length != 3 * headVertices) {
      throw new IllegalArgumentException("expected " + 3 * headVertices + " coordinates, got " + headPositions.length);
    }
    DMatrixRMaj atb = new DMatrixRMaj(columns, 1);
    double[] r = new double[headPositions.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = headPositions[i] - base[i];
    }
    for (int a = 0; a < columns; a++) {
      atb.set(a, 0, dot(basis[a], r));
    }
    DMatrixRMaj x = new DMatrixRMaj(columns, 1);
    solver.solve(atb, x);
    double[] out = new double[r.length];
    for (int a = 0; a < columns; a++) {
      double w = x.get(a, 0);
      double[] c = basis[a];
      for (int i = 0; i < out.length; i++) {
        out[i] += w * c[i];
      }
    }
    float[] fitted = new float[out.length];
    for (int i = 0; i < out.length; i++) {
      fitted[i] = (float) (base[i] + out[i]);
    }
    return fitted;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

}
