package dev.topos.nn.vae;

import dev.topos.geometry.PrincipalModes;
import dev.topos.geometry.io.TaggedBinaryFile;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A linear output layer on the decoded head, fitted in closed form: {@code head + E (W f)}, all in
 * the VAE's unit frame, where {@code f} holds the head's coordinates along the top principal
 * directions of training heads' decoded heads, the encoder's latent, and a constant; {@code W}
 * maps {@code f} to the error's coordinates (truth minus decoded head) along the error's own mean
 * and top principal directions {@code E}. It is a ridge regression over the decoded heads of
 * training heads ({@link FeedForwardCalibrationBuilder}), either on the latent itself or on
 * seeded Gaussian projections of it, whose weights are then carried back onto the latent ({@code
 * W_latent = P' W_projections}), so applying it never needs the projections.
 *
 * <p>Why: the network is underfit on this machine's training budget (its training loss equals its
 * validation error), and part of what it gets wrong is systematic and linear in its own answer:
 * heads pulled towards the average, parts placed a little off in a way the rest of the head
 * predicts. A least-squares layer on top removes that part at the cost of a matrix product
 * (tools/diagnostics/linear-calibration.jsh, calibration-unit.jsh, calibration-heads.jsh). It reads
 * nothing but the network's answer, so the result is still the feed-forward answer.
 *
 * <p>The unit frame is the scan's own (its bounding box), so nothing about where the synthetic
 * heads sit in space leaks in. The arrays are shared, not copied: callers must not change them.
 * The file does not record which weights it was fitted for: refit it whenever they change.
 *
 * @param headBasis the mean and top principal directions of training heads' decoded heads, [3V];
 *     null for none
 * @param latentSize L x C, the latent's length
 * @param errorBasis the mean and top principal directions of the error, [3V]
 * @param weights W, [P, 1 + R] row-major: P = K + L x C + 1 features (head coordinates, latent,
 *     constant), the error mean's coefficient then R directions' coordinates
 * @param heads how many training heads W was fitted on
 * @param ridge the ridge weight (per feature, times its variance over the heads, times the heads)
 * @param latentProjections how the latent entered the fit: 0 as it is, otherwise through this many
 *     seeded projections (a record of the fit; applying the layer does not depend on it)
 * @param projectionSeed the projections' seed ({@link java.util.Random}, entries N(0, 1 / (L x C)))
 */
public record FeedForwardCalibration(PrincipalModes headBasis, int latentSize, PrincipalModes errorBasis, float[] weights, int heads,
    double ridge, int latentProjections, long projectionSeed) {
  private static final int MAGIC = 0x544f4643; // "TOFC"
  private static final int VERSION = 2; // 1 (session 11): projection weights, the projections remade at load
  private static final String KIND = "calibration";
  private static final int MAX_VALUES = 3 * 1_000_000;
  private static final int MAX_MODES = 100_000;
  private static final int MAX_LATENT = 10_000_000;

  public FeedForwardCalibration {
    int d = errorBasis.dimension();
    if (headBasis != null && headBasis.dimension() != d) {
      throw new IllegalArgumentException("the head basis has " + headBasis.dimension() + " values, the error basis " + d);
    }
    if (latentSize < 0 || latentProjections < 0) {
      throw new IllegalArgumentException("bad latent size or projections: " + latentSize + ", " + latentProjections);
    }
    if (weights.length != (long) features(headBasis, latentSize) * (1 + errorBasis.count())) {
      throw new IllegalArgumentException("weights must be " + features(headBasis, latentSize) + " x " + (1 + errorBasis.count()));
    }
  }

  /** P for a head basis and a latent size: head coordinates, the latent, the constant. */
  static int features(PrincipalModes headBasis, int latentSize) {
    return (headBasis == null ? 0 : headBasis.count()) + latentSize + 1;
  }

  /** P, the features per head. */
  public int featureCount() {
    return features(headBasis, latentSize);
  }

  /** 3V, the values per head. */
  public int dimension() {
    return errorBasis.dimension();
  }

  /** K, the head coordinates among the features. */
  public int headModes() {
    return headBasis == null ? 0 : headBasis.count();
  }

  /** T = 1 + R, the regressed coordinates of the error. */
  public int targetCount() {
    return 1 + errorBasis.count();
  }

  /**
   * Features of a decoded head for fitting: its coordinates along the head basis, then the latent
   * (projections null) or its projections, then 1.
   *
   * @param projections [count, latentSize] ({@link LatentProjections#make}), or null for the latent itself
   */
  static double[] features(PrincipalModes headBasis, float[] projections, float[] head, float[] latent) {
    int k = headBasis == null ? 0 : headBasis.count();
    int latentFeatures = projections == null ? latent.length : projections.length / latent.length;
    double[] f = new double[k + latentFeatures + 1];
    if (k > 0) {
      System.arraycopy(coordinates(headBasis, head), 0, f, 0, k);
    }
    LatentProjections.write(projections, latent, f, k);
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
   * The calibrated head: {@code head} plus the predicted error.
   *
   * @param head the decoded head, [3V] (unit frame)
   * @param latent the latent it was decoded from, [latentSize]
   */
  float[] apply(float[] head, float[] latent) {
    int d = dimension();
    if (head.length != d || latent.length != latentSize) {
      throw new IllegalArgumentException("expected a head of " + d + " values and a latent of " + latentSize + ", got " + head.length
          + " and " + latent.length);
    }
    double[] f = features(headBasis, null, head, latent);
    int t = targetCount();
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

  /**
   * Writes the calibration atomically (magic, version, sizes, the bases as {@link PrincipalModes}
   * store them, W as floats).
   */
  public void write(Path file) throws IOException {
    TaggedBinaryFile.write(file, MAGIC, VERSION, out -> {
      out.writeInt(heads);
      out.writeDouble(ridge);
      out.writeInt(latentSize);
      out.writeInt(latentProjections);
      out.writeLong(projectionSeed);
      out.writeBoolean(headBasis != null);
      if (headBasis != null) {
        headBasis.write(out);
      }
      errorBasis.write(out);
      for (float w : weights) {
        out.writeFloat(w);
      }
    });
  }

  /** Reads what {@link #write} wrote (any problem is an {@link IOException} that says what is wrong). */
  public static FeedForwardCalibration read(InputStream stream) throws IOException {
    return TaggedBinaryFile.read(stream, KIND, MAGIC, FeedForwardCalibration::known, FeedForwardCalibration::readBody);
  }

  /** Reads a file written by {@link #write}; the message of any failure names the file. */
  public static FeedForwardCalibration read(Path file) throws IOException {
    return TaggedBinaryFile.read(file, KIND, MAGIC, FeedForwardCalibration::known, FeedForwardCalibration::readBody);
  }

  /** Versions recognised: this one, and session 11's, which is refused with what to do. */
  private static boolean known(int version) {
    return version == VERSION || version == 1;
  }

  private static FeedForwardCalibration readBody(DataInputStream in, int version) throws IOException {
    if (version == 1) {
      throw new IOException("calibration version 1 (session 11, latent projections) is no longer read; refit it with "
          + "`topos train calibration`");
    }
    int heads = in.readInt();
    double ridge = in.readDouble();
    int latentSize = in.readInt();
    int latentProjections = in.readInt();
    long seed = in.readLong();
    if (heads <= 0 || !Double.isFinite(ridge) || ridge < 0 || latentSize < 0 || latentSize > MAX_LATENT || latentProjections < 0
        || latentProjections > MAX_MODES) {
      throw new IOException("corrupt calibration header");
    }
    PrincipalModes headBasis = in.readBoolean() ? PrincipalModes.read(in, MAX_VALUES, MAX_MODES, KIND) : null;
    PrincipalModes errorBasis = PrincipalModes.read(in, MAX_VALUES, MAX_MODES, KIND);
    if (headBasis != null && headBasis.dimension() != errorBasis.dimension()) {
      throw new IOException("corrupt calibration file: its bases differ in size");
    }
    long weightCount = (long) features(headBasis, latentSize) * (1 + errorBasis.count());
    if (weightCount > PrincipalModes.MAX_STORED_VALUES) {
      throw new IOException("corrupt calibration header: " + weightCount + " weights");
    }
    float[] weights = new float[(int) weightCount];
    for (int j = 0; j < weights.length; j++) {
      weights[j] = PrincipalModes.finite(in.readFloat(), KIND);
    }
    TaggedBinaryFile.requireEnd(in, KIND, "weights");
    return new FeedForwardCalibration(headBasis, latentSize, errorBasis, weights, heads, ridge, latentProjections, seed);
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
    return "FeedForwardCalibration[" + headModes() + " head directions, a latent of " + latentSize
        + (latentProjections == 0 ? "" : " (fitted through " + latentProjections + " projections)") + ", " + errorBasis.count()
        + " error directions, " + heads + " heads]";
  }
}
