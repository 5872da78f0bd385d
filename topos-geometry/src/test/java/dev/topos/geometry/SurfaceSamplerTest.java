package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SurfaceSamplerTest {

  /** A 1 x 2 rectangle in z = 0 cut from (0, 0) to (1, 0.5): triangles of area 0.25 and 1.75. */
  private static Mesh rectangle() {
    float[] p = {0, 0, 0, 1, 0, 0, 1, 0.5f, 0, 1, 2, 0, 0, 2, 0};
    // Triangle 0: (0,0) (1,0) (1,0.5), area 0.25. Triangle 1 is the quad (0,0) (1,0.5) (1,2) (0,2)
    // fanned into triangles 1 and 2 (areas 0.75 and 1.0) via the polygon.
    return Mesh.of(p, new int[] {0, 3, 7}, new int[] {0, 1, 2, 0, 2, 3, 4});
  }

  @Test
  void samplesSplitByArea() {
    SurfaceSampler sampler = new SurfaceSampler(rectangle());
    assertEquals(2.0, sampler.area(), 1e-12);
    int n = 100_000;
    SurfaceSamples s = sampler.sample(n, 12345L, SurfaceSampler.NormalMode.FACE);
    int[] perTriangle = new int[3];
    for (int t : s.triangles()) {
      perTriangle[t]++;
    }
    double[] expected = {0.25 / 2, 0.75 / 2, 1.0 / 2};
    for (int t = 0; t < 3; t++) {
      assertEquals(expected[t], perTriangle[t] / (double) n, 0.01, "triangle " + t);
    }
    // All samples are on the rectangle with the +z face normal, and their barycentrics reproduce them.
    float[] xyz = s.points().positions();
    int[] tris = sampler.triangles();
    float[] p = rectangle().positions();
    for (int i = 0; i < n; i++) {
      assertTrue(xyz[3 * i] >= 0 && xyz[3 * i] <= 1 && xyz[3 * i + 1] >= 0 && xyz[3 * i + 1] <= 2);
      assertEquals(1.0f, s.points().normals()[3 * i + 2]);
      for (int k = 0; k < 3; k++) {
        double e = s.barycentrics()[3 * i] * p[3 * tris[3 * s.triangles()[i]] + k]
            + s.barycentrics()[3 * i + 1] * p[3 * tris[3 * s.triangles()[i] + 1] + k]
            + s.barycentrics()[3 * i + 2] * p[3 * tris[3 * s.triangles()[i] + 2] + k];
        assertEquals(e, xyz[3 * i + k], 1e-6);
      }
    }
    // Uniform within the rectangle: the mean is its centre (0.5, 1).
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += xyz[3 * i];
      my += xyz[3 * i + 1];
    }
    assertEquals(0.5, mx / n, 0.005);
    assertEquals(1.0, my / n, 0.01);
  }

  @Test
  void sameSeedSameBytes() {
    Mesh sphere = TestMeshes.sphere(1, 16, 9);
    SurfaceSamples a = SurfaceSampler.sample(sphere, 1000, 99, SurfaceSampler.NormalMode.INTERPOLATED);
    SurfaceSamples b = SurfaceSampler.sample(sphere, 1000, 99, SurfaceSampler.NormalMode.INTERPOLATED);
    SurfaceSamples c = SurfaceSampler.sample(sphere, 1000, 100, SurfaceSampler.NormalMode.INTERPOLATED);
    assertEquals(a, b);
    assertArrayEquals(a.points().positions(), b.points().positions());
    assertFalse(Arrays.equals(a.points().positions(), c.points().positions()));
  }

  @Test
  void interpolatedNormalsFollowTheSphere() {
    Mesh sphere = TestMeshes.sphere(1, 32, 17);
    SurfaceSamples face = SurfaceSampler.sample(sphere, 2000, 5, SurfaceSampler.NormalMode.FACE);
    SurfaceSamples smooth = SurfaceSampler.sample(sphere, 2000, 5, SurfaceSampler.NormalMode.INTERPOLATED);
    // Same positions either way; normals are unit length and the interpolated ones are closer to radial.
    assertArrayEquals(face.points().positions(), smooth.points().positions());
    double errFace = 0;
    double errSmooth = 0;
    for (int i = 0; i < 2000; i++) {
      float[] p = face.points().positions();
      double len = Math.sqrt(p[3 * i] * p[3 * i] + p[3 * i + 1] * p[3 * i + 1] + p[3 * i + 2] * p[3 * i + 2]);
      double cosFace = 0;
      double cosSmooth = 0;
      double nf = 0;
      double ns = 0;
      for (int k = 0; k < 3; k++) {
        cosFace += face.points().normals()[3 * i + k] * p[3 * i + k] / len;
        cosSmooth += smooth.points().normals()[3 * i + k] * p[3 * i + k] / len;
        nf += face.points().normals()[3 * i + k] * face.points().normals()[3 * i + k];
        ns += smooth.points().normals()[3 * i + k] * smooth.points().normals()[3 * i + k];
      }
      assertEquals(1, nf, 1e-5);
      assertEquals(1, ns, 1e-5);
      errFace += 1 - cosFace;
      errSmooth += 1 - cosSmooth;
    }
    assertTrue(errSmooth < errFace, errSmooth + " vs " + errFace);
  }
}
