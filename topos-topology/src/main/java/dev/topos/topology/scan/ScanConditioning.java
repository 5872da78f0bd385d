package dev.topos.topology.scan;

import dev.topos.geometry.Bounds;
import dev.topos.geometry.PointCloud;
import java.util.Arrays;
import java.util.Locale;

/**
 * Brings a user's head scan (points with normals, any units and axis convention) into the topos
 * head frame's orientation and metres, and removes what lies below the neck. The same steps run in
 * training (on simulated scans) and in {@code topos retopo}, so the model never sees a difference.
 *
 * <ol>
 *   <li>Axes: the file's up axis becomes +Y and its forward (face) axis +Z; X completes a
 *       right-handed frame.
 *   <li>Units: scaled to metres, given or detected from the size ({@link Units#detect}).
 *   <li>Crop: points more than {@value #KEEP_BELOW_TOP_M} m below the highest point are dropped
 *       (shoulders, torso, base plates): the reference head spans 0.29 m from crown to neck cut,
 *       plus room for hair.
 * </ol>
 *
 * {@link #checkDetectedUnits} then guards the unit detection for user scans.
 *
 * The result is not centred; the network's own normalisation (bounding-box centre, unit ball)
 * follows.
 */
public final class ScanConditioning {
  /** Kept height below the top of the head, metres. */
  public static final double KEEP_BELOW_TOP_M = 0.31;
  /** Depth below the highest point of the band whose horizontal span is checked, metres. */
  public static final double CROWN_DEPTH_M = 0.15;
  /** Largest horizontal span (width or depth) of that band in a head scan, metres. */
  public static final double MAX_CROWN_SPAN_M = 0.38;
  /** Fewest points a conditioned scan must keep. */
  public static final int MIN_POINTS = 100;

  private ScanConditioning() {}

  /**
   * The conditioned scan.
   *
   * @param positions [N*3] metres, +Y up, face along +Z
   * @param normals [N*3] unit length (zero where the input's was zero or not finite), or null
   * @param units the units applied
   * @param dropped points removed by the crop
   * @param up the input's up axis
   * @param forward the input's forward axis
   */
  public record Result(float[] positions, float[] normals, Units units, int dropped, Axis up, Axis forward) {
    public int size() {
      return positions.length / 3;
    }

    /** The same scan with these normals [N*3] (estimated for a point cloud that had none, say). */
    public Result withNormals(float[] newNormals) {
      if (newNormals.length != positions.length) {
        throw new IllegalArgumentException("normals [" + newNormals.length + "] for " + size() + " points");
      }
      return new Result(positions, newNormals, units, dropped, up, forward);
    }

    /** Maps positions [N*3] from the topos frame (metres) back to the input's axes and units. */
    public float[] toInputFrame(float[] metres) {
      return ScanConditioning.toInputFrame(metres, up, forward, units);
    }
  }

