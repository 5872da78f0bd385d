package dev.topos.nn.vae;

import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.PrincipalModes;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear output layer on the decoded head, fitted in closed form: {@code head + E (W f)}, all in
 * the VAE's unit frame, where {@code f} holds the head's coordinates along the top principal
 * directions of training heads' decoded heads, seeded Gaussian projections of the encoder's latent,
 * and a constant; {@code W} is a ridge regression from {@code f} to the error's coordinates (truth
 * minus decoded head) along the error's own mean and top principal directions {@code E}, over the
 * decoded heads of training heads.
 *
 * <p>Why: the network is underfit on this machine's training budget (its training loss equals its
 * validation error), and part of what it gets wrong is systematic and linear in its own answer:
 * heads pulled towards the average, parts placed a little off in a way the rest of the head
 * predicts. A least-squares layer on top removes that part at the cost of a matrix product
 * (tools/diagnostics/linear-calibration.jsh, calibration-unit.jsh). It reads nothing but the
 * network's answer, so the result is still the feed-forward answer.
 *
 * <p>The unit frame is the scan's own (its bounding box), so nothing about where the synthetic
 * heads sit in space leaks in. The arrays are shared, not copied: callers must not change them.
 * The file does not record which weights it was fitted for: refit it whenever they change.
 *
 * @param headBasis the mean and top principal directions of training heads' decoded heads, [3V];
 *     null for none
 * @param latentProjections how many seeded Gaussian projections of the latent are features
 * @param latentSize L x C, the latent's length
 * @param projectionSeed the projections' seed ({@link java.util.Random}, entries N(0, 1 / (L x C)))
 * @param errorBasis the mean and top principal directions of the error, [3V]
 * @param weights W, [P, 1 + R] row-major: P features (head coordinates, projections, constant),
 *     the error mean's coefficient then R directions' coordinates
 * @param heads how many training heads W was fitted on
 * @param ridge the ridge weight (per feature, times its variance over the heads, times the heads)
 */
