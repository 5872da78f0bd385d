package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import dev.topos.topology.Region;

/**
 * A hair cap as scans of people with hair show it: the scalp surface is pushed outward along its
 * (smoothed) normals by a hair thickness that varies smoothly over the head, fading in smoothly
 * over a band inside the hairline; where the fade starts wobbles (a ragged margin, always inside
 * the scalp, so the face, ears and neck never move). The pushed surface replaces the scalp;
 * vertices and faces stay as they are.
 */
public final class HairCap {
  /** Neighbour-averaging passes over the normals before offsetting, against folds in hollows. */
  static final int NORMAL_SMOOTHING_PASSES = 4;

  private HairCap() {}

  /**
   * @param head a triangle mesh with region labels, metres
   * @param thickness mean hair thickness where the hair is full, metres (e.g. 0.005 .. 0.025)
   * @param band width of the fade-in from the hairline, metres (at least about twice the
   *     thickness, or the hairline becomes a cliff)
   * @param raggedness amplitude of the hairline's wobble (geodesic shift into the scalp), metres
   * @param thicknessVariation relative variation of the thickness over the head (0 = uniform)
   * @param marginNoise the hairline wobble's shape
   * @param thicknessNoise the thickness variation's shape
   * @return the head with the scalp replaced by the hair surface
   */
  public static RegionMesh apply(RegionMesh head, double thickness, double band, double raggedness,
      double thicknessVariation, SmoothNoise marginNoise, SmoothNoise thicknessNoise) {
    Mesh mesh = head.mesh();
    Region[] regions = head.regions();
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    int v = mesh.vertexCount();
    TriangleFans fans = TriangleFans.of(v, tris);
    // Distance into the scalp from its edge.
    int[] sources = new int[v];
    int count = 0;
    for (int i = 0; i < v; i++) {
      if (regions[i] != Region.SCALP) {
        continue;
      }
      boolean edge = false;
      for (int s = fans.start()[i]; s < fans.start()[i + 1] && !edge; s++) {
        int t = 3 * fans.triangles()[s];
        for (int k = 0; k < 3; k++) {
          if (regions[tris[t + k]] != Region.SCALP) {
            edge = true;
          }
        }
      }
      if (edge) {
        sources[count++] = i;
      }
    }
    double limit = band + 5 * raggedness;
    double[] distance = count == 0 ? null
        : new GeodesicDistance(p, tris, fans).run(java.util.Arrays.copyOf(sources, count), limit);
    float[] normals = smoothNormals(Normals.vertexNormals(p, tris), tris, fans);
    float[] out = p.clone();
    for (int i = 0; i < v; i++) {
      if (regions[i] != Region.SCALP) {
        continue;
      }
      double x = p[3 * i];
      double y = p[3 * i + 1];
      double z = p[3 * i + 2];
      double d = distance == null ? limit : Math.min(limit, distance[i]);
      double shifted = d - raggedness * Math.max(0, 1.5 + marginNoise.at(x, y, z));
      double s = Math.max(0, Math.min(1, shifted / band));
      double w = s * s * (3 - 2 * s);
      double local = thickness * Math.max(0, 1 + thicknessVariation * thicknessNoise.at(x, y, z));
      double offset = w * local;
      out[3 * i] = (float) (x + offset * normals[3 * i]);
      out[3 * i + 1] = (float) (y + offset * normals[3 * i + 1]);
      out[3 * i + 2] = (float) (z + offset * normals[3 * i + 2]);
    }
    return new RegionMesh(mesh.withPositions(out), regions);
  }

  private static float[] smoothNormals(float[] normals, int[] tris, TriangleFans fans) {
    int v = normals.length / 3;
    float[] a = normals.clone();
    float[] b = new float[a.length];
    for (int pass = 0; pass < NORMAL_SMOOTHING_PASSES; pass++) {
      for (int i = 0; i < v; i++) {
        double x = a[3 * i];
        double y = a[3 * i + 1];
        double z = a[3 * i + 2];
        for (int s = fans.start()[i]; s < fans.start()[i + 1]; s++) {
          int t = 3 * fans.triangles()[s];
          for (int k = 0; k < 3; k++) {
            int w = tris[t + k];
            if (w != i) {
              x += a[3 * w];
              y += a[3 * w + 1];
              z += a[3 * w + 2];
            }
          }
        }
        double len = Math.sqrt(x * x + y * y + z * z);
        if (len > 0) {
          b[3 * i] = (float) (x / len);
          b[3 * i + 1] = (float) (y / len);
          b[3 * i + 2] = (float) (z / len);
        }
      }
      float[] swap = a;
      a = b;
      b = swap;
    }
    return a;
  }
}
