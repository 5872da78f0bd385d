package dev.topos.synth;

import com.google.gson.Gson;
import com.google.gson.JsonObject;

/**
 * What the synthetic data engine makes for each sample.
 *
 * @param points points sampled on each simulated scan (the encoder subsamples them)
 * @param portraits whether to render a portrait and synthesise the albedo
 * @param portraitSize portrait width and height, pixels (issue default 256)
 * @param albedoSize albedo texture size, pixels (512)
 * @param expressionProbability share of heads with a random expression
 * @param deform whether to apply the off-span deformation (always on for training data)
 */
public record SynthConfig(int points, boolean portraits, int portraitSize, int albedoSize, double expressionProbability,
    boolean deform) {

  public SynthConfig {
    if (points < 1 || points > 1_000_000) {
      throw new IllegalArgumentException("points must be in 1..1000000: " + points);
    }
    if (portraitSize < 16 || portraitSize > 4096 || albedoSize < 16 || albedoSize > 4096) {
      throw new IllegalArgumentException("image sizes must be in 16..4096");
    }
    if (!(expressionProbability >= 0 && expressionProbability <= 1)) {
      throw new IllegalArgumentException("expression probability must be in [0, 1]");
    }
  }

  /** The defaults: 4,096 points, no portraits, 256 px portraits and 512 px albedo when on, 30 % expressions. */
  public static SynthConfig defaults() {
    return new SynthConfig(4096, false, 256, 512, 0.3, true);
  }

  public SynthConfig withPortraits(boolean on, int size) {
    return new SynthConfig(points, on, size, albedoSize, expressionProbability, deform);
  }

  public SynthConfig withPoints(int n) {
    return new SynthConfig(n, portraits, portraitSize, albedoSize, expressionProbability, deform);
  }

  public JsonObject toJson() {
    return new Gson().toJsonTree(this).getAsJsonObject();
  }
}
