package dev.topos.synth.albedo;

import java.util.Arrays;

/**
 * Eyebrow coordinates of the texels near the eyebrows, from the MediaPipe face-mesh eyebrow
 * landmarks: per side an upper contour (70, 63, 105, 66, 107 on the head's right, mirrored 300,
 * 293, 334, 296, 336 on its left) and a lower contour (46, 53, 52, 65, 55 and 276, 283, 282, 295,
 * 285), both running from the lateral end to the medial end.
 *
 * <p>The band's centre line joins the midpoints of upper/lower landmark pairs, from the medial
 * end (the brow's head) to the lateral end, extended by a {@value #TAIL_MM} mm tail that narrows
 * to 40 % of the last half-width. For a texel, the closest point on the centre line gives:
 * the distance along the line from the medial end ({@link #alongMm}), the offset towards the upper
 * contour ({@link #offsetMm}, positive upwards), the local half-width of the band
 * ({@link #halfWidthMm}, half the upper-lower landmark distance) and how far it lies beyond either
 * end of the line ({@link #beyondMm}). Only texels within three half-widths of the line and
 * {@value #END_MM} mm of its ends are kept. All lengths are millimetres on the reference head.
 * Immutable.
 */
public final class EyebrowBand {
  /** Upper eyebrow contour, lateral to medial, head's right then left. */
  private static final int[][] UPPER = {{70, 63, 105, 66, 107}, {300, 293, 334, 296, 336}};
  /** Lower eyebrow contour, lateral to medial, head's right then left. */
  private static final int[][] LOWER = {{46, 53, 52, 65, 55}, {276, 283, 282, 295, 285}};
  /** Length of the tapering tail beyond the lateral landmarks, millimetres. */
  public static final float TAIL_MM = 6;
  /** Texels farther than this beyond either end are not part of the band, millimetres. */
  public static final float END_MM = 8;

  private final int[] inside;
  private final byte[] side;
  private final float[] along;
  private final float[] length;
  private final float[] offset;
  private final float[] halfWidth;
  private final float[] beyond;

  /**
   * @param landmarksMm the 468 MediaPipe landmarks on the reference head, millimetres, [468*3]
   * @param positionsMm surface position of each inside texel, millimetres, [K*3]
   */
  public EyebrowBand(float[] landmarksMm, float[] positionsMm) {
    int k = positionsMm.length / 3;
    Line[] lines = {line(landmarksMm, UPPER[0], LOWER[0]), line(landmarksMm, UPPER[1], LOWER[1])};
    int[] ins = new int[k];
    byte[] sd = new byte[k];
    float[] al = new float[k];
    float[] len = new float[k];
    float[] off = new float[k];
    float[] hw = new float[k];
    float[] by = new float[k];
    int n = 0;
    float[] result = new float[4];
    for (int i = 0; i < k; i++) {
      float px = positionsMm[3 * i];
      float py = positionsMm[3 * i + 1];
      float pz = positionsMm[3 * i + 2];
      int s = px < 0 ? 0 : 1; // the head's right is -X
      if (!lines[s].locate(px, py, pz, result)) {
        continue;
      }
      ins[n] = i;
      sd[n] = (byte) s;
      al[n] = result[0];
      len[n] = lines[s].total;
      off[n] = result[1];
      hw[n] = result[2];
      by[n] = result[3];
      n++;
    }
    inside = Arrays.copyOf(ins, n);
    side = Arrays.copyOf(sd, n);
    along = Arrays.copyOf(al, n);
    length = Arrays.copyOf(len, n);
    offset = Arrays.copyOf(off, n);
    halfWidth = Arrays.copyOf(hw, n);
    beyond = Arrays.copyOf(by, n);
  }

  /** Number of band texels. */
  public int count() {
    return inside.length;
  }

  /** Inside-texel index ({@link UvSurface} order) of band texel i. */
  public int insideIndex(int i) {
    return inside[i];
  }

  /** 0 for the head's right eyebrow (-X), 1 for its left. */
  public int side(int i) {
    return side[i];
  }

  /** Distance along the centre line from the medial end, millimetres. */
  public float alongMm(int i) {
    return along[i];
  }

  /** Length of the centre line of band texel i's eyebrow including the tail, millimetres. */
  public float lengthMm(int i) {
    return length[i];
  }

  /** Offset from the centre line towards the upper contour, millimetres. */
  public float offsetMm(int i) {
    return offset[i];
  }

  /** Half-width of the band at the closest centre-line point, millimetres. */
  public float halfWidthMm(int i) {
    return halfWidth[i];
  }

