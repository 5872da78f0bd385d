package dev.topos.synth.albedo;

/**
 * Seeded 3-D gradient noise (Perlin's improved noise with a hash instead of a permutation table)
 * and its fractal sum. Evaluated at surface positions in millimetres, it gives seam-free patterns
 * in any UV layout, because the two sides of a UV seam share their 3-D position.
 *
 * <p>Only integer arithmetic, multiplications and additions are used, so values are bit-identical
 * on every Java platform. Immutable and thread-safe.
 */
public final class GradientNoise {
  private final int seed;

  /** Noise whose lattice gradients are drawn from {@code seed}. */
  public GradientNoise(long seed) {
    this.seed = (int) (seed ^ (seed >>> 32)) * 0x9E3779B9 + 0x632BE5AB;
  }

  /**
   * Gradient noise at (x, y, z) in lattice units (one lattice cell per unit), in about [-1, 1],
   * zero at lattice points and with a standard deviation of about 0.2.
   */
  public float noise(float x, float y, float z) {
    int ix = floor(x);
    int iy = floor(y);
    int iz = floor(z);
    float fx = x - ix;
    float fy = y - iy;
    float fz = z - iz;
    float u = fade(fx);
    float v = fade(fy);
    float w = fade(fz);
    int hx0 = ix * 0x8DA6B343;
    int hx1 = hx0 + 0x8DA6B343;
    int hy0 = iy * 0xD8163841;
    int hy1 = hy0 + 0xD8163841;
    int hz0 = iz * 0xCB1AB31F + seed;
    int hz1 = hz0 + 0xCB1AB31F;
    float x00 = lerp(u, grad(hx0 + hy0 + hz0, fx, fy, fz), grad(hx1 + hy0 + hz0, fx - 1, fy, fz));
    float x10 = lerp(u, grad(hx0 + hy1 + hz0, fx, fy - 1, fz), grad(hx1 + hy1 + hz0, fx - 1, fy - 1, fz));
    float x01 = lerp(u, grad(hx0 + hy0 + hz1, fx, fy, fz - 1), grad(hx1 + hy0 + hz1, fx - 1, fy, fz - 1));
    float x11 = lerp(u, grad(hx0 + hy1 + hz1, fx, fy - 1, fz - 1), grad(hx1 + hy1 + hz1, fx - 1, fy - 1, fz - 1));
    return lerp(w, lerp(v, x00, x10), lerp(v, x01, x11));
  }

  /**
   * Fractal sum of {@code octaves} octaves of {@link #noise}: frequency doubling and amplitude
   * halving per octave, normalised by the sum of amplitudes so the range stays about [-1, 1].
   * Each octave is offset so that lattice points do not line up.
   */
  public float fbm(float x, float y, float z, int octaves) {
    float sum = 0;
    float amp = 1;
    float norm = 0;
    for (int o = 0; o < octaves; o++) {
      sum += amp * noise(x, y, z);
      norm += amp;
      amp *= 0.5f;
      x = 2 * x + 17.31f;
      y = 2 * y + 5.77f;
      z = 2 * z + 11.13f;
    }
    return sum / norm;
  }

  private static int floor(float x) {
    int i = (int) x;
    return x < i ? i - 1 : i;
  }

  private static float fade(float t) {
    return t * t * t * (t * (t * 6 - 15) + 10);
  }

  private static float lerp(float t, float a, float b) {
    return a + t * (b - a);
  }

  /** Dot product of the offset with one of Perlin's 12 edge gradients, picked by a mixed hash. */
  private static float grad(int h, float x, float y, float z) {
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    h ^= h >>> 12;
    h *= 0x297A2D39;
    h ^= h >>> 15;
    int k = (h >>> 28) & 15;
    float a = k < 8 ? x : y;
    float b = k < 4 ? y : (k == 12 || k == 14 ? x : z);
    return ((k & 1) == 0 ? a : -a) + ((k & 2) == 0 ? b : -b);
  }
}
