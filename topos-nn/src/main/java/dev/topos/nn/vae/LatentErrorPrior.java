package dev.topos.nn.vae;

import dev.topos.geometry.PrincipalModes;

/**
 * A Gaussian over the encoder's latent error (the latent that decodes nearest the true head minus
 * the encoder's latent), for refinement: the change of the latent is written {@code modes^T a +
 * residualStd * b} and refinement moves a and b, under the prior {@code weight * (|a|^2 + |b|^2) /
 * (L*C)}. Moves along the directions the encoder commonly errs in are cheap, others dear; the
 * latent's error along a head's surface, which a fit to the surface does not see, follows its error
 * along the normal as it does in the training heads.
 *
 * @param modes mean and top K principal directions (scaled by their standard deviations) of the
 *     latent error, [L*C] each; the mean is not used (refinement starts from the encoder's latent)
 * @param residualStd the standard deviation of the error off those directions, per value
 * @param weight the prior's weight
 * @param learningRate Adam's learning rate on a and b (standard deviations per step)
 */
public record LatentErrorPrior(PrincipalModes modes, float residualStd, double weight, double learningRate) {
  public LatentErrorPrior {
    java.util.Objects.requireNonNull(modes, "modes");
    if (!(residualStd > 0) || !(weight >= 0) || !(learningRate > 0)) {
      throw new IllegalArgumentException("bad latent error prior: residualStd " + residualStd + ", weight " + weight
          + ", learningRate " + learningRate);
    }
  }

  /** The latent change [L*C] of coefficients {@code ab} ([K + L*C]: a, then b). */
  float[] change(float[] ab) {
    int k = modes.count();
    int d = modes.dimension();
    float[] out = new float[d];
    float[] m = modes.modes();
    for (int j = 0; j < k; j++) {
      float a = ab[j];
      if (a != 0) {
        for (int i = 0; i < d; i++) {
          out[i] += a * m[j * d + i];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      out[i] += residualStd * ab[k + i];
    }
    return out;
  }
}
