package dev.topos.render;

/**
 * A camera: intrinsics (image size and projection) plus extrinsics ({@link Pose}).
 *
 * <p><b>Conventions (the one place they are defined).</b> World space is in metres with +Y up;
 * the head looks along +Z, so a frontal camera sits at +Z and looks towards -Z. Camera space is
 * <em>OpenCV style</em>: +X right, +Y down, +Z forward, i.e. the camera looks along its own +Z and
 * visible points have positive camera z. A world point is mapped to camera space by
 * {@code x_cam = R x_world + t} ({@link Pose}) and then to continuous pixel coordinates (u, v),
 * where pixel (i, j) covers [i, i+1) x [j, j+1) and has its centre at (i + 0.5, j + 0.5); row 0 is
 * the top of the image. "Depth" everywhere in this package is the camera-space z in metres
 * (distance along the viewing axis, not the Euclidean distance to the eye).
 *
 * <ul>
 *   <li>{@link Perspective}: {@code u = fx * x/z + cx}, {@code v = fy * y/z + cy}. A centred
 *       principal point is {@code cx = width/2, cy = height/2} (not (width-1)/2).
 *   <li>{@link Orthographic}: {@code u = scale * x + cx}, {@code v = scale * y + cy}, with scale in
 *       pixels per metre.
 * </ul>
 *
 * <p>Because pixel coordinates are continuous with centres at half-integers, {@link #scaled(int)}
 * (used for supersampling) multiplies all intrinsics by the factor and maps each base pixel onto
 * exactly k x k sub-pixels.
 */
public sealed interface Camera permits Camera.Perspective, Camera.Orthographic {

  /** Image width in pixels. */
  int width();

  /** Image height in pixels. */
  int height();

  /** World-to-camera transform. */
  Pose pose();

  /** The same camera rendering an image {@code factor} times larger in each dimension. */
  Camera scaled(int factor);

  /**
   * Projects camera-space point (x, y, z) (metres) to continuous pixel coordinates written to
   * out[0] = u, out[1] = v. For the perspective camera z must be positive.
   */
  void projectCamera(double x, double y, double z, double[] out);

  /**
   * Projects a world point (metres) to {u, v, depth}: continuous pixel coordinates and camera-space
   * z in metres. The result is meaningless for perspective cameras when depth &lt;= 0.
   */
  default double[] project(double x, double y, double z) {
    double[] c = new double[3];
    pose().toCamera(x, y, z, c);
    double[] out = new double[3];
    projectCamera(c[0], c[1], c[2], out);
    out[2] = c[2];
    return out;
  }

  /** A pinhole camera. Focal lengths and principal point are in pixels. */
  record Perspective(double fx, double fy, double cx, double cy, int width, int height, Pose pose)
      implements Camera {

    public Perspective {
      checkSize(width, height);
      if (!(fx > 0) || !(fy > 0)) {
        throw new IllegalArgumentException("focal lengths must be positive: " + fx + ", " + fy);
      }
    }

    @Override
    public Perspective scaled(int factor) {
      return new Perspective(fx * factor, fy * factor, cx * factor, cy * factor, width * factor, height * factor, pose);
    }

    @Override
    public void projectCamera(double x, double y, double z, double[] out) {
      out[0] = fx * x / z + cx;
      out[1] = fy * y / z + cy;
    }

    /** Vertical field of view in degrees (for a centred principal point). */
    public double verticalFovDeg() {
      return Math.toDegrees(2 * Math.atan(height / (2 * fy)));
    }
  }

  /**
   * An orthographic (parallel) camera.
   *
   * @param scale pixels per metre
   * @param cx pixel u of the camera axis
   * @param cy pixel v of the camera axis
   */
  record Orthographic(double scale, double cx, double cy, int width, int height, Pose pose) implements Camera {

    public Orthographic {
      checkSize(width, height);
      if (!(scale > 0)) {
        throw new IllegalArgumentException("scale must be positive: " + scale);
      }
    }

    @Override
    public Orthographic scaled(int factor) {
      return new Orthographic(scale * factor, cx * factor, cy * factor, width * factor, height * factor, pose);
    }

    @Override
    public void projectCamera(double x, double y, double z, double[] out) {
      out[0] = scale * x + cx;
      out[1] = scale * y + cy;
    }
  }

  /**
   * A perspective camera at {@code eye} looking at {@code target} with square pixels and a centred
   * principal point.
   *
   * @param eye camera centre, metres, [3]
   * @param target look-at point, metres, [3]
   * @param up world direction shown upwards, [3]
   * @param verticalFovDeg full vertical field of view in degrees, in (0, 180)
   * @param width image width, pixels
   * @param height image height, pixels
   */
  static Perspective lookAt(double[] eye, double[] target, double[] up, double verticalFovDeg, int width, int height) {
    if (!(verticalFovDeg > 0 && verticalFovDeg < 180)) {
      throw new IllegalArgumentException("vertical field of view must be in (0, 180) degrees: " + verticalFovDeg);
    }
    double f = height / (2 * Math.tan(Math.toRadians(verticalFovDeg) / 2));
    return new Perspective(f, f, width / 2.0, height / 2.0, width, height, Pose.lookAt(eye, target, up));
  }

  /**
   * Like {@link #lookAt} but with the focal length given as a 35 mm-equivalent focal length in
   * millimetres, using the diagonal definition (as in EXIF): {@code f_px = f35 * diag_px / 43.2666},
   * where 43.2666 mm is the diagonal of the 36 x 24 mm frame.
   */
  static Perspective lookAtFocal35(double[] eye, double[] target, double[] up, double focal35mm, int width, int height) {
    if (!(focal35mm > 0)) {
      throw new IllegalArgumentException("focal length must be positive: " + focal35mm);
    }
    double f = focal35mm * Math.hypot(width, height) / Math.hypot(36, 24);
    return new Perspective(f, f, width / 2.0, height / 2.0, width, height, Pose.lookAt(eye, target, up));
  }

  /**
   * An orthographic camera at {@code eye} looking at {@code target}, showing {@code viewHeight}
   * metres vertically (square pixels, centred axis). The eye position still matters for the near
   * plane: only points in front of it (camera z &gt; near) are drawn.
   */
  static Orthographic orthographic(double[] eye, double[] target, double[] up, double viewHeight, int width, int height) {
    if (!(viewHeight > 0)) {
      throw new IllegalArgumentException("view height must be positive: " + viewHeight);
    }
    return new Orthographic(height / viewHeight, width / 2.0, height / 2.0, width, height, Pose.lookAt(eye, target, up));
  }

  private static void checkSize(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
  }
}
