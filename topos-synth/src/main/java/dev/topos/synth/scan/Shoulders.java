package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.Arrays;

/**
 * Procedural shoulders, as bust scans have them: the upper part of a smooth, flattened ellipsoid
 * (a slab about as wide as human shoulders) is placed so its top lies a little above the neck
 * base, the neck passes into it (head triangles wholly inside the ellipsoid are removed), and the
 * ellipsoid gets a hole where the neck enters: the convex outline, seen from above, of the head
 * triangles that straddle the ellipsoid (the neck base outline if none do). Only ellipsoid
 * triangles wholly inside that outline are removed, so neck and shoulders overlap by less than
 * an edge instead of leaving a gap. The ellipsoid is tessellated in rings of nearly even edge
 * length and ends at an open cut at the chest, like a bust.
 */
public final class Shoulders {
  private Shoulders() {}

  /**
   * The shape of the shoulders, metres.
   *
   * @param width full width (x), e.g. 0.35 .. 0.45
   * @param depth full depth front to back (z)
   * @param height semi-axis of the ellipsoid along y (how round the shoulders are from the side)
   * @param overlap how far the top rises above the highest point of the neck base
   * @param forward shift of the centre along z relative to the neck base centre
   * @param drop how far below the top the bust is cut off
   * @param edge target edge length of the tessellation
   */
  public record Shape(double width, double depth, double height, double overlap, double forward, double drop,
      double edge) {}

  /**
   * Joins shoulders to a head scan.
   *
   * @param scan the scan so far (a triangle mesh), metres
   * @param neckBase the neck base outline of the head, ordered loop positions [L*3], metres
   * @param shape the shoulders' shape
   * @return the scan without what lies inside the shoulders, plus the shoulder surface
   */
  public static Mesh attach(Mesh scan, float[] neckBase, Shape shape) {
    int loopSize = neckBase.length / 3;
    double cx = 0;
    double cz = 0;
    double maxY = -Double.MAX_VALUE;
    for (int i = 0; i < loopSize; i++) {
      cx += neckBase[3 * i];
      cz += neckBase[3 * i + 2];
      maxY = Math.max(maxY, neckBase[3 * i + 1]);
    }
    cx /= loopSize;
    cz /= loopSize;
    double a = shape.width() / 2;
    double b = shape.height();
    double c = shape.depth() / 2;
    double ex = cx;
    double ey = maxY + shape.overlap() - b;
    double ez = cz + shape.forward();
    // The scan without what is inside the ellipsoid.
    float[] sp = scan.positions();
    int[] st = MeshMath.triangles(scan);
    boolean[] inside = new boolean[scan.vertexCount()];
    for (int i = 0; i < inside.length; i++) {
      double x = (sp[3 * i] - ex) / a;
      double y = (sp[3 * i + 1] - ey) / b;
      double z = (sp[3 * i + 2] - ez) / c;
      inside[i] = x * x + y * y + z * z < 1;
    }
    boolean[] keep = new boolean[st.length / 3];
    float[] ring = new float[3 * 64];
    int ringCount = 0;
    for (int t = 0; t < keep.length; t++) {
      boolean a0 = inside[st[3 * t]];
      boolean a1 = inside[st[3 * t + 1]];
      boolean a2 = inside[st[3 * t + 2]];
      keep[t] = !(a0 && a1 && a2);
      if (keep[t] && (a0 || a1 || a2)) {
        for (int k = 0; k < 3; k++) {
          int v = st[3 * t + k];
          if (sp[3 * v + 1] > ey) {
            if (3 * ringCount == ring.length) {
              ring = Arrays.copyOf(ring, 2 * ring.length);
            }
            System.arraycopy(sp, 3 * v, ring, 3 * ringCount++, 3);
          }
        }
      }
    }
    float[] outline = ringCount >= 3 ? convexHullXz(Arrays.copyOf(ring, 3 * ringCount)) : neckBase;
    Mesh head = TriangleSubset.of(sp, st, keep).mesh();
    Mesh body = ellipsoidTop(ex, ey, ez, a, b, c, shape.drop(), shape.edge());
    float[] bp = body.positions();
    int[] bt = body.faceVertices();
    boolean[] inNeck = new boolean[body.vertexCount()];
    for (int i = 0; i < inNeck.length; i++) {
      inNeck[i] = bp[3 * i + 1] > ey && insideXz(outline, bp[3 * i], bp[3 * i + 2]);
    }
    boolean[] keepBody = new boolean[bt.length / 3];
    for (int t = 0; t < keepBody.length; t++) {
      keepBody[t] = !(inNeck[bt[3 * t]] && inNeck[bt[3 * t + 1]] && inNeck[bt[3 * t + 2]]);
    }
    Mesh shoulders = TriangleSubset.of(bp, bt, keepBody).mesh();
    return concat(head, shoulders);
  }