public record FeedForwardCalibration(PrincipalModes headBasis, int latentProjections, int latentSize, long projectionSeed,
    PrincipalModes errorBasis, float[] weights, int heads, double ridge) {
  private static final int MAGIC = 0x544f4643; // "TOFC"
  private static final int VERSION = 1;
  private static final int MAX_VALUES = 3 * 1_000_000;
  private static final int MAX_MODES = 100_000;
  private static final int MAX_LATENT = 10_000_000;
  private static final long MAX_PROJECTION_VALUES = 100_000_000; // 400 MB of projections: far above any real file

  public FeedForwardCalibration {
    int d = errorBasis.dimension();
    if (headBasis != null && headBasis.dimension() != d) {
      throw new IllegalArgumentException("the head basis has " + headBasis.dimension() + " values, the error basis " + d);
    }
    if (latentProjections < 0 || latentSize < 0 || (latentProjections > 0 && latentSize == 0)) {
      throw new IllegalArgumentException("bad latent projections: " + latentProjections + " of " + latentSize);
    }
    if (weights.length != (long) features(headBasis, latentProjections) * (1 + errorBasis.count())) {
      throw new IllegalArgumentException("weights must be " + features(headBasis, latentProjections) + " x " + (1 + errorBasis.count()));
    }
  }

  private static int features(PrincipalModes headBasis, int latentProjections) {
    return (headBasis == null ? 0 : headBasis.count()) + latentProjections + 1;
  }

  /** P, the features per head. */
  public int featureCount() {
    return features(headBasis, latentProjections);
  }

  /** 3V, the values per head. */
  public int dimension() {
    return errorBasis.dimension();
  }

  /** The fixed projections of the latent, [latentProjections, latentSize] row-major. */
  static float[] projections(int count, int latentSize, long seed) {
    Random random = new Random(seed);
    float[] out = new float[count * latentSize];
    double scale = 1 / Math.sqrt(latentSize);
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }

  /** The features of a decoded head: its coordinates along the head basis, the latent's projections, 1. */
  static double[] features(PrincipalModes headBasis, float[] projections, int latentProjections, float[] head, float[] latent) {
    int k = headBasis == null ? 0 : headBasis.count();
    double[] f = new double[k + latentProjections + 1];
    if (k > 0) {
      System.arraycopy(coordinates(headBasis, head), 0, f, 0, k);
    }
    int size = latent.length;
    for (int m = 0; m < latentProjections; m++) {
      double dot = 0;
      for (int j = 0; j < size; j++) {
        dot += projections[m * size + j] * latent[j];
      }
      f[k + m] = dot;
    }
    f[f.length - 1] = 1;
    return f;
  }

  /** x's coordinates along the basis's directions: {@code mode . (x - mean) / |mode|^2}, [K]. */
  static double[] coordinates(PrincipalModes basis, float[] x) {
    int d = basis.dimension();
    float[] mean = basis.mean();
    float[] modes = basis.modes();
    double[] c = new double[basis.count()];
    for (int m = 0; m < c.length; m++) {
      double dot = 0;
      double norm = 0;
      for (int j = 0; j < d; j++) {
        double u = modes[m * d + j];
        dot += u * (x[j] - mean[j]);
        norm += u * u;
      }
      c[m] = norm == 0 ? 0 : dot / norm;
    }
    return c;
  }

  /** The error's coordinates as regressed: 1 for the mean, then the directions' coordinates, [1 + R]. */
  static double[] targets(PrincipalModes errorBasis, float[] error) {
    double[] c = coordinates(errorBasis, error);
    double[] y = new double[1 + c.length];
    y[0] = 1;
    System.arraycopy(c, 0, y, 1, c.length);
    return y;
  }

  /**
   * Fits W by ridge regression: each feature but the constant is penalised by {@code ridge} times
   * its variance times the number of heads, so one ridge suits features of any scale.
   *
   * @param features per head, [P]
   * @param targets per head, [1 + R] ({@link #targets})
   * @return W, [P, 1 + R] row-major
   */
  static float[] ridgeRegression(double[][] features, double[][] targets, double ridge) {
    int n = features.length;
    int p = features[0].length;
    int t = targets[0].length;
    DMatrixRMaj f = new DMatrixRMaj(n, p);
    DMatrixRMaj y = new DMatrixRMaj(n, t);
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < p; m++) {
        f.set(i, m, features[i][m]);
      }
      for (int j = 0; j < t; j++) {
        y.set(i, j, targets[i][j]);
      }
    }
    DMatrixRMaj normal = new DMatrixRMaj(p, p);
    CommonOps_DDRM.multTransA(f, f, normal); // [P, P]
    DMatrixRMaj rhs = new DMatrixRMaj(p, t);
    CommonOps_DDRM.multTransA(f, y, rhs); // [P, 1 + R]
    for (int m = 0; m < p - 1; m++) { // the last feature is the constant: not penalised
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        sum += features[i][m];
        squares += features[i][m] * features[i][m];
      }
      double variance = Math.max(squares / n - (sum / n) * (sum / n), 0);
      normal.add(m, m, ridge * n * variance + 1e-12);
    }
    LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(p);
    if (!solver.setA(normal)) {
      throw new IllegalStateException("the calibration's normal equations are not positive definite (too few heads?)");
    }
    DMatrixRMaj w = new DMatrixRMaj(p, t);
    solver.solve(rhs, w);
    float[] out = new float[p * t];
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) w.get(j);
    }
    return out;
  }

  /**
   * The calibrated head: {@code head} plus the predicted error. Makes the projections on every call
   * (4,000 x 5,168 Gaussians for the shipped file, about half a second): callers that apply it more
   * than once use {@link Retopologizer#withCalibration}, which makes them once.
   *
   * @param head the decoded head, [3V] (unit frame)
   * @param latent the latent it was decoded from, [latentSize]
   */
  float[] apply(float[] head, float[] latent) {
    return apply(head, latent, projections(latentProjections, latentSize, projectionSeed));
  }

  /** {@link #apply} with the projections already made ({@link #projections}). */
  float[] apply(float[] head, float[] latent, float[] projections) {
    int d = dimension();
    if (head.length != d || latent.length != latentSize) {
      throw new IllegalArgumentException("expected a head of " + d + " values and a latent of " + latentSize + ", got " + head.length
          + " and " + latent.length);
    }
    double[] f = features(headBasis, projections, latentProjections, head, latent);
    int t = 1 + errorBasis.count();
    double[] y = new double[t];
    for (int m = 0; m < f.length; m++) {
      for (int j = 0; j < t; j++) {
        y[j] += f[m] * weights[m * t + j];
      }
    }
    float[] out = head.clone();
    float[] mean = errorBasis.mean();
    float[] modes = errorBasis.modes();
    for (int j = 0; j < d; j++) {
      out[j] += (float) (y[0] * mean[j]);
    }
    for (int c = 1; c < t; c++) {
      float yc = (float) y[c];
      for (int j = 0; j < d; j++) {
        out[j] += yc * modes[(c - 1) * d + j];
      }
    }
    return out;
  }

  /** Writes the calibration atomically (magic, version, sizes, the bases as {@link PrincipalModes} store them, W as floats). */
  public void write(Path file) throws IOException {
    MeshFiles.writeAtomically(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(heads);
      out.writeDouble(ridge);
      out.writeInt(latentProjections);
      out.writeInt(latentSize);
      out.writeLong(projectionSeed);
      out.writeBoolean(headBasis != null);
      if (headBasis != null) {
        headBasis.write(out);
      }
      errorBasis.write(out);
      for (float w : weights) {
        out.writeFloat(w);
      }
      out.flush();
    });
  }

  /** Reads what {@link #write} wrote (any problem is an {@link IOException} that says what is wrong). */
  public static FeedForwardCalibration read(InputStream stream) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(stream, 1 << 16));
    String what = "calibration";
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a TOPOS calibration file");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("unsupported calibration version " + version);
      }
      int heads = in.readInt();
      double ridge = in.readDouble();
      int latentProjections = in.readInt();
      int latentSize = in.readInt();
      long seed = in.readLong();
      if (heads <= 0 || !Double.isFinite(ridge) || ridge < 0 || latentProjections < 0 || latentProjections > MAX_MODES
          || latentSize < 0 || latentSize > MAX_LATENT || (latentProjections > 0 && latentSize == 0)
          || (long) latentProjections * latentSize > MAX_PROJECTION_VALUES) {
        throw new IOException("corrupt calibration header");
      }
      PrincipalModes headBasis = in.readBoolean() ? PrincipalModes.read(in, MAX_VALUES, MAX_MODES, what) : null;
      PrincipalModes errorBasis = PrincipalModes.read(in, MAX_VALUES, MAX_MODES, what);
      if (headBasis != null && headBasis.dimension() != errorBasis.dimension()) {
        throw new IOException("corrupt calibration file: its bases differ in size");
      }
      long weightCount = (long) features(headBasis, latentProjections) * (1 + errorBasis.count());
      if (weightCount > PrincipalModes.MAX_STORED_VALUES) {
        throw new IOException("corrupt calibration header: " + weightCount + " weights");
      }
      float[] weights = new float[(int) weightCount];
      for (int j = 0; j < weights.length; j++) {
        weights[j] = PrincipalModes.finite(in.readFloat(), what);
      }
      if (in.read() != -1) {
        throw new IOException("corrupt calibration file: bytes after the weights");
      }
      return new FeedForwardCalibration(headBasis, latentProjections, latentSize, seed, errorBasis, weights, heads, ridge);
    } catch (java.io.EOFException e) {
      throw new IOException("truncated calibration file");
    }
  }

  /** Reads a file written by {@link #write}; the message of any failure names the file. */
  public static FeedForwardCalibration read(Path file) throws IOException {
    return MeshFiles.readNamed(file, FeedForwardCalibration::read);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedForwardCalibration c && latentProjections == c.latentProjections && latentSize == c.latentSize
        && projectionSeed == c.projectionSeed && heads == c.heads && Double.compare(ridge, c.ridge) == 0
        && java.util.Objects.equals(headBasis, c.headBasis) && errorBasis.equals(c.errorBasis) && Arrays.equals(weights, c.weights);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(headBasis, latentProjections, latentSize, projectionSeed, errorBasis, Arrays.hashCode(weights), heads,
        ridge);
  }

  @Override
  public String toString() {
    return "FeedForwardCalibration[" + (headBasis == null ? 0 : headBasis.count()) + " head directions, " + latentProjections
        + " latent projections, " + errorBasis.count() + " error directions, " + heads + " heads]";
  }
}
