package dev.topos.render;

import java.util.Arrays;

/**
 * Screen-space triangles prepared for rasterization: clipped, snapped to a fixed-point grid,
 * wound consistently and bounded. Internal to the rasterizer.
 *
 * <p>Vertices are snapped to 1/256 pixel; edge functions are then evaluated exactly in 64-bit
 * integers, so the two triangles sharing an edge see exactly opposite edge values and the
 * top-left rule assigns every sample on the edge to exactly one of them (no cracks, no double
 * hits). Coordinates are kept within a guard band of +-2^21 pixels so that all products fit in a
 * {@code long}.
 *
 * <p>Triangles crossing the near plane (and the rare ones reaching beyond the guard band) are
 * clipped in camera space; each clipped vertex carries its barycentric coordinates in the source
 * triangle, so interpolation stays exact. Clipping at the guard band introduces new vertices on
 * edges, which only matters for triangles that are millions of pixels wide.
 */
final class TriangleSetup {
  static final int SUB = 256;
  static final int HALF = SUB / 2;
  static final double GUARD = 1 << 21;

  final boolean perspective;
  final int width;
  final int height;
  int count;
  /** Fixed-point x0, y0, x1, y1, x2, y2 per triangle, wound so that (x1-x0)(y2-y0) - (y1-y0)(x2-x0) > 0. */
  int[] xy;
  /** Per vertex: 1/z for perspective cameras, z for orthographic ones. */
  double[] w;
  /** Per triangle 3x3, row k = barycentric coordinates of setup vertex k in the source triangle. */
  float[] bary;
  /** Source triangle index per setup triangle. */
  int[] source;
  /** Inclusive sample bounds minX, minY, maxX, maxY per triangle. */
  int[] bbox;
  /**
   * Per triangle: origin (u0, v0) in samples and gradients (dB/du, dB/dv) of the screen-space
   * barycentrics of vertices 1 and 2, from the unsnapped projections (8 doubles).
   */
  double[] plane;

  private TriangleSetup(boolean perspective, int width, int height, int capacity) {
    this.perspective = perspective;
    this.width = width;
    this.height = height;
    grow(Math.max(capacity, 16));
  }

  private void grow(int capacity) {
    xy = xy == null ? new int[6 * capacity] : Arrays.copyOf(xy, 6 * capacity);
    w = w == null ? new double[3 * capacity] : Arrays.copyOf(w, 3 * capacity);
    bary = bary == null ? new float[9 * capacity] : Arrays.copyOf(bary, 9 * capacity);
    source = source == null ? new int[capacity] : Arrays.copyOf(source, capacity);
    bbox = bbox == null ? new int[4 * capacity] : Arrays.copyOf(bbox, 4 * capacity);
    plane = plane == null ? new double[8 * capacity] : Arrays.copyOf(plane, 8 * capacity);
  }

