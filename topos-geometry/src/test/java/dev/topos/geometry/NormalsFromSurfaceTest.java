package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalsFromSurfaceTest {
  /**
   * On a unit ball, the vertices above y = 0.5 are marked. Points on the ball get normals tilted by
   * 45 or by 10 degrees from the radial one: above the line the 45 degree ones (and only they) take the
   * ball's normal, below it every normal stays; a point 0.2 off the surface keeps its own.
   */
  @Test
  void markedPartsWithBadNormalsTakeTheSurfaces() {
    Mesh ball = TestMeshes.sphere(1, 48, 24);
    float[] v = ball.positions();
    boolean[] top = new boolean[ball.vertexCount()];
    for (int i = 0; i < top.length; i++) {
      top[i] = v[3 * i + 1] > 0.5;
    }
    double[][] directions = {{0.3, 0.8, 0.2}, {0.1, -0.7, 0.5}}; // above and below the line
    float[] points = new float[3 * 5];
    float[] normals = new float[3 * 5];
    for (int k = 0; k < 2; k++) {
      double[] d = unit(directions[k]);
      double[] side = unit(new double[] {d[1], -d[0], 0}); // perpendicular to d
      for (int j = 0; j < 2; j++) { // tilted by 45, then 10 degrees
        double a = Math.toRadians(j == 0 ? 45 : 10);
        int p = 2 * k + j;
        for (int c = 0; c < 3; c++) {
          points[3 * p + c] = (float) d[c];
          normals[3 * p + c] = (float) (Math.cos(a) * d[c] + Math.sin(a) * side[c]);
        }
      }
    }
    double[] far = unit(directions[0]);
    for (int c = 0; c < 3; c++) {
      points[12 + c] = (float) (1.2 * far[c]);
      normals[12 + c] = (float) -far[c]; // inward, 180 degrees off: left alone, too far
    }
    float[] out = NormalsFromSurface.where(points, normals, ball, top, 20, 0.1);
    double[] radial = unit(directions[0]);
    for (int c = 0; c < 3; c++) {
      assertEquals(radial[c], out[c], 0.02); // marked, 45 degrees off: the ball's normal
      assertEquals(normals[3 + c], out[3 + c], 0); // marked, 10 degrees off: kept
      assertEquals(normals[6 + c], out[6 + c], 0); // not marked: kept
      assertEquals(normals[9 + c], out[9 + c], 0);
      assertEquals(normals[12 + c], out[12 + c], 0); // too far: kept
    }
    assertThrows(IllegalArgumentException.class, () -> NormalsFromSurface.where(points, normals, ball, new boolean[3], 20, 0.1));
  }

  private static double[] unit(double[] a) {
    double l = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    return new double[] {a[0] / l, a[1] / l, a[2] / l};
  }
}