  /** The convex hull of points [N*3] seen along y (Andrew's monotone chain), as a loop [H*3] with y = 0. */
  static float[] convexHullXz(float[] points) {
    int n = points.length / 3;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (i, j) -> points[3 * i] != points[3 * j] ? Float.compare(points[3 * i], points[3 * j])
        : Float.compare(points[3 * i + 2], points[3 * j + 2]));
    int[] hull = new int[2 * n + 1];
    int k = 0;
    for (int idx = 0; idx < n; idx++) {
      int i = order[idx];
      while (k >= 2 && cross(points, hull[k - 2], hull[k - 1], i) <= 0) {
        k--;
      }
      hull[k++] = i;
    }
    int lower = k + 1;
    for (int idx = n - 2; idx >= 0; idx--) {
      int i = order[idx];
      while (k >= lower && cross(points, hull[k - 2], hull[k - 1], i) <= 0) {
        k--;
      }
      hull[k++] = i;
    }
    k--; // the last point repeats the first
    float[] out = new float[3 * Math.max(k, 0)];
    for (int i = 0; i < k; i++) {
      out[3 * i] = points[3 * hull[i]];
      out[3 * i + 2] = points[3 * hull[i] + 2];
    }
    return out;
  }

  private static double cross(float[] p, int o, int a, int b) {
    return (double) (p[3 * a] - p[3 * o]) * (p[3 * b + 2] - p[3 * o + 2])
        - (double) (p[3 * a + 2] - p[3 * o + 2]) * (p[3 * b] - p[3 * o]);
  }

  /** Even-odd point-in-polygon test of (x, z) against the loop projected onto the xz-plane. */
  static boolean insideXz(float[] loop, double x, double z) {
    int n = loop.length / 3;
    boolean in = false;
    for (int i = 0, j = n - 1; i < n; j = i++) {
      double xi = loop[3 * i];
      double zi = loop[3 * i + 2];
      double xj = loop[3 * j];
      double zj = loop[3 * j + 2];
      if ((zi > z) != (zj > z) && x < (xj - xi) * (z - zi) / (zj - zi) + xi) {
        in = !in;
      }
    }
    return in;
  }

  /**
   * The part of the ellipsoid (centre e, semi-axes a, b, c) within {@code drop} below its top,
   * as rings of points at polar angles from the top, zipped into triangles, outward oriented.
   */
  static Mesh ellipsoidTop(double ex, double ey, double ez, double a, double b, double c, double drop, double edge) {
    double maxAlpha = drop >= 2 * b ? Math.PI : StrictMath.acos(1 - drop / b);
    // Ring polar angles with about one edge of arc length between rings on the widest meridian.
    double[] alphas = new double[64];
    int rings = 0;
    alphas[rings++] = 0;
    double alpha = 0;
    double r = Math.max(a, c);
    while (alpha < maxAlpha - 1e-9) {
      double rc = r * StrictMath.cos(alpha);
      double bs = b * StrictMath.sin(alpha);
      double speed = Math.sqrt(rc * rc + bs * bs);
      alpha = Math.min(maxAlpha, alpha + edge / speed);
      if (rings == alphas.length) {
        alphas = Arrays.copyOf(alphas, rings * 2);
      }
      alphas[rings++] = alpha;
    }
    int[] ringStart = new int[rings + 1];
    int[] ringSize = new int[rings];
    ringSize[0] = 1;
    for (int k = 1; k < rings; k++) {
      double sa = a * StrictMath.sin(alphas[k]);
      double sc = c * StrictMath.sin(alphas[k]);
      double h = (sa - sc) * (sa - sc) / ((sa + sc) * (sa + sc));
      double perimeter = Math.PI * (sa + sc) * (1 + 3 * h / (10 + Math.sqrt(4 - 3 * h)));
      ringSize[k] = Math.max(6, (int) Math.round(perimeter / edge));
    }
    for (int k = 0; k < rings; k++) {
      ringStart[k + 1] = ringStart[k] + ringSize[k];
    }
    float[] pos = new float[3 * ringStart[rings]];
    for (int k = 0; k < rings; k++) {
      double sin = StrictMath.sin(alphas[k]);
      double cos = StrictMath.cos(alphas[k]);
      double phase = 0.5 * (k & 1) / ringSize[k];
      for (int i = 0; i < ringSize[k]; i++) {
        double phi = 2 * Math.PI * (i + phase) / ringSize[k];
        int o = 3 * (ringStart[k] + i);
        pos[o] = (float) (ex + a * sin * StrictMath.cos(phi));
        pos[o + 1] = (float) (ey + b * cos);
        pos[o + 2] = (float) (ez + c * sin * StrictMath.sin(phi));
      }
    }
    int[] tris = new int[3 * 2 * ringStart[rings]];
    int n = 0;
    for (int k = 0; k + 1 < rings; k++) {
      int m = ringSize[k];
      int l = ringSize[k + 1];
      double phaseU = 0.5 * (k & 1) / m;
      double phaseL = 0.5 * ((k + 1) & 1) / l;
      int i = 0;
      int j = 0;
      while (i < m || j < l) {
        int u = ringStart[k] + (i % m);
        int lo = ringStart[k + 1] + (j % l);
        double nextU = (i + 1 + phaseU) / m;
        double nextL = (j + 1 + phaseL) / l;
        if (m == 1) {
          int lNext = ringStart[k + 1] + ((j + 1) % l);
          tris[n++] = lo;
          tris[n++] = u;
          tris[n++] = lNext;
          j++;
          if (j >= l) {
            break;
          }
          continue;
        }
        if (j >= l || i < m && nextU <= nextL) {
          int uNext = ringStart[k] + ((i + 1) % m);
          tris[n++] = u;
          tris[n++] = uNext;
          tris[n++] = lo;
          i++;
        } else {
          int lNext = ringStart[k + 1] + ((j + 1) % l);
          tris[n++] = lo;
          tris[n++] = u;
          tris[n++] = lNext;
          j++;
        }
      }
    }
    return Mesh.ofTriangles(pos, Arrays.copyOf(tris, n));
  }

  static Mesh concat(Mesh a, Mesh b) {
    float[] pa = a.positions();
    float[] pb = b.positions();
    int[] ta = MeshMath.triangles(a);
    int[] tb = MeshMath.triangles(b);
    float[] p = Arrays.copyOf(pa, pa.length + pb.length);
    System.arraycopy(pb, 0, p, pa.length, pb.length);
    int[] t = Arrays.copyOf(ta, ta.length + tb.length);
    int offset = a.vertexCount();
    for (int i = 0; i < tb.length; i++) {
      t[ta.length + i] = tb[i] + offset;
    }
    return Mesh.ofTriangles(p, t);
  }
}