  /**
   * Coverage uses the snapped integer coordinates (exact, watertight); interpolation uses the
   * unsnapped projections so attributes are not disturbed by the 1/256 pixel grid.
   *
   * Transforms, culls, clips and snaps triangles for rendering with {@code camera} (at the
   * resolution the samples are taken at).
   */
  static TriangleSetup build(Camera camera, float[] positions, int[] triangles, boolean cull, double near) {
    boolean persp = camera instanceof Camera.Perspective;
    int vcount = positions.length / 3;
    TriangleSetup s = new TriangleSetup(persp, camera.width(), camera.height(), triangles.length / 3 + 16);

    // Clip planes in camera space: p . (x, y, z) + d >= 0 is inside.
    double[][] planes = clipPlanes(camera, near);

    double[] cam = new double[3 * vcount];
    int[] fixed = new int[2 * vcount];
    double[] screen = new double[2 * vcount];
    double[] wv = new double[vcount];
    boolean[] ok = new boolean[vcount];
    Pose pose = camera.pose();
    double[] c = new double[3];
    double[] uv = new double[2];
    for (int v = 0; v < vcount; v++) {
      pose.toCamera(positions[3 * v], positions[3 * v + 1], positions[3 * v + 2], c);
      cam[3 * v] = c[0];
      cam[3 * v + 1] = c[1];
      cam[3 * v + 2] = c[2];
      boolean in = true;
      for (double[] p : planes) {
        in &= p[0] * c[0] + p[1] * c[1] + p[2] * c[2] + p[3] >= 0;
      }
      ok[v] = in;
      if (in) {
        camera.projectCamera(c[0], c[1], c[2], uv);
        screen[2 * v] = uv[0];
        screen[2 * v + 1] = uv[1];
        fixed[2 * v] = (int) Math.round(uv[0] * SUB);
        fixed[2 * v + 1] = (int) Math.round(uv[1] * SUB);
        wv[v] = persp ? 1.0 / c[2] : c[2];
      }
    }

    double[] polyA = new double[6 * 12];
    double[] polyB = new double[6 * 12];
    float[] rows = new float[9];
    for (int t = 0; t < triangles.length / 3; t++) {
      int ia = triangles[3 * t];
      int ib = triangles[3 * t + 1];
      int ic = triangles[3 * t + 2];
      if (cull && !frontFacing(cam, ia, ib, ic, persp)) {
        continue;
      }
      if (ok[ia] && ok[ib] && ok[ic]) {
        rows[0] = 1; rows[1] = 0; rows[2] = 0;
        rows[3] = 0; rows[4] = 1; rows[5] = 0;
        rows[6] = 0; rows[7] = 0; rows[8] = 1;
        s.emit(fixed[2 * ia], fixed[2 * ia + 1], wv[ia], fixed[2 * ib], fixed[2 * ib + 1], wv[ib],
            fixed[2 * ic], fixed[2 * ic + 1], wv[ic], rows, t,
            screen[2 * ia], screen[2 * ia + 1], screen[2 * ib], screen[2 * ib + 1], screen[2 * ic], screen[2 * ic + 1]);
        continue;
      }
      if (!ok[ia] && !ok[ib] && !ok[ic] && allOutsideOnePlane(planes, cam, ia, ib, ic)) {
        continue;
      }
      // Slow path: Sutherland-Hodgman in camera space, carrying source barycentrics.
      int n = 3;
      int[] ids = {ia, ib, ic};
      for (int k = 0; k < 3; k++) {
        polyA[6 * k] = cam[3 * ids[k]];
        polyA[6 * k + 1] = cam[3 * ids[k] + 1];
        polyA[6 * k + 2] = cam[3 * ids[k] + 2];
        polyA[6 * k + 3] = k == 0 ? 1 : 0;
        polyA[6 * k + 4] = k == 1 ? 1 : 0;
        polyA[6 * k + 5] = k == 2 ? 1 : 0;
      }
      double[] in = polyA;
      double[] out = polyB;
      for (double[] p : planes) {
        n = clip(in, n, p, out);
        double[] tmp = in;
        in = out;
        out = tmp;
        if (n < 3) {
          break;
        }
      }
      if (n < 3) {
        continue;
      }
      int[] fx = new int[n];
      int[] fy = new int[n];
      double[] ww = new double[n];
      double[] su = new double[n];
      double[] sv = new double[n];
      for (int k = 0; k < n; k++) {
        camera.projectCamera(in[6 * k], in[6 * k + 1], in[6 * k + 2], uv);
        su[k] = uv[0];
        sv[k] = uv[1];
        fx[k] = (int) Math.round(uv[0] * SUB);
        fy[k] = (int) Math.round(uv[1] * SUB);
        ww[k] = persp ? 1.0 / in[6 * k + 2] : in[6 * k + 2];
      }
      for (int k = 1; k + 1 < n; k++) {
        int[] corner = {0, k, k + 1};
        for (int r = 0; r < 3; r++) {
          rows[3 * r] = (float) in[6 * corner[r] + 3];
          rows[3 * r + 1] = (float) in[6 * corner[r] + 4];
          rows[3 * r + 2] = (float) in[6 * corner[r] + 5];
        }
        s.emit(fx[0], fy[0], ww[0], fx[k], fy[k], ww[k], fx[k + 1], fy[k + 1], ww[k + 1], rows, t,
            su[0], sv[0], su[k], sv[k], su[k + 1], sv[k + 1]);
      }
    }
    return s;
  }

