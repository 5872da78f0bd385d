package dev.topos.topology.fit;

import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadSpace;
import dev.topos.topology.space.LinearHeadFit;
import dev.topos.topology.space.ShapeTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The ridge least-squares fit of the linear head space, exactly as {@link LinearHeadFit} defines it
 * (the base shape plus every target that moves a head vertex plus a translation; Tikhonov weight
 * relative to the mean diagonal of the normal matrix), but with the normal matrix
 * {@code G = A^T A} eigendecomposed once, {@code G = Q diag(lambda) Q^T}, instead of Cholesky-factored
 * at one fixed weight. A fit at <em>any</em> ridge weight r then costs the same two products with the
 * basis: {@code c = Q diag(1 / (lambda + r * meanDiag)) Q^T A^T (t - base)}. Non-rigid ICP needs this
 * to anneal the stiffness (start stiff, end loose) without factoring the matrix again per weight.
 *
 * <p>Units: positions in metres, [V*3] over the head vertices. Building costs about as much as
 * {@link LinearHeadFit} (forming G dominates, seconds); a fit costs tens of milliseconds. Immutable
 * and thread-safe.
 */
final class SpectralRidgeFit {
  private final int coordinates; // 3V
  private final float[] base; // [3V]
  private final float[][] basis; // [columns][3V]; float like the stored target deltas (half the memory)
  private final int[] first; // first non-zero coordinate of each column
  private final int[] end; // one past the last non-zero coordinate
  private final double[][] q; // eigenvectors: q[k] is the k-th eigenvector, [columns]
  private final double[] lambda; // eigenvalues of G
  private final double meanDiagonal;

  SpectralRidgeFit(ReferenceTopology topology, HeadSpace space) {
    int v = topology.vertexCount();
    coordinates = 3 * v;
    base = Arrays.copyOf(space.basePositions(), coordinates);
    List<float[]> cols = new ArrayList<>();
    for (ShapeTarget t : space.targets().values()) {
      float[] c = new float[coordinates];
      boolean any = false;
      for (int i = 0; i < t.vertices().length; i++) {
        int vertex = t.vertices()[i];
        if (vertex < v) {
          for (int k = 0; k < 3; k++) {
            c[3 * vertex + k] = t.deltas()[3 * i + k];
          }
          any = true;
        }
      }
      if (any) {
        cols.add(c);
      }
    }
    for (int k = 0; k < 3; k++) { // translation
      float[] c = new float[coordinates];
      for (int vertex = 0; vertex < v; vertex++) {
        c[3 * vertex + k] = 1;
      }
      cols.add(c);
    }
    basis = cols.toArray(new float[0][]);
    int n = basis.length;
    first = new int[n];
    end = new int[n];
    for (int a = 0; a < n; a++) {
      int lo = 0;
      while (lo < coordinates && basis[a][lo] == 0) {
        lo++;
      }
      int hi = coordinates;
      while (hi > lo && basis[a][hi - 1] == 0) {
        hi--;
      }
      first[a] = lo;
      end[a] = hi;
    }
    DMatrixRMaj g = new DMatrixRMaj(n, n);
    double trace = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = dot(basis[a], basis[b], Math.max(first[a], first[b]), Math.min(end[a], end[b]));
        g.set(a, b, s);
        g.set(b, a, s);
      }
      trace += g.get(a, a);
    }
    meanDiagonal = trace / n;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(g)) {
      throw new IllegalStateException("eigendecomposition of the head space's normal matrix failed");
    }
    q = new double[n][];
    lambda = new double[n];
    for (int k = 0; k < n; k++) {
      lambda[k] = Math.max(0, eig.getEigenvalue(k).getReal()); // G is positive semi-definite
      q[k] = eig.getEigenVector(k).getData().clone();
    }
  }

  /** Number of basis columns (targets touching the head, plus 3 for translation). */
  int columns() {
    return basis.length;
  }

  /**
   * The ridge fit of the linear space to target positions.
   *
   * @param target head positions [V*3], metres
   * @param ridge Tikhonov weight relative to the mean diagonal of the normal matrix (as
   *     {@link LinearHeadFit}), positive
   * @return the fitted head positions [V*3], metres
   */
  float[] fit(float[] target, double ridge) {
    if (target.length != coordinates) {
      throw new IllegalArgumentException("expected " + coordinates + " coordinates, got " + target.length);
    }
    int n = basis.length;
    double[] r = new double[coordinates];
    for (int i = 0; i < coordinates; i++) {
      r[i] = target[i] - base[i];
    }
    double[] atb = new double[n];
    for (int a = 0; a < n; a++) {
      float[] c = basis[a];
      double s = 0;
      for (int i = first[a]; i < end[a]; i++) {
        s += c[i] * r[i];
      }
      atb[a] = s;
    }
    double damping = ridge * meanDiagonal;
    double[] coef = new double[n];
    for (int k = 0; k < n; k++) {
      double[] e = q[k];
      double z = 0;
      for (int a = 0; a < n; a++) {
        z += e[a] * atb[a];
      }
      z /= lambda[k] + damping;
      for (int a = 0; a < n; a++) {
        coef[a] += z * e[a];
      }
    }
    double[] out = new double[coordinates];
    for (int a = 0; a < n; a++) {
      float[] c = basis[a];
      double w = coef[a];
      for (int i = first[a]; i < end[a]; i++) {
        out[i] += w * c[i];
      }
    }
    float[] fitted = new float[coordinates];
    for (int i = 0; i < coordinates; i++) {
      fitted[i] = (float) (base[i] + out[i]);
    }
    return fitted;
  }

  private static double dot(float[] a, float[] b, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
