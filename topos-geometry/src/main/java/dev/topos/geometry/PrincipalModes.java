package dev.topos.geometry;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A Gaussian fitted to samples of a vector (a head's vertex coordinates, a model's error field):
 * the mean and the top K principal directions, each scaled by its standard deviation, so a sample
 * is {@code mean + modes^T z} with {@code z ~ N(0, I)}. The modes are kept as stored: 16-bit
 * integers times one scale per mode, so a written and read Gaussian is the fitted one, bit for bit.
 * The arrays are shared, not copied: callers must not change them.
 *
 * @param mean the samples' mean, [D]
 * @param modes K directions times their standard deviations, mode-major, [K * D]
 * @param samples how many samples the Gaussian was fitted on
 */
public record PrincipalModes(float[] mean, float[] modes, int samples) {
  /** The most mode values a file may hold (one Java array: 2^31 - 9 is the largest the JVM allocates). */
  public static final long MAX_STORED_VALUES = Integer.MAX_VALUE - 8;

  public PrincipalModes {
    if (mean.length == 0 || modes.length % mean.length != 0) {
      throw new IllegalArgumentException("modes must be K x " + mean.length + ", got " + modes.length + " values");
    }
  }

  /** K, the number of modes. */
  public int count() {
    return modes.length / mean.length;
  }

  /** D, the length of a sample. */
  public int dimension() {
    return mean.length;
  }