  private static double[][] clipPlanes(Camera camera, double near) {
    double g = GUARD;
    if (camera instanceof Camera.Perspective p) {
      return new double[][] {
        {0, 0, 1, -near},
        {-p.fx(), 0, g - p.cx(), 0},
        {p.fx(), 0, g + p.cx(), 0},
        {0, -p.fy(), g - p.cy(), 0},
        {0, p.fy(), g + p.cy(), 0},
      };
    }
    Camera.Orthographic o = (Camera.Orthographic) camera;
    return new double[][] {
      {0, 0, 1, -near},
      {-o.scale(), 0, 0, g - o.cx()},
      {o.scale(), 0, 0, g + o.cx()},
      {0, -o.scale(), 0, g - o.cy()},
      {0, o.scale(), 0, g + o.cy()},
    };
  }

  private static boolean frontFacing(double[] cam, int a, int b, int c, boolean persp) {
    double ax = cam[3 * a], ay = cam[3 * a + 1], az = cam[3 * a + 2];
    double ux = cam[3 * b] - ax, uy = cam[3 * b + 1] - ay, uz = cam[3 * b + 2] - az;
    double vx = cam[3 * c] - ax, vy = cam[3 * c + 1] - ay, vz = cam[3 * c + 2] - az;
    double nx = uy * vz - uz * vy;
    double ny = uz * vx - ux * vz;
    double nz = ux * vy - uy * vx;
    // The viewer is at the origin (perspective) or at -infinity along z (orthographic).
    return persp ? nx * ax + ny * ay + nz * az < 0 : nz < 0;
  }

  private static boolean allOutsideOnePlane(double[][] planes, double[] cam, int a, int b, int c) {
    for (double[] p : planes) {
      if (side(p, cam, a) < 0 && side(p, cam, b) < 0 && side(p, cam, c) < 0) {
        return true;
      }
    }
    return false;
  }

  private static double side(double[] p, double[] cam, int v) {
    return p[0] * cam[3 * v] + p[1] * cam[3 * v + 1] + p[2] * cam[3 * v + 2] + p[3];
  }

