package dev.topos.nn.vae;

import dev.topos.geometry.Normals;
import dev.topos.topology.pyramid.VaeFrame;
import java.util.SplittableRandom;

/** Synthetic VAE batches: smooth random deformations of the template, points drawn from the deformed vertices. */
final class TestBatches {
  private TestBatches() {}

  /** A batch of B deformed templates with N points each, all derived from {@code seed}. */
  static VaeBatch random(VaeTemplate template, int b, int n, long seed) {
    int v = template.vertexCount();
    float[] inputs = new float[b * n * 6];
    float[] positions = new float[b * v * 3];
    float[] normals = new float[b * v * 3];
    for (int s = 0; s < b; s++) {
      SplittableRandom r = new SplittableRandom(seed * 1_000_003L + s);
      float[] p = deform(template.positions(), r);
      float[] nrm = Normals.vertexNormals(p, template.triangles());
      System.arraycopy(p, 0, positions, s * v * 3, 3 * v);
      System.arraycopy(nrm, 0, normals, s * v * 3, 3 * v);
      for (int i = 0; i < n; i++) {
        int vertex = r.nextInt(v);
        int o = (s * n + i) * 6;
        System.arraycopy(p, 3 * vertex, inputs, o, 3);
        System.arraycopy(nrm, 3 * vertex, inputs, o + 3, 3);
      }
    }
    return new VaeBatch(b, n, inputs, positions, normals);
  }

  /**
   * A deformed template ({@link #deform} with {@code new SplittableRandom(seed)}) as a scan: every
   * vertex a point with its normal, in the given frame.
   */
  static VaeExample deformedExample(VaeTemplate template, long seed, VaeFrame frame) {
    float[] p = deform(template.positions(), new SplittableRandom(seed));
    float[] n = Normals.vertexNormals(p, template.triangles());
    float[] points = new float[2 * p.length];
    for (int v = 0; v < p.length / 3; v++) {
      System.arraycopy(p, 3 * v, points, 6 * v, 3);
      System.arraycopy(n, 3 * v, points, 6 * v + 3, 3);
    }
    return new VaeExample(points, null, null, frame, "test");
  }

  /** Anisotropic scale plus one sinusoidal bump field, a few percent of the unit ball. */
  static float[] deform(float[] unit, SplittableRandom r) {
    double sx = 1 + 0.1 * (r.nextDouble() - 0.5);
    double sy = 1 + 0.1 * (r.nextDouble() - 0.5);
    double sz = 1 + 0.1 * (r.nextDouble() - 0.5);
    double[] k = {r.nextDouble() * 4, r.nextDouble() * 4, r.nextDouble() * 4};
    double amp = 0.03 * r.nextDouble();
    double phase = r.nextDouble() * 6;
    float[] out = new float[unit.length];
    for (int i = 0; i < unit.length; i += 3) {
      double bump = amp * Math.sin(k[0] * unit[i] + k[1] * unit[i + 1] + k[2] * unit[i + 2] + phase);
      out[i] = (float) (unit[i] * sx + bump);
      out[i + 1] = (float) (unit[i + 1] * sy + 0.5 * bump);
      out[i + 2] = (float) (unit[i + 2] * sz - bump);
    }
    return out;
  }
}