  /**
   * @param positions [N*3] in file units and axes
   * @param normals [N*3] or null
   * @param up the file's up axis
   * @param forward the file's forward axis (the way the face looks)
   * @param units the file's units, or null to detect them
   */
  public static Result apply(float[] positions, float[] normals, Axis up, Axis forward, Units units) {
    if (up.index == forward.index) {
      throw new IllegalArgumentException("up and forward axes must differ");
    }
    checkPoints(positions);
    float[] p = reorient(positions, up, forward);
    float[] n = normals == null ? null : unitLength(reorient(normals, up, forward));
    float[] b = Bounds.of(p);
    double extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
    if (!(extent > 0)) {
      throw new IllegalArgumentException("input is degenerate (all points coincide)");
    }
    Units u = units != null ? units : Units.detect(extent);
    float s = (float) u.metres();
    for (int i = 0; i < p.length; i++) {
      p[i] *= s;
    }
    double extentM = extent * s;
    if (extentM < Units.MIN_EXTENT_M * 0.5 || extentM > Units.MAX_EXTENT_M * 2) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "input spans %.3f m in %s: not a head", extentM, u.name().toLowerCase(Locale.ROOT)));
    }
    PointCloud kept = cropBelowNeck(new PointCloud(p, n));
    if (kept.size() < MIN_POINTS) {
      throw new IllegalArgumentException("only " + kept.size() + " points remain above the neck; is the up axis right?");
    }
    return new Result(kept.positions(), kept.normals(), u, p.length / 3 - kept.size(), up, forward);
  }

  /**
   * Refuses too few points ({@value #MIN_POINTS}) and non-finite coordinates, as {@link #apply} does.
   *
   * @param positions [N*3]
   * @throws IllegalArgumentException saying which
   */
  public static void checkPoints(float[] positions) {
    if (positions.length < 3 * MIN_POINTS) {
      throw new IllegalArgumentException("input has " + positions.length / 3 + " points; at least " + MIN_POINTS + " are needed");
    }
    for (float v : positions) {
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException("input has non-finite coordinates");
      }
    }
  }

  /**
   * Refuses a scan whose detected units make no head of it: the top {@value #CROWN_DEPTH_M} m of
   * the conditioned scan (the cranium, with hair) must be at most {@value #MAX_CROWN_SPAN_M} m
   * across. A size that passes {@link Units#detect} can still be no head: a head modelled at 99 file
   * units reads as 99 cm (a head and shoulders), and the crop keeps its crown alone. On synthetic
   * scans the crown spans 0.10-0.25 m (test and validation splits) and up to 0.31 m (1,000 training
   * scans). For scans whose units the user gave, and not in training, which never detects units
   * wrongly: a rare wide crown there must not stop a run.
   *
   * @throws IllegalArgumentException naming the span and the units read
   */
  public static void checkDetectedUnits(Result conditioned) {
    double span = crownSpan(conditioned.positions());
    if (span > MAX_CROWN_SPAN_M) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "read in %s (detected from its size), the top %.2f m of the scan is %.2f m across, more than a head's %.2f m; "
              + "pass --units if it is a head, or --up and --forward if it is not read upright",
          conditioned.units().name().toLowerCase(Locale.ROOT), CROWN_DEPTH_M, span,
          MAX_CROWN_SPAN_M));
    }
  }

  /**
   * The larger of the width (X) and the depth (Z) of the points within {@value #CROWN_DEPTH_M} m
   * of the highest, from the 1st to the 99th percentile so that a few stray points do not count.
   *
   * @param positions [N*3] metres, +Y up
   */
  static double crownSpan(float[] positions) {
    float top = Float.NEGATIVE_INFINITY;
    for (int i = 1; i < positions.length; i += 3) {
      top = Math.max(top, positions[i]);
    }
    float floor = (float) (top - CROWN_DEPTH_M);
    int n = 0;
    float[] xs = new float[positions.length / 3];
    float[] zs = new float[positions.length / 3];
    for (int i = 0; i < positions.length; i += 3) {
      if (positions[i + 1] >= floor) {
        xs[n] = positions[i];
        zs[n++] = positions[i + 2];
      }
    }
    return Math.max(trimmedSpan(xs, n), trimmedSpan(zs, n));
  }

  private static double trimmedSpan(float[] values, int n) {
    float[] v = Arrays.copyOf(values, n);
    Arrays.sort(v);
    return v[(int) (0.99 * (n - 1))] - v[(int) (0.01 * (n - 1))];
  }

  /**
   * The crop alone: the points (metres, +Y up) no more than {@value #KEEP_BELOW_TOP_M} m below the
   * highest, with their normals (if any). Also used again on a scan turned upright
   * ({@code ScanPose}), whose neck cut the turn had tilted.
   */
  public static PointCloud cropBelowNeck(PointCloud scan) {
    float[] p = scan.positions();
    float top = Float.NEGATIVE_INFINITY;
    for (int i = 1; i < p.length; i += 3) {
      top = Math.max(top, p[i]);
    }
    float floor = (float) (top - KEEP_BELOW_TOP_M);
    boolean[] keep = new boolean[scan.size()];
    for (int i = 0; i < keep.length; i++) {
      keep[i] = p[3 * i + 1] >= floor;
    }
    return scan.select(keep);
  }

  /**
   * Normals scaled to unit length in place, as the model was trained on (files may store any
   * length); a zero or non-finite normal becomes (0, 0, 0), which carries no direction.
   */
  static float[] unitLength(float[] n) {
    for (int i = 0; i < n.length; i += 3) {
      double len = Math.sqrt((double) n[i] * n[i] + (double) n[i + 1] * n[i + 1] + (double) n[i + 2] * n[i + 2]);
      float inv = len > 0 && Double.isFinite(len) ? (float) (1 / len) : 0f;
      for (int k = 0; k < 3; k++) {
        n[i + k] *= inv;
      }
      if (inv == 0f) {
        n[i] = n[i + 1] = n[i + 2] = 0f; // NaN * 0 would stay NaN
      }
    }
    return n;
  }

  /** Maps file axes to the topos frame: up to +Y, forward to +Z, X = Y x Z. */
  static float[] reorient(float[] xyz, Axis up, Axis forward) {
    int[] right = cross(axisVector(up), axisVector(forward)); // Y x Z = X
    float[] out = new float[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      out[i] = right[0] * xyz[i] + right[1] * xyz[i + 1] + right[2] * xyz[i + 2];
      out[i + 1] = up.sign * xyz[i + up.index];
      out[i + 2] = forward.sign * xyz[i + forward.index];
    }
    return out;
  }

  /** Inverse of the reorientation and scaling: topos-frame metres to the input's axes and units. */
  static float[] toInputFrame(float[] xyz, Axis up, Axis forward, Units units) {
    int[] right = cross(axisVector(up), axisVector(forward));
    float inv = (float) (1 / units.metres());
    float[] out = new float[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      // The reorientation is a signed permutation, so its inverse is its transpose.
      for (int c = 0; c < 3; c++) {
        out[i + c] = inv * (right[c] * xyz[i] + axisVector(up)[c] * xyz[i + 1] + axisVector(forward)[c] * xyz[i + 2]);
      }
    }
    return out;
  }

  private static int[] axisVector(Axis a) {
    int[] v = new int[3];
    v[a.index] = a.sign;
    return v;
  }

  private static int[] cross(int[] a, int[] b) {
    return new int[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }
}
