package dev.topos.nn.vae;

import ai.djl.ndarray.NDArray;
import dev.topos.nn.Scalars;

/**
 * The encoder's diagonal Gaussian over the latent tokens.
 *
 * @param mean [B, L, C]
 * @param logVar log-variance, clamped to the config's range, [B, L, C]
 * @param anchors where the encoder placed each coarse node (unit frame), [B, L, 3]; null unless the
 *     encoder has {@link VaeConfig#localPatch() local patches}
 */
public record Posterior(NDArray mean, NDArray logVar, NDArray anchors) {

  /** {@code mean + exp(logVar / 2) * noise}, the reparameterised sample; noise [B, L, C] standard normal. */
  public NDArray sample(NDArray noise) {
    return mean.add(Scalars.times(logVar, 0.5f).exp().mul(noise));
  }

  /** KL divergence to N(0, I), averaged over every element: {@code 0.5 mean(mu^2 + exp(lv) - lv - 1)}. */
  public NDArray kl() {
    return Scalars.times(mean.square().add(logVar.exp()).sub(logVar).sub(1f).mean(), 0.5f);
  }
}
