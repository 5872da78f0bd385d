package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fill rule: shared edges and vertices are covered exactly once. */
class CoverageTest {
  private final Rasterizer raster = new Rasterizer(new RenderSettings(1, false, 1e-3, 1));

  /** Renders every triangle on its own and counts, per pixel, how many triangles cover it. */
  private int[] coverage(Camera cam, float[] positions, int[] triangles) {
    int[] count = new int[cam.width() * cam.height()];
    for (int t = 0; t < triangles.length / 3; t++) {
      int[] one = {triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2]};
      int[] ids = raster.rasterize(cam, positions, one).triangleId();
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] >= 0) {
          count[i]++;
        }
      }
    }
    return count;
  }

  private static void assertAllOnce(int[] count) {
    for (int i = 0; i < count.length; i++) {
      assertEquals(1, count[i], "pixel " + i);
    }
  }

  @Test
  void fullScreenQuadCoversEveryPixelOnce() {
    // 64 x 64 px showing 4 x 4 m: the quad's corners are the image corners and both diagonals pass
    // exactly through the pixel centres (i + 0.5, i + 0.5), so the tie rule decides 64 samples.
    Camera cam = TestMeshes.front(64, 64, 16);
    float[] p = {-2, -2, 0, 2, -2, 0, 2, 2, 0, -2, 2, 0};
    assertAllOnce(coverage(cam, p, new int[] {0, 1, 2, 0, 2, 3}));
    assertAllOnce(coverage(cam, p, new int[] {0, 1, 3, 1, 2, 3}));
    // Drawn together, every pixel sees one of the two triangles.
    assertEquals(64 * 64, raster.rasterize(cam, p, new int[] {0, 1, 2, 0, 2, 3}).coveredCount());
  }

  @Test
  void fanAroundAPixelCentreCoversItOnce() {
    // Centre vertex exactly on the centre of pixel (16, 16); 8 spokes through pixel centres.
    Camera cam = TestMeshes.front(32, 32, 16);
    float c = 0.5f / 16;
    float[] p = new float[3 * 9];
    p[0] = c;
    p[1] = -c;
    for (int k = 0; k < 8; k++) {
      double a = Math.PI * 2 * k / 8;
      p[3 + 3 * k] = c + (float) Math.round(3 * Math.cos(a));
      p[3 + 3 * k + 1] = -c + (float) Math.round(3 * Math.sin(a));
    }
    int[] t = new int[24];
    for (int k = 0; k < 8; k++) {
      t[3 * k] = 0;
      t[3 * k + 1] = 1 + k;
      t[3 * k + 2] = 1 + (k + 1) % 8;
    }
    assertAllOnce(coverage(cam, p, t));
  }

  @Test
  void jitteredGridInPerspectiveHasNoCracksOrDoubleHits() {
    // A 10 x 10 vertex grid larger than the view, interior vertices jittered, some onto exact
    // pixel centres; seen by a tilted perspective camera.
    int n = 10;
    float[] p = new float[3 * n * n];
    Random rnd = new Random(7);
    for (int j = 0; j < n; j++) {
      for (int i = 0; i < n; i++) {
        int v = j * n + i;
        double x = -5 + 10.0 * i / (n - 1);
        double y = -5 + 10.0 * j / (n - 1);
        if (i > 0 && i < n - 1 && j > 0 && j < n - 1) {
          x += 0.4 * (rnd.nextDouble() - 0.5);
          y += 0.4 * (rnd.nextDouble() - 0.5);
        }
        p[3 * v] = (float) x;
        p[3 * v + 1] = (float) y;
        p[3 * v + 2] = (float) (0.03 * x * y);
      }
    }
    int[] t = new int[6 * (n - 1) * (n - 1)];
    int k = 0;
    for (int j = 0; j + 1 < n; j++) {
      for (int i = 0; i + 1 < n; i++) {
        int a = j * n + i;
        t[k++] = a;
        t[k++] = a + 1;
        t[k++] = a + n + 1;
        t[k++] = a;
        t[k++] = a + n + 1;
        t[k++] = a + n;
      }
    }
    Camera cam = Camera.lookAt(new double[] {0.3, -0.4, 3}, new double[] {0, 0, 0}, new double[] {0.1, 1, 0}, 60, 48, 40);
    assertAllOnce(coverage(cam, p, t));
  }
}
