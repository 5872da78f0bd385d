package dev.topos.nn.vae;

import dev.topos.geometry.PrincipalModes;
import dev.topos.geometry.io.TaggedBinaryFile;
import dev.topos.topology.fit.ScanPose;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * What the mean head's pose estimate ({@link ScanPose#estimate}) misses, read from the network: a
 * linear layer from the encoder's latent of the scan levelled by that estimate (and the estimate's
 * own rotation vector) to the turn still left, as a rotation vector in degrees, fitted in closed form
 * ({@link PoseCorrectionBuilder}) over training heads turned at random.
 *
 * <p>Why: the mean head's fit is 3-4 degrees off on upright heads and worse on turned ones, mostly in
 * the nod: a head shaped unlike the mean head (a long chin, a sloping forehead) pulls its ICP. The
 * network's latent describes that shape, so it can say how the fit will be pulled; and a scan still
 * turned after levelling is read a little turned, which the latent shows too. On validation heads
 * (tools/diagnostics/pose-features.jsh, pose-fit.jsh) the layer takes the estimate's error from 5.1 to
 * 1.7 degrees over 8 poses, the nod's part from about 3 to 1; on held-out test heads from 3.1 to 1.3
 * degrees upright and from 4.7 to 1.5 turned (PoseCorrectionTest).
 *
 * <p>The file does not record which weights it was fitted for: refit it whenever they change.
 *
 * @param latentSize L x C, the latent's length
 * @param weights W, [P, 3] row-major, P = L x C + 3 + 1 (latent, the estimate's rotation vector in
 *     degrees, constant)
 * @param heads how many turned training heads W was fitted on
 * @param ridge the ridge weight (per feature, times its variance over the heads, times the heads)
 * @param latentProjections how the latent entered the fit: 0 as it is, otherwise through this many
 *     seeded projections ({@link LatentProjections}; a record of the fit, not needed to apply it)
 * @param projectionSeed the projections' seed
 * @param turns how the training heads were turned (a record of the fit)
 */
