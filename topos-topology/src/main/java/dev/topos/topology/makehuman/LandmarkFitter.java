package dev.topos.topology.makehuman;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;
import dev.topos.topology.SurfacePoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Places MediaPipe's 468 face-mesh landmarks (and from them the 68-point iBUG layout) on the
 * reference head: the canonical face model is scaled and placed by the eye centres (both models
 * are +Y up, face along +Z), then refined by affine ICP against the head's face surface, and each
 * landmark is projected to its closest surface point and stored barycentrically.
 */
final class LandmarkFitter {
  /**
   * iBUG 68 -> MediaPipe indices (one or two, averaged), the widely used correspondence table
   * (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67).
   */
  static final int[][] IBUG68_FROM_MEDIAPIPE = {
      {127}, {234}, {93}, {132, 58}, {58, 172}, {136}, {150}, {176}, {152}, {400}, {379}, {365}, {397, 288},
      {361}, {323}, {454}, {356},
      {70}, {63}, {105}, {66}, {107}, {336}, {296}, {334}, {293}, {300},
      {168, 6}, {197, 195}, {5}, {4}, {75}, {97}, {2}, {326}, {305},
      {33}, {160}, {158}, {133}, {153}, {144}, {362}, {385}, {387}, {263}, {373}, {380},
      {61}, {39}, {37}, {0}, {267}, {269}, {291}, {321}, {314}, {17}, {84}, {91},
      {78}, {82}, {13}, {312}, {308}, {317}, {14}, {87}};

  /** MediaPipe's eye-corner landmarks (right eye 33, 133; left eye 362, 263). */
  private static final int[] RIGHT_EYE = {33, 133};
  private static final int[] LEFT_EYE = {362, 263};
  /** The eyeball centre lies about 11 mm behind the eye-corner line. */
  private static final float EYE_CORNER_DEPTH = 0.011f;
  private static final int ICP_ITERATIONS = 40;

  /**
   * @param mediapipe landmarks in MediaPipe layout order
   * @param ibug68 landmarks in iBUG order
   * @param fitRmsMm RMS distance of the fitted canonical model to the head surface (mm), before projection
   */
  record Result(List<SurfacePoint> mediapipe, List<SurfacePoint> ibug68, double fitRmsMm) {}

  private LandmarkFitter() {}

  static Result fit(Mesh head, Region[] regions, float[] eyeLeft, float[] eyeRight, float[] canonical) {
    int[] triangles = faceTriangles(head, regions);
    ClosestPointOnMesh surface = new ClosestPointOnMesh(head.positions(), triangles);
    int n = canonical.length / 3;

    // Initial placement: match the eye-corner midpoints' spacing and centre.
    float[] mpRight = mean(canonical, RIGHT_EYE);
    float[] mpLeft = mean(canonical, LEFT_EYE);
    double scale = dist(eyeLeft, eyeRight) / dist(mpLeft, mpRight);
    double[][] affine = new double[3][4];
    for (int k = 0; k < 3; k++) {
      affine[k][k] = scale;
      double mhMid = (eyeLeft[k] + eyeRight[k]) / 2 + (k == 2 ? EYE_CORNER_DEPTH : 0);
      affine[k][3] = mhMid - scale * (mpLeft[k] + mpRight[k]) / 2;
    }

    float[] moved = new float[3 * n];
    float[] target = new float[3 * n];
    for (int it = 0; it < ICP_ITERATIONS; it++) {
      apply(affine, canonical, moved);
      double[] residual = new double[n];
      for (int i = 0; i < n; i++) {
        dev.topos.geometry.SurfacePoint hit = surface.closest(moved[3 * i], moved[3 * i + 1], moved[3 * i + 2]);
        target[3 * i] = (float) hit.x();
        target[3 * i + 1] = (float) hit.y();
        target[3 * i + 2] = (float) hit.z();
        residual[i] = hit.distance();
      }
      double[] sorted = residual.clone();
      Arrays.sort(sorted);
      double cutoff = 3 * sorted[n / 2] + 1e-4; // drop outliers (points over holes) from the fit
      boolean[] use = new boolean[n];
      for (int i = 0; i < n; i++) {
        use[i] = residual[i] <= cutoff;
      }
      affine = fitAffine(canonical, target, use);
    }
    apply(affine, canonical, moved);
    double sum = 0;
    List<SurfacePoint> mp = new ArrayList<>(n);
    float[] projected = new float[3 * n];
    for (int i = 0; i < n; i++) {
      dev.topos.geometry.SurfacePoint hit = surface.closest(moved[3 * i], moved[3 * i + 1], moved[3 * i + 2]);
      sum += hit.distance() * hit.distance();
      SurfacePoint p = toSurfacePoint(triangles, hit);
      mp.add(p);
      p.evaluate(head.positions(), projected, i);
    }
    List<SurfacePoint> ibug = new ArrayList<>(IBUG68_FROM_MEDIAPIPE.length);
    for (int[] src : IBUG68_FROM_MEDIAPIPE) {
      float[] m = mean(projected, src);
      ibug.add(toSurfacePoint(triangles, surface.closest(m[0], m[1], m[2])));
    }
    return new Result(mp, ibug, 1000 * Math.sqrt(sum / n));
  }

