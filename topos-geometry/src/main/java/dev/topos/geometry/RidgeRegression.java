package dev.topos.geometry;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A ridge regression fitted from rows streamed in one at a time: it keeps the normal equations
 * ({@code F'F}, {@code F'Y}), not the rows, so the memory is P x (P + T) whatever the number of
 * rows. The last feature of every row must be the constant 1; it is not penalised. Every other
 * feature is penalised by {@code ridge} times its variance over the rows times the number of rows,
 * so one ridge suits features of any scale.
 *
 * <p>Rows are gathered into blocks of 256 and added with EJML's multi-threaded {@code F'F}; the same
 * rows in the same order give the same bits.
 */
public final class RidgeRegression {
  private static final int BLOCK_ROWS = 256;

  private final int features;
  private final int targets;
  private final DMatrixRMaj normal; // [P, P]: F'F
  private final DMatrixRMaj rhs; // [P, T]: F'Y
  private final DMatrixRMaj blockFeatures; // [BLOCK_ROWS, P]
  private final DMatrixRMaj blockTargets; // [BLOCK_ROWS, T]
  private int blockFill;
  private long rows;

  /**
   * @param features P, the features per row, the constant included (at least 1)
   * @param targets T, the values regressed per row (at least 1)
   */
  public RidgeRegression(int features, int targets) {
    if (features < 1 || targets < 1) {
      throw new IllegalArgumentException("need at least one feature and one target, got " + features + " and " + targets);
    }
    this.features = features;
    this.targets = targets;
    this.normal = new DMatrixRMaj(features, features);
    this.rhs = new DMatrixRMaj(features, targets);
    this.blockFeatures = new DMatrixRMaj(BLOCK_ROWS, features);
    this.blockTargets = new DMatrixRMaj(BLOCK_ROWS, targets);
  }

  /** Rows added so far. */
  public long rows() {
    return rows;
  }

  /**
   * Adds one row.
   *
   * @param f its features, [P], the last one 1
   * @param y its targets, [T]
   */
  public void add(double[] f, double[] y) {
    if (f.length != features || y.length != targets) {
      throw new IllegalArgumentException("expected " + features + " features and " + targets + " targets, got " + f.length + " and "
          + y.length);
    }
    if (f[features - 1] != 1) {
      throw new IllegalArgumentException("the last feature must be the constant 1, got " + f[features - 1]);
    }
    System.arraycopy(f, 0, blockFeatures.data, blockFill * features, features);
    System.arraycopy(y, 0, blockTargets.data, blockFill * targets, targets);
    blockFill++;
    rows++;
    if (blockFill == BLOCK_ROWS) {
      flush();
    }
  }

  private void flush() {
    if (blockFill == 0) {
      return;
    }
    DMatrixRMaj f = blockFill == BLOCK_ROWS ? blockFeatures : CommonOps_DDRM.extract(blockFeatures, 0, blockFill, 0, features);
    DMatrixRMaj y = blockFill == BLOCK_ROWS ? blockTargets : CommonOps_DDRM.extract(blockTargets, 0, blockFill, 0, targets);
    CommonOps_MT_DDRM.multAddTransA(f, f, normal); // [P, P]
    CommonOps_MT_DDRM.multAddTransA(f, y, rhs); // [P, T]
    blockFill = 0;
  }

  /**
   * Solves the regression over the rows added so far (more may be added after).
   *
   * @param ridge the ridge weight, at least 0
   * @return W, [P, T] row-major, so that a row's prediction is {@code f W}
   */
  public float[] solve(double ridge) {
    if (!(ridge >= 0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("the ridge must be finite and at least 0, got " + ridge);
    }
    if (rows <= features) {
      throw new IllegalStateException("the regression needs more rows (" + rows + ") than features (" + features + ")");
    }
    flush();
    DMatrixRMaj a = normal.copy();
    int constant = features - 1;
    double n = normal.get(constant, constant); // the rows: the constant's sum of squares
    for (int m = 0; m < constant; m++) {
      double mean = normal.get(m, constant) / n; // sum of the feature over the rows / n
      double variance = Math.max(normal.get(m, m) / n - mean * mean, 0);
      a.add(m, m, ridge * n * variance + 1e-12);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(features);
    if (!solver.setA(a)) {
      throw new IllegalStateException("the normal equations are not positive definite (too few rows?)");
    }
    DMatrixRMaj w = new DMatrixRMaj(features, targets);
    solver.solve(rhs, w);
    float[] out = new float[features * targets];
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) w.get(j);
    }
    return out;
  }
}
