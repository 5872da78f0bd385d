package dev.topos.synth.scan;

import dev.topos.geometry.Gaussian;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import java.util.SplittableRandom;

/**
 * Scanner noise: every vertex moves along its normal by a Gaussian amount (optionally smoothed
 * over the surface a few times, so neighbouring vertices move together as in real depth noise,
 * and rescaled back to the requested standard deviation) plus a small Gaussian jitter within
 * its tangent plane. Connectivity is unchanged.
 */
public final class NormalNoise {
  private NormalNoise() {}

  /**
   * @param mesh a triangle (or polygon) mesh, metres
   * @param sd standard deviation of the displacement along the normal, metres
   * @param tangentialSd standard deviation of each tangential component, metres
   * @param smoothingPasses neighbour-averaging passes over the normal displacement (0 = white noise)
   * @param random the random stream (consumed: 3 Gaussians per vertex, {@link Gaussian})
   * @return the noisy mesh (same faces)
   */
  public static Mesh apply(Mesh mesh, double sd, double tangentialSd, int smoothingPasses, SplittableRandom random) {
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    int v = mesh.vertexCount();
    float[] normals = Normals.vertexNormals(p, tris);
    double[] along = new double[v];
    double[] tangential = new double[3 * v];
    for (int i = 0; i < v; i++) {
      along[i] = Gaussian.next(random);
      tangential[3 * i] = Gaussian.next(random);
      tangential[3 * i + 1] = Gaussian.next(random);
      tangential[3 * i + 2] = Gaussian.next(random);
    }
    if (smoothingPasses > 0) {
      TriangleFans fans = TriangleFans.of(v, tris);
      double[] next = new double[v];
      for (int pass = 0; pass < smoothingPasses; pass++) {
        for (int i = 0; i < v; i++) {
          double sum = along[i];
          int count = 1;
          for (int s = fans.start()[i]; s < fans.start()[i + 1]; s++) {
            int t = 3 * fans.triangles()[s];
            for (int k = 0; k < 3; k++) {
              int w = tris[t + k];
              if (w != i) {
                sum += 0.5 * along[w];
                count++;
              }
            }
          }
          next[i] = sum / (1 + 0.5 * (count - 1));
        }
        double[] swap = along;
        along = next;
        next = swap;
      }
      double sq = 0;
      for (int i = 0; i < v; i++) {
        sq += along[i] * along[i];
      }
      double scale = sq > 0 ? Math.sqrt(v / sq) : 0;
      for (int i = 0; i < v; i++) {
        along[i] *= scale;
      }
    }
    float[] out = new float[3 * v];
    for (int i = 0; i < v; i++) {
      double nx = normals[3 * i];
      double ny = normals[3 * i + 1];
      double nz = normals[3 * i + 2];
      double tx = tangential[3 * i];
      double ty = tangential[3 * i + 1];
      double tz = tangential[3 * i + 2];
      double tn = tx * nx + ty * ny + tz * nz;
      tx -= tn * nx;
      ty -= tn * ny;
      tz -= tn * nz;
      double a = sd * along[i];
      out[3 * i] = (float) (p[3 * i] + a * nx + tangentialSd * tx);
      out[3 * i + 1] = (float) (p[3 * i + 1] + a * ny + tangentialSd * ty);
      out[3 * i + 2] = (float) (p[3 * i + 2] + a * nz + tangentialSd * tz);
    }
    return mesh.withPositions(out);
  }
}