public record PoseCorrection(int latentSize, float[] weights, int heads, double ridge, int latentProjections, long projectionSeed,
    Turns turns) {
  private static final int MAGIC = 0x544f5043; // "TOPC"
  private static final int VERSION = 1;
  private static final String KIND = "pose-correction";
  private static final int MAX_LATENT = 10_000_000;
  /** Values after the latent among the features: the estimate's rotation vector and the constant. */
  static final int AFTER_LATENT = 4;

  /**
   * How the training heads are turned: with probability {@code uprightShare} not at all (most scans
   * come nearly upright, and the estimate errs on those too), else nod, look aside and tilt drawn
   * uniformly within the limits ({@link ScanPose#turned(double, double, double, double[])}, about the
   * true head's centroid). Four draws per head either way, so head i's turn depends on the seed alone.
   */
  public record Turns(double uprightShare, double maxPitchDegrees, double maxYawDegrees, double maxRollDegrees, long seed) {
    public Turns {
      if (!(uprightShare >= 0 && uprightShare <= 1) || !(maxPitchDegrees >= 0 && maxPitchDegrees <= 90)
          || !(maxYawDegrees >= 0 && maxYawDegrees <= 90) || !(maxRollDegrees >= 0 && maxRollDegrees <= 90)) {
        throw new IllegalArgumentException("bad turns: upright share " + uprightShare + ", limits " + maxPitchDegrees + " / "
            + maxYawDegrees + " / " + maxRollDegrees + " degrees");
      }
    }

    /** The next head's pose. */
    ScanPose draw(Random random, double[] pivot) {
      boolean upright = random.nextDouble() < uprightShare;
      double pitch = (2 * random.nextDouble() - 1) * maxPitchDegrees;
      double yaw = (2 * random.nextDouble() - 1) * maxYawDegrees;
      double roll = (2 * random.nextDouble() - 1) * maxRollDegrees;
      return upright ? ScanPose.upright() : ScanPose.turned(pitch, yaw, roll, pivot);
    }
  }

  public PoseCorrection {
    if (latentSize <= 0 || latentProjections < 0 || heads <= 0 || !(ridge >= 0) || !Double.isFinite(ridge)) {
      throw new IllegalArgumentException("bad pose correction: a latent of " + latentSize + ", " + heads + " heads, ridge " + ridge
          + ", " + latentProjections + " projections");
    }
    java.util.Objects.requireNonNull(turns, "turns");
    if (weights.length != (long) (latentSize + AFTER_LATENT) * 3) {
      throw new IllegalArgumentException("weights must be " + (latentSize + AFTER_LATENT) + " x 3, got " + weights.length + " values");
    }
  }

  /** The features of a levelled scan: its latent (or projections of it), the estimate's rotation vector (degrees), 1. */
  static double[] features(float[] projections, float[] latent, ScanPose estimate) {
    int latentFeatures = projections == null ? latent.length : projections.length / latent.length;
    double[] f = new double[latentFeatures + AFTER_LATENT]; // [latent features + 3 + 1]
    LatentProjections.write(projections, latent, f, 0);
    double[] w = estimate.rotationVectorDegrees();
    System.arraycopy(w, 0, f, latentFeatures, 3);
    f[f.length - 1] = 1;
    return f;
  }

  /**
   * The turn the estimate still leaves, as a rotation vector in the levelled head's frame (degrees):
   * the scan levelled by {@code estimate} is the upright head turned by about this.
   *
   * @param latent the network's latent of the scan levelled by {@code estimate}, [latentSize]
   */
  public double[] residualDegrees(ScanPose estimate, float[] latent) {
    if (latent.length != latentSize) {
      throw new IllegalArgumentException("the pose correction expects a latent of " + latentSize + " values, the model gives "
          + latent.length + "; refit it for these weights with `topos train pose-correction`");
    }
    double[] f = features(null, latent, estimate); // [L*C + 4]
    double[] y = new double[3]; // [3] degrees
    for (int m = 0; m < f.length; m++) {
      for (int k = 0; k < 3; k++) {
        y[k] += f[m] * weights[3 * m + k];
      }
    }
    return y;
  }

  /** The estimate turned further by {@link #residualDegrees}: the corrected pose. */
  public ScanPose corrected(ScanPose estimate, float[] latent) {
    return estimate.turnedBy(residualDegrees(estimate, latent));
  }

  /** Writes the layer atomically (magic, version, the fit's record, W as floats). */
  public void write(Path file) throws IOException {
    TaggedBinaryFile.write(file, MAGIC, VERSION, out -> {
      out.writeInt(heads);
      out.writeDouble(ridge);
      out.writeInt(latentSize);
      out.writeInt(latentProjections);
      out.writeLong(projectionSeed);
      out.writeDouble(turns.uprightShare());
      out.writeDouble(turns.maxPitchDegrees());
      out.writeDouble(turns.maxYawDegrees());
      out.writeDouble(turns.maxRollDegrees());
      out.writeLong(turns.seed());
      for (float w : weights) {
        out.writeFloat(w);
      }
    });
  }

  /** Reads what {@link #write} wrote (any problem is an {@link IOException} that says what is wrong). */
  public static PoseCorrection read(InputStream stream) throws IOException {
    return TaggedBinaryFile.read(stream, KIND, MAGIC, v -> v == VERSION, PoseCorrection::readBody);
  }

  /** Reads a file written by {@link #write}; the message of any failure names the file. */
  public static PoseCorrection read(Path file) throws IOException {
    return TaggedBinaryFile.read(file, KIND, MAGIC, v -> v == VERSION, PoseCorrection::readBody);
  }

  private static PoseCorrection readBody(DataInputStream in, int version) throws IOException {
    int heads = in.readInt();
    double ridge = in.readDouble();
    int latentSize = in.readInt();
    int latentProjections = in.readInt();
    long projectionSeed = in.readLong();
    Turns turns;
    try {
      turns = new Turns(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readLong());
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt pose-correction header: " + e.getMessage());
    }
    if (heads <= 0 || !Double.isFinite(ridge) || ridge < 0 || latentSize <= 0 || latentSize > MAX_LATENT || latentProjections < 0
        || latentProjections > MAX_LATENT) {
      throw new IOException("corrupt pose-correction header");
    }
    float[] weights = new float[(latentSize + AFTER_LATENT) * 3];
    for (int j = 0; j < weights.length; j++) {
      weights[j] = PrincipalModes.finite(in.readFloat(), KIND);
    }
    TaggedBinaryFile.requireEnd(in, KIND, "weights");
    return new PoseCorrection(latentSize, weights, heads, ridge, latentProjections, projectionSeed, turns);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PoseCorrection c && latentSize == c.latentSize && heads == c.heads && Double.compare(ridge, c.ridge) == 0
        && latentProjections == c.latentProjections && projectionSeed == c.projectionSeed && turns.equals(c.turns)
        && Arrays.equals(weights, c.weights);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(latentSize, heads, ridge, latentProjections, projectionSeed, turns, Arrays.hashCode(weights));
  }

  @Override
  public String toString() {
    return "PoseCorrection[a latent of " + latentSize + (latentProjections == 0 ? "" : " (fitted through " + latentProjections
        + " projections)") + ", " + heads + " turned heads, ridge " + ridge + "]";
  }
}