  /**
   * Fits the Gaussian to {@code samples} (each [D]) and keeps the top {@code k} directions (through
   * the samples' Gram matrix: cheap while samples &lt;&lt; D).
   */
  public static PrincipalModes fit(float[][] samples, int k) {
    int n = samples.length;
    if (n < 2 || k < 1 || k >= n) {
      throw new IllegalArgumentException("need at least 2 samples and 1 <= k < samples, got " + n + " samples, k " + k);
    }
    int d = samples[0].length;
    double[] mean = new double[d];
    for (float[] s : samples) {
      if (s.length != d) {
        throw new IllegalArgumentException("samples differ in length: " + s.length + " and " + d);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += s[j] / (double) n;
      }
    }
    DMatrixRMaj centred = new DMatrixRMaj(n, d); // [n, D]
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred.set(i, j, samples[i][j] - mean[j]);
      }
    }
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    CommonOps_DDRM.multTransB(centred, centred, gram); // [n, n]
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(gram)) {
      throw new IllegalStateException("eigendecomposition of the Gram matrix failed");
    }
    Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> -eig.getEigenvalue(i).real))
        .toArray(Integer[]::new);
    float[] modes = new float[k * d];
    DMatrixRMaj direction = new DMatrixRMaj(d, 1);
    for (int m = 0; m < k; m++) {
      // a unit direction is centred^T e / sqrt(lambda), its standard deviation sqrt(lambda / (n - 1))
      CommonOps_DDRM.multTransA(centred, eig.getEigenVector(order[m]), direction); // [D, 1]
      double scale = eig.getEigenvalue(order[m]).real > 0 ? 1 / Math.sqrt(n - 1.0) : 0;
      for (int j = 0; j < d; j++) {
        modes[m * d + j] = (float) (direction.get(j) * scale);
      }
    }
    float[] meanOut = new float[d];
    for (int j = 0; j < d; j++) {
      meanOut[j] = (float) mean[j];
    }
    return new PrincipalModes(meanOut, quantised(modes, d), n);
  }

  /** The sample {@code mean + modes^T z}, [D]. */
  public float[] sample(double[] z) {
    if (z.length != count()) {
      throw new IllegalArgumentException(count() + " modes but " + z.length + " coordinates");
    }
    int d = dimension();
    float[] out = mean.clone();
    for (int c = 0; c < z.length; c++) {
      float zc = (float) z[c];
      for (int j = 0; j < d; j++) {
        out[j] += zc * modes[c * d + j];
      }
    }
    return out;
  }

  /** Writes D, K, the sample count, the mean (floats), then per mode a scale and D shorts. */
  public void write(DataOutputStream out) throws IOException {
    int d = dimension();
    out.writeInt(d);
    out.writeInt(count());
    out.writeInt(samples);
    for (float x : mean) {
      out.writeFloat(x);
    }
    for (int c = 0; c < count(); c++) {
      float scale = scaleOf(modes, c * d, d);
      out.writeFloat(scale);
      for (int j = 0; j < d; j++) {
        out.writeShort(scale == 0 ? 0 : Math.round(modes[c * d + j] / scale));
      }
    }
  }

  /**
   * Reads what {@link #write} wrote, for samples of 3D points (D a multiple of 3): a header asking
   * for another D, more than {@code maxValues} per sample, more than {@code maxModes} modes or more
   * than {@link #MAX_STORED_VALUES} values in all, or as many modes as samples, is corrupt.
   *
   * @param what names the file kind in messages ("error-modes")
   */
  public static PrincipalModes read(DataInputStream in, int maxValues, int maxModes, String what) throws IOException {
    int d = in.readInt();
    int k = in.readInt();
    int samples = in.readInt();
    if (d <= 0 || d % 3 != 0 || d > maxValues || k <= 0 || k > maxModes || samples <= k || (long) k * d > MAX_STORED_VALUES) {
      throw new IOException("corrupt " + what + " header: " + d + " values, " + k + " modes, " + samples + " heads");
    }
    float[] mean = new float[d];
    for (int j = 0; j < d; j++) {
      mean[j] = finite(in.readFloat(), what);
    }
    float[] modes = new float[k * d];
    for (int c = 0; c < k; c++) {
      float scale = finite(in.readFloat(), what);
      if (scale < 0) {
        throw new IOException("corrupt " + what + " file: negative scale");
      }
      for (int j = 0; j < d; j++) {
        modes[c * d + j] = in.readShort() * scale;
      }
    }
    return new PrincipalModes(mean, modes, samples);
  }

  /** {@code x}, or an {@link IOException} naming the file kind if it is not finite. */
  public static float finite(float x, String what) throws IOException {
    if (!Float.isFinite(x)) {
      throw new IOException("corrupt " + what + " file: a non-finite value");
    }
    return x;
  }

  /** The modes as stored: each rounded to 16-bit steps of its own scale, so a round trip is exact. */
  /**
   * The posterior mean of standard-normal coordinates z given linear Gaussian observations: solves
   * {@code (I + normal) z = rhs} by Cholesky, where {@code normal} is {@code A^T W A / sigma^2}
   * (positive semi-definite, [C, C]) and {@code rhs} is {@code A^T W r / sigma^2} ([C, 1]). Both
   * kinds of modes condition their coordinates on a scan this way.
   *
   * @param normal changed: the identity is added to it
   * @param what names the fit in the error
   * @return z, [C, 1]
   */
  public static DMatrixRMaj posteriorCoordinates(DMatrixRMaj normal, DMatrixRMaj rhs, String what) {
    int c = normal.getNumRows();
    for (int i = 0; i < c; i++) {
      normal.add(i, i, 1);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.chol(c);
    if (!solver.setA(normal)) { // I + a positive semi-definite matrix: cannot happen with finite input
      throw new IllegalStateException("the " + what + "'s normal equations are not positive definite");
    }
    DMatrixRMaj z = new DMatrixRMaj(c, 1);
    solver.solve(rhs, z);
    return z;
  }

  private static float[] quantised(float[] modes, int d) {
    float[] out = modes.clone();
    for (int c = 0; c < modes.length / d; c++) {
      float scale = scaleOf(modes, c * d, d);
      for (int j = 0; j < d; j++) {
        out[c * d + j] = scale == 0 ? 0 : Math.round(modes[c * d + j] / scale) * scale;
      }
    }
    return out;
  }

  private static float scaleOf(float[] values, int from, int length) {
    float max = 0;
    for (int j = from; j < from + length; j++) {
      max = Math.max(max, Math.abs(values[j]));
    }
    return max / Short.MAX_VALUE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PrincipalModes p && samples == p.samples && java.util.Arrays.equals(mean, p.mean)
        && java.util.Arrays.equals(modes, p.modes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * java.util.Arrays.hashCode(mean) + java.util.Arrays.hashCode(modes)) + samples;
  }

  @Override
  public String toString() {
    return "PrincipalModes[" + count() + " modes over " + dimension() + " values, " + samples + " samples]";
  }
}
