package dev.topos.synth.portrait;

import dev.topos.render.Srgb;
import java.util.SplittableRandom;

/** Portrait backgrounds as linear RGB images [size*size*3]: solid, vertical gradient, smooth noise. */
final class Backgrounds {
  private Backgrounds() {}

  static float[] render(PortraitParams p, long seed) {
    int n = p.size();
    float[] a = linear(p.backgroundA());
    float[] b = linear(p.backgroundB());
    float[] out = new float[3 * n * n];
    float[] noise = p.background() == 2 ? valueNoise(n, seed) : null;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        float w = switch (p.background()) {
          case 0 -> 0f;
          case 1 -> y / (float) (n - 1);
          default -> noise[y * n + x];
        };
        for (int c = 0; c < 3; c++) {
          out[3 * (y * n + x) + c] = a[c] * (1 - w) + b[c] * w;
        }
      }
    }
    return out;
  }

  private static float[] linear(int rgb) {
    return new float[] {
        (float) Srgb.decode(((rgb >> 16) & 255) / 255.0),
        (float) Srgb.decode(((rgb >> 8) & 255) / 255.0),
        (float) Srgb.decode((rgb & 255) / 255.0)};
  }

  /** Two octaves of bilinear value noise in [0, 1]. */
  private static float[] valueNoise(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] out = new float[n * n];
    float amplitude = 0.65f;
    for (int cells : new int[] {4, 11}) {
      float[] grid = new float[(cells + 1) * (cells + 1)];
      for (int i = 0; i < grid.length; i++) {
        grid[i] = (float) rng.nextDouble();
      }
      for (int y = 0; y < n; y++) {
        float gy = y * cells / (float) n;
        int iy = (int) gy;
        float fy = smooth(gy - iy);
        for (int x = 0; x < n; x++) {
          float gx = x * cells / (float) n;
          int ix = (int) gx;
          float fx = smooth(gx - ix);
          float v00 = grid[iy * (cells + 1) + ix];
          float v01 = grid[iy * (cells + 1) + ix + 1];
          float v10 = grid[(iy + 1) * (cells + 1) + ix];
          float v11 = grid[(iy + 1) * (cells + 1) + ix + 1];
          float v = (v00 * (1 - fx) + v01 * fx) * (1 - fy) + (v10 * (1 - fx) + v11 * fx) * fy;
          out[y * n + x] += amplitude * v;
        }
      }
      amplitude = 0.35f;
    }
    return out;
  }

  private static float smooth(float t) {
    return t * t * (3 - 2 * t);
  }
}
