package dev.topos.nn.vae;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * Seeded Gaussian projections of a latent, for the closed-form layers fitted on it
 * ({@link FeedForwardCalibration}, {@link PoseCorrection}): with fewer training heads than latent
 * values a ridge regression is fitted on the projections instead, and its weights are then carried
 * back onto the latent ({@code W_latent = P' W_projections}), so the fitted layer never needs them.
 */
final class LatentProjections {
  private LatentProjections() {}

  /** Fixed projections, [count, latentSize] row-major, entries N(0, 1 / latentSize) ({@link Random}). */
  static float[] make(int count, int latentSize, long seed) {
    Random random = new Random(seed);
    float[] out = new float[count * latentSize];
    double scale = 1 / Math.sqrt(latentSize);
    for (int j = 0; j < out.length; j++) {
      out[j] = (float) (random.nextGaussian() * scale);
    }
    return out;
  }

  /** Writes the latent (projections null) or its projections into {@code features} from {@code offset}. */
  static void write(float[] projections, float[] latent, double[] features, int offset) {
    int size = latent.length;
    if (projections == null) {
      for (int j = 0; j < size; j++) {
        features[offset + j] = latent[j];
      }
      return;
    }
    int count = projections.length / size;
    for (int m = 0; m < count; m++) {
      double dot = 0;
      for (int j = 0; j < size; j++) {
        dot += projections[m * size + j] * latent[j];
      }
      features[offset + m] = dot;
    }
  }

  /**
   * Weights fitted on projections carried back onto the latent.
   *
   * @param weights [before + Np + after, T] row-major: features before the projections, the Np
   *     projections, the features after them
   * @param projections [Np, latentSize] ({@link #make})
   * @return [before + latentSize + after, T]
   */
  static float[] carryBack(float[] weights, float[] projections, int latentSize, int before, int after, int targets) {
    int np = projections.length / latentSize;
    int t = targets;
    DMatrixRMaj p = new DMatrixRMaj(np, latentSize); // [Np, L*C]
    for (int j = 0; j < projections.length; j++) {
      p.data[j] = projections[j];
    }
    DMatrixRMaj w = new DMatrixRMaj(np, t); // [Np, T]
    for (int j = 0; j < np * t; j++) {
      w.data[j] = weights[before * t + j];
    }
    DMatrixRMaj onLatent = new DMatrixRMaj(latentSize, t);
    CommonOps_MT_DDRM.multTransA(p, w, onLatent); // [L*C, T]
    float[] out = new float[(before + latentSize + after) * t];
    System.arraycopy(weights, 0, out, 0, before * t);
    for (int j = 0; j < latentSize * t; j++) {
      out[before * t + j] = (float) onLatent.data[j];
    }
    System.arraycopy(weights, (before + np) * t, out, (before + latentSize) * t, after * t);
    return out;
  }
}