  /** Distance beyond the nearer end of the centre line, millimetres (0 alongside it). */
  public float beyondMm(int i) {
    return beyond[i];
  }

  private static Line line(float[] lm, int[] upper, int[] lower) {
    int n = upper.length;
    float[][] c = new float[n + 1][];
    float[][] up = new float[n + 1][];
    float[] h = new float[n + 1];
    for (int j = 0; j < n; j++) {
      int u = upper[n - 1 - j]; // medial first
      int l = lower[n - 1 - j];
      c[j] = new float[3];
      up[j] = new float[3];
      for (int a = 0; a < 3; a++) {
        c[j][a] = 0.5f * (lm[3 * u + a] + lm[3 * l + a]);
        up[j][a] = lm[3 * u + a] - lm[3 * l + a];
      }
      h[j] = 0.5f * norm(up[j]);
      normalize(up[j]);
    }
    float[] dir = sub(c[n - 1], c[n - 2]);
    normalize(dir);
    c[n] = new float[] {c[n - 1][0] + TAIL_MM * dir[0], c[n - 1][1] + TAIL_MM * dir[1], c[n - 1][2] + TAIL_MM * dir[2]};
    up[n] = up[n - 1].clone();
    h[n] = 0.4f * h[n - 1];
    return new Line(c, up, h);
  }

  private static float[] sub(float[] a, float[] b) {
    return new float[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  private static float norm(float[] a) {
    return (float) Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
  }

  private static void normalize(float[] a) {
    float n = norm(a);
    a[0] /= n;
    a[1] /= n;
    a[2] /= n;
  }

  /** A polyline centre line with per-point up directions and half-widths. */
  private static final class Line {
    final float[][] c;
    final float[][] up;
    final float[] h;
    final float[] start;
    final float total;
    final float reach;

    Line(float[][] c, float[][] up, float[] h) {
      this.c = c;
      this.up = up;
      this.h = h;
      start = new float[c.length];
      float s = 0;
      float maxH = 0;
      for (int i = 0; i < c.length; i++) {
        start[i] = s;
        if (i + 1 < c.length) {
          s += norm(sub(c[i + 1], c[i]));
        }
        maxH = Math.max(maxH, h[i]);
      }
      total = s;
      reach = 3 * maxH + END_MM;
    }

    /** Fills {along, offset, halfWidth, beyond}; false when the point is not near the band. */
    boolean locate(float px, float py, float pz, float[] out) {
      float best = Float.POSITIVE_INFINITY;
      int bi = -1;
      float bs = 0;
      for (int i = 0; i + 1 < c.length; i++) {
        float[] a = c[i];
        float ex = c[i + 1][0] - a[0];
        float ey = c[i + 1][1] - a[1];
        float ez = c[i + 1][2] - a[2];
        float len2 = ex * ex + ey * ey + ez * ez;
        float s = ((px - a[0]) * ex + (py - a[1]) * ey + (pz - a[2]) * ez) / len2;
        s = Math.max(0, Math.min(1, s));
        float dx = px - (a[0] + s * ex);
        float dy = py - (a[1] + s * ey);
        float dz = pz - (a[2] + s * ez);
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best) {
          best = d2;
          bi = i;
          bs = s;
        }
      }
      if (best > reach * reach) {
        return false;
      }
      float[] a = c[bi];
      float[] b = c[bi + 1];
      float[] t = sub(b, a);
      float segLen = norm(t);
      normalize(t);
      float cx = a[0] + bs * (b[0] - a[0]);
      float cy = a[1] + bs * (b[1] - a[1]);
      float cz = a[2] + bs * (b[2] - a[2]);
      float[] u = {up[bi][0] + bs * (up[bi + 1][0] - up[bi][0]), up[bi][1] + bs * (up[bi + 1][1] - up[bi][1]),
          up[bi][2] + bs * (up[bi + 1][2] - up[bi][2])};
      normalize(u);
      float ox = px - cx;
      float oy = py - cy;
      float oz = pz - cz;
      float along = ox * t[0] + oy * t[1] + oz * t[2];
      float beyond = 0;
      if (bi == 0 && bs == 0 && along < 0) {
        beyond = -along;
      } else if (bi == c.length - 2 && bs == 1 && along > 0) {
        beyond = along;
      }
      float hw = h[bi] + bs * (h[bi + 1] - h[bi]);
      float off = ox * u[0] + oy * u[1] + oz * u[2];
      if (beyond > END_MM || Math.abs(off) > 3 * hw + 2) {
        return false;
      }
      out[0] = start[bi] + bs * segLen;
      out[1] = off;
      out[2] = hw;
      out[3] = beyond;
      return true;
    }
  }
}