  /** Clips polygon {@code in} (n vertices of 6 doubles) against plane p into {@code out}; returns its size. */
  private static int clip(double[] in, int n, double[] p, double[] out) {
    int m = 0;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      double fi = p[0] * in[6 * i] + p[1] * in[6 * i + 1] + p[2] * in[6 * i + 2] + p[3];
      double fj = p[0] * in[6 * j] + p[1] * in[6 * j + 1] + p[2] * in[6 * j + 2] + p[3];
      if (fi >= 0) {
        System.arraycopy(in, 6 * i, out, 6 * m++, 6);
      }
      if ((fi >= 0) != (fj >= 0)) {
        double s = fi / (fi - fj);
        for (int k = 0; k < 6; k++) {
          out[6 * m + k] = in[6 * i + k] + s * (in[6 * j + k] - in[6 * i + k]);
        }
        m++;
      }
    }
    return m;
  }

  private void emit(int x0, int y0, double w0, int x1, int y1, double w1, int x2, int y2, double w2, float[] rows, int src,
      double u0, double v0, double u1, double v1, double u2, double v2) {
    long a = (long) (x1 - x0) * (y2 - y0) - (long) (y1 - y0) * (x2 - x0);
    if (a == 0) {
      return;
    }
    int r1 = 1;
    int r2 = 2;
    if (a < 0) {
      int tx = x1; x1 = x2; x2 = tx;
      int ty = y1; y1 = y2; y2 = ty;
      double tw = w1; w1 = w2; w2 = tw;
      double tu = u1; u1 = u2; u2 = tu;
      double tv = v1; v1 = v2; v2 = tv;
      r1 = 2;
      r2 = 1;
      a = -a;
    }
    int minX = Math.max(0, ceilSample(Math.min(x0, Math.min(x1, x2))));
    int minY = Math.max(0, ceilSample(Math.min(y0, Math.min(y1, y2))));
    int maxX = Math.min(width - 1, floorSample(Math.max(x0, Math.max(x1, x2))));
    int maxY = Math.min(height - 1, floorSample(Math.max(y0, Math.max(y1, y2))));
    if (minX > maxX || minY > maxY) {
      return;
    }
    if (count == source.length) {
      grow(2 * count);
    }
    int i = count++;
    xy[6 * i] = x0; xy[6 * i + 1] = y0;
    xy[6 * i + 2] = x1; xy[6 * i + 3] = y1;
    xy[6 * i + 4] = x2; xy[6 * i + 5] = y2;
    w[3 * i] = w0; w[3 * i + 1] = w1; w[3 * i + 2] = w2;
    System.arraycopy(rows, 0, bary, 9 * i, 3);
    System.arraycopy(rows, 3 * r1, bary, 9 * i + 3, 3);
    System.arraycopy(rows, 3 * r2, bary, 9 * i + 6, 3);
    source[i] = src;
    bbox[4 * i] = minX; bbox[4 * i + 1] = minY; bbox[4 * i + 2] = maxX; bbox[4 * i + 3] = maxY;
    double da = (u1 - u0) * (v2 - v0) - (v1 - v0) * (u2 - u0);
    if (!(da > 0)) {
      // Snapping flipped or flattened a sliver: interpolate on the snapped grid instead.
      u0 = x0 / (double) SUB; v0 = y0 / (double) SUB;
      u1 = x1 / (double) SUB; v1 = y1 / (double) SUB;
      u2 = x2 / (double) SUB; v2 = y2 / (double) SUB;
      da = a / ((double) SUB * SUB);
    }
    // B1 = ((u - u0)(v2 - v0) - (v - v0)(u2 - u0)) / da, B2 = ((u1 - u0)(v - v0) - (v1 - v0)(u - u0)) / da.
    int o = 8 * i;
    plane[o] = u0;
    plane[o + 1] = v0;
    plane[o + 2] = (v2 - v0) / da;
    plane[o + 3] = -(u2 - u0) / da;
    plane[o + 4] = -(v1 - v0) / da;
    plane[o + 5] = (u1 - u0) / da;
  }

  /** Smallest sample index whose centre is at or right of fixed-point coordinate f. */
  private static int ceilSample(int f) {
    return Math.floorDiv(f - HALF + SUB - 1, SUB);
  }

  /** Largest sample index whose centre is at or left of fixed-point coordinate f. */
  private static int floorSample(int f) {
    return Math.floorDiv(f - HALF, SUB);
  }

  /** Triangles per square tile of {@code tile} samples, in triangle order (CSR: starts [tiles+1], items). */
  record Bins(int tilesX, int tilesY, int tile, int[] starts, int[] items) {}

  Bins bin(int tile) {
    int tx = (width + tile - 1) / tile;
    int ty = (height + tile - 1) / tile;
    int[] counts = new int[tx * ty + 1];
    for (int i = 0; i < count; i++) {
      for (int y = bbox[4 * i + 1] / tile; y <= bbox[4 * i + 3] / tile; y++) {
        for (int x = bbox[4 * i] / tile; x <= bbox[4 * i + 2] / tile; x++) {
          counts[y * tx + x + 1]++;
        }
      }
    }
    for (int k = 1; k < counts.length; k++) {
      counts[k] += counts[k - 1];
    }
    int[] fill = Arrays.copyOf(counts, counts.length - 1);
    int[] items = new int[counts[counts.length - 1]];
    for (int i = 0; i < count; i++) {
      for (int y = bbox[4 * i + 1] / tile; y <= bbox[4 * i + 3] / tile; y++) {
        for (int x = bbox[4 * i] / tile; x <= bbox[4 * i + 2] / tile; x++) {
          items[fill[y * tx + x]++] = i;
        }
      }
    }
    return new Bins(tx, ty, tile, counts, items);
  }

  /**
   * Rasterizes the triangles {@code items[from..to)} over the sample rectangle [rx0, rx1) x [ry0,
   * ry1), z-testing against and writing into buffers whose element (ox, oy) is at index 0 with
   * row stride {@code stride}. Samples are taken at sample centres; a sample exactly on an edge
   * belongs to the triangle for which that edge is a top or left edge. The depth test is strict
   * (an equal depth keeps the earlier triangle), so results depend only on the triangle order.
   */
  void raster(int[] items, int from, int to, int rx0, int ry0, int rx1, int ry1,
      float[] depth, int[] ids, float[] bc, int ox, int oy, int stride) {
    for (int it = from; it < to; it++) {
      int t = items[it];
      int minX = Math.max(bbox[4 * t], rx0);
      int minY = Math.max(bbox[4 * t + 1], ry0);
      int maxX = Math.min(bbox[4 * t + 2], rx1 - 1);
      int maxY = Math.min(bbox[4 * t + 3], ry1 - 1);
      if (minX > maxX || minY > maxY) {
        continue;
      }
      int o = 6 * t;
      long x0 = xy[o], y0 = xy[o + 1], x1 = xy[o + 2], y1 = xy[o + 3], x2 = xy[o + 4], y2 = xy[o + 5];
      // Edge k is opposite vertex k: e0 = edge v1->v2, e1 = v2->v0, e2 = v0->v1.
      // E(p) = (b.x - a.x)(p.y - a.y) - (b.y - a.y)(p.x - a.x) >= 0 inside.
      long bias0 = topLeft(x2 - x1, y2 - y1) ? 0 : 1;
      long bias1 = topLeft(x0 - x2, y0 - y2) ? 0 : 1;
      long bias2 = topLeft(x1 - x0, y1 - y0) ? 0 : 1;
      long px = (long) minX * SUB + HALF;
      long py = (long) minY * SUB + HALF;
      long r0 = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1) - bias0;
      long r1 = (x0 - x2) * (py - y2) - (y0 - y2) * (px - x2) - bias1;
      long r2 = (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0) - bias2;
      long dx0 = -(y2 - y1) * SUB, dy0 = (x2 - x1) * SUB;
      long dx1 = -(y0 - y2) * SUB, dy1 = (x0 - x2) * SUB;
      long dx2 = -(y1 - y0) * SUB, dy2 = (x1 - x0) * SUB;
      double w0 = w[3 * t], w1 = w[3 * t + 1], w2 = w[3 * t + 2];
      int po = 8 * t;
      double pu = plane[po], pv = plane[po + 1];
      double g1u = plane[po + 2], g1v = plane[po + 3], g2u = plane[po + 4], g2v = plane[po + 5];
      int bo = 9 * t;
      float m00 = bary[bo], m01 = bary[bo + 1], m02 = bary[bo + 2];
      float m10 = bary[bo + 3], m11 = bary[bo + 4], m12 = bary[bo + 5];
      float m20 = bary[bo + 6], m21 = bary[bo + 7], m22 = bary[bo + 8];
      int src = source[t];
      for (int sy = minY; sy <= maxY; sy++) {
        long e0 = r0, e1 = r1, e2 = r2;
        int idx = (sy - oy) * stride + (minX - ox);
        double dv = sy + 0.5 - pv;
        for (int sx = minX; sx <= maxX; sx++, idx++, e0 += dx0, e1 += dx1, e2 += dx2) {
          if ((e0 | e1 | e2) < 0) {
            continue;
          }
          double du = sx + 0.5 - pu;
          double l1 = g1u * du + g1v * dv;
          double l2 = g2u * du + g2v * dv;
          double l0 = 1 - l1 - l2;
          double z, b0, b1, b2;
          if (perspective) {
            double q0 = l0 * w0, q1 = l1 * w1, q2 = l2 * w2;
            double sum = q0 + q1 + q2;
            z = 1 / sum;
            b0 = q0 * z;
            b1 = q1 * z;
            b2 = q2 * z;
          } else {
            b0 = l0;
            b1 = l1;
            b2 = l2;
            z = b0 * w0 + b1 * w1 + b2 * w2;
          }
          float zf = (float) z;
          if (zf < depth[idx]) {
            depth[idx] = zf;
            ids[idx] = src;
            bc[3 * idx] = (float) (b0 * m00 + b1 * m10 + b2 * m20);
            bc[3 * idx + 1] = (float) (b0 * m01 + b1 * m11 + b2 * m21);
            bc[3 * idx + 2] = (float) (b0 * m02 + b1 * m12 + b2 * m22);
          }
        }
        r0 += dy0;
        r1 += dy1;
        r2 += dy2;
      }
    }
  }

  /** Top edge: horizontal and going right; left edge: going up (image y grows downwards). */
  private static boolean topLeft(long dx, long dy) {
    return dy < 0 || (dy == 0 && dx > 0);
  }
}
