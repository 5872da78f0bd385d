package dev.topos.synth.portrait;

import dev.topos.geometry.Gaussian;
import java.util.SplittableRandom;

/**
 * Random portrait conditions: a 35-105 mm lens, yaw within +-60 degrees, pitch within +-25, roll
 * within +-15, the head filling 55-85 % of the frame; lights from a tinted ambient environment with
 * a sky/ground gradient, a key light of 2,700-7,500 K from the front hemisphere and a weaker fill;
 * solid, gradient or noise backgrounds.
 */
public final class PortraitPrior {
  private PortraitPrior() {}

  public static PortraitParams sample(SplittableRandom rng, int size) {
    double focal = 35 + 70 * rng.nextDouble();
    double yaw = clamp(Gaussian.next(rng) * 25, 60);
    double pitch = clamp(Gaussian.next(rng) * 10, 25);
    double roll = clamp(Gaussian.next(rng) * 5, 15);
    double fill = 0.55 + 0.3 * rng.nextDouble();
    float level = (float) (0.1 + 0.3 * rng.nextDouble());
    float[] tint = tint(rng, 0.15);
    float[] ambient = {level * tint[0], level * tint[1], level * tint[2]};
    float skyLevel = (float) (0.2 * rng.nextDouble() * level);
    float[] sky = {skyLevel, skyLevel, skyLevel * 1.1f};
    float[] key = direction(rng, 70);
    double kelvin = 2700 + 4800 * rng.nextDouble();
    double keyIntensity = 0.5 + 0.8 * rng.nextDouble();
    float[] fillDir = direction(rng, 80);
    double fillIntensity = keyIntensity * (0.1 + 0.4 * rng.nextDouble());
    int background = rng.nextInt(3);
    int a = rng.nextInt(0x1000000);
    int b = rng.nextInt(0x1000000);
    return new PortraitParams(size, focal, yaw, pitch, roll, fill, ambient, sky, key, kelvin, keyIntensity, fillDir,
        fillIntensity, background, a, b);
  }

  private static double clamp(double v, double limit) {
    return Math.max(-limit, Math.min(limit, v));
  }

  /** A random colour tint around white, each channel within 1 +- spread, mean 1. */
  private static float[] tint(SplittableRandom rng, double spread) {
    float[] t = new float[3];
    float mean = 0;
    for (int k = 0; k < 3; k++) {
      t[k] = (float) (1 + spread * (2 * rng.nextDouble() - 1));
      mean += t[k] / 3;
    }
    for (int k = 0; k < 3; k++) {
      t[k] /= mean;
    }
    return t;
  }

  /** A unit direction in front of the face (+Z), at most maxAngle degrees off the +Z axis. */
  private static float[] direction(SplittableRandom rng, double maxAngleDeg) {
    double cosMax = Math.cos(Math.toRadians(maxAngleDeg));
    double z = cosMax + (1 - cosMax) * rng.nextDouble();
    double phi = 2 * Math.PI * rng.nextDouble();
    double r = Math.sqrt(1 - z * z);
    return new float[] {(float) (r * Math.cos(phi)), (float) (r * Math.sin(phi)), (float) z};
  }
}
