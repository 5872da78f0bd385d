package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.SplittableRandom;

/**
 * Holes as scans have them where the scanner saw nothing (under the chin, in hair, behind the
 * ears): every triangle with a corner within a geodesic disc is removed. Disc centres are drawn
 * uniformly by area over the surface.
 */
public final class GeodesicHoles {
  private GeodesicHoles() {}

  /**
   * The mesh with holes and where they are.
   *
   * @param mesh the mesh with holes, metres
   * @param centres centre of each disc, [H*3], metres
   * @param radii radius of each disc, [H], metres
   */
  public record Result(Mesh mesh, float[] centres, double[] radii) {}

  /**
   * @param mesh a triangle (or polygon) mesh, metres
   * @param radii geodesic radius of each hole, metres
   * @param random picks the centres (consumed)
   */
  public static Result apply(Mesh mesh, double[] radii, SplittableRandom random) {
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    int tc = tris.length / 3;
    double[] cumulative = new double[tc];
    double total = 0;
    for (int t = 0; t < tc; t++) {
      total += MeshMath.area(p, tris, t);
      cumulative[t] = total;
    }
    GeodesicDistance geodesic = new GeodesicDistance(p, tris, TriangleFans.of(mesh.vertexCount(), tris));
    boolean[] removeVertex = new boolean[mesh.vertexCount()];
    float[] centres = new float[3 * radii.length];
    for (int h = 0; h < radii.length; h++) {
      double x = random.nextDouble() * total;
      int t = java.util.Arrays.binarySearch(cumulative, x);
      t = t >= 0 ? t : Math.min(tc - 1, -t - 1);
      int seed = tris[3 * t + random.nextInt(3)];
      System.arraycopy(p, 3 * seed, centres, 3 * h, 3);
      double[] d = geodesic.run(new int[] {seed}, radii[h]);
      for (int v = 0; v < d.length; v++) {
        if (d[v] <= radii[h]) {
          removeVertex[v] = true;
        }
      }
    }
    boolean[] keep = new boolean[tc];
    for (int t = 0; t < tc; t++) {
      keep[t] = !removeVertex[tris[3 * t]] && !removeVertex[tris[3 * t + 1]] && !removeVertex[tris[3 * t + 2]];
    }
    return new Result(TriangleSubset.of(p, tris, keep).mesh(), centres, radii.clone());
  }
}