  private static SurfacePoint toSurfacePoint(int[] triangles, dev.topos.geometry.SurfacePoint hit) {
    int t = hit.triangle();
    return new SurfacePoint(triangles[3 * t], triangles[3 * t + 1], triangles[3 * t + 2], (float) hit.b0(), (float) hit.b1(), (float) hit.b2());
  }

  /** Triangles of the head whose corners are all on the face (not ears, not inside the mouth). */
  private static int[] faceTriangles(Mesh head, Region[] regions) {
    boolean[] face = new boolean[regions.length];
    for (int v = 0; v < regions.length; v++) {
      face[v] = regions[v] != Region.EARS && regions[v] != Region.MOUTH_CAVITY && regions[v] != Region.NECK;
    }
    return dev.topos.geometry.TriangleSubset.within(head.triangles(), face);
  }

  private static void apply(double[][] a, float[] in, float[] out) {
    for (int i = 0; i < in.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        out[i + k] = (float) (a[k][0] * in[i] + a[k][1] * in[i + 1] + a[k][2] * in[i + 2] + a[k][3]);
      }
    }
  }

  /** Least-squares affine map from src to dst over the selected points (normal equations, 4x4). */
  static double[][] fitAffine(float[] src, float[] dst, boolean[] use) {
    double[][] ata = new double[4][4];
    double[][] atb = new double[4][3];
    for (int i = 0; i < use.length; i++) {
      if (!use[i]) {
        continue;
      }
      double[] row = {src[3 * i], src[3 * i + 1], src[3 * i + 2], 1};
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          ata[r][c] += row[r] * row[c];
        }
        for (int k = 0; k < 3; k++) {
          atb[r][k] += row[r] * dst[3 * i + k];
        }
      }
    }
    double[][] x = solve(ata, atb);
    double[][] a = new double[3][4];
    for (int k = 0; k < 3; k++) {
      for (int c = 0; c < 4; c++) {
        a[k][c] = x[c][k];
      }
    }
    return a;
  }

  /** Gauss-Jordan elimination with partial pivoting for a small dense system. */
  private static double[][] solve(double[][] a, double[][] b) {
    int n = a.length;
    int m = b[0].length;
    double[][] aa = new double[n][];
    double[][] bb = new double[n][];
    for (int i = 0; i < n; i++) {
      aa[i] = a[i].clone();
      bb[i] = b[i].clone();
    }
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(aa[r][col]) > Math.abs(aa[piv][col])) {
          piv = r;
        }
      }
      double[] t = aa[col];
      aa[col] = aa[piv];
      aa[piv] = t;
      t = bb[col];
      bb[col] = bb[piv];
      bb[piv] = t;
      double d = aa[col][col];
      if (Math.abs(d) < 1e-300) {
        throw new IllegalStateException("singular system in landmark fit");
      }
      for (int r = 0; r < n; r++) {
        if (r == col) {
          continue;
        }
        double f = aa[r][col] / d;
        for (int c = col; c < n; c++) {
          aa[r][c] -= f * aa[col][c];
        }
        for (int c = 0; c < m; c++) {
          bb[r][c] -= f * bb[col][c];
        }
      }
    }
    double[][] x = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < m; c++) {
        x[i][c] = bb[i][c] / aa[i][i];
      }
    }
    return x;
  }

  private static float[] mean(float[] xyz, int[] indices) {
    float[] m = new float[3];
    for (int i : indices) {
      for (int k = 0; k < 3; k++) {
        m[k] += xyz[3 * i + k] / indices.length;
      }
    }
    return m;
  }

  private static double dist(float[] a, float[] b) {
    double dx = a[0] - b[0];
    double dy = a[1] - b[1];
    double dz = a[2] - b[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz);
  }
}
