package dev.topos.render;

import java.util.Arrays;

/**
 * A rigid world-to-camera transform: {@code x_cam = R * x_world + t}.
 *
 * <p>Camera axes follow the OpenCV convention documented on {@link Camera}: +X right, +Y down,
 * +Z forward (the viewing direction).
 *
 * @param rotation row-major 3x3 rotation matrix R (world to camera), [9]; rows are the camera's
 *     right, down and forward axes expressed in world coordinates
 * @param translation t in metres, [3]
 */
public record Pose(double[] rotation, double[] translation) {

  public Pose {
    if (rotation.length != 9 || translation.length != 3) {
      throw new IllegalArgumentException("rotation must have 9 entries and translation 3");
    }
    rotation = rotation.clone();
    translation = translation.clone();
  }

  /** The identity pose: camera at the world origin looking along world +Z with world -Y up. */
  public static Pose identity() {
    return new Pose(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3]);
  }

  /**
   * A camera at {@code eye} looking at {@code target}, with {@code up} (world, need not be unit)
   * appearing upwards in the image.
   *
   * @param eye camera centre, metres, [3]
   * @param target point to look at, metres, [3]
   * @param up approximate up direction, [3]; must not be parallel to target - eye
   */
  public static Pose lookAt(double[] eye, double[] target, double[] up) {
    double[] f = normalize(new double[] {target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]});
    double[] right = normalize(cross(f, up));
    double[] down = cross(f, right);
    double[] r = {right[0], right[1], right[2], down[0], down[1], down[2], f[0], f[1], f[2]};
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = -(r[3 * i] * eye[0] + r[3 * i + 1] * eye[1] + r[3 * i + 2] * eye[2]);
    }
    return new Pose(r, t);
  }

  /** Writes the camera-space coordinates of world point (x, y, z) into out[0..2]. */
  public void toCamera(double x, double y, double z, double[] out) {
    double[] r = rotation;
    out[0] = r[0] * x + r[1] * y + r[2] * z + translation[0];
    out[1] = r[3] * x + r[4] * y + r[5] * z + translation[1];
    out[2] = r[6] * x + r[7] * y + r[8] * z + translation[2];
  }

  /** Camera centre in world coordinates, {@code -R^T t}, metres, [3]. */
  public double[] eye() {
    double[] r = rotation;
    double[] t = translation;
    return new double[] {
      -(r[0] * t[0] + r[3] * t[1] + r[6] * t[2]),
      -(r[1] * t[0] + r[4] * t[1] + r[7] * t[2]),
      -(r[2] * t[0] + r[5] * t[1] + r[8] * t[2])
    };
  }

  /** Unit viewing direction (camera +Z) in world coordinates, [3]. */
  public double[] forward() {
    return new double[] {rotation[6], rotation[7], rotation[8]};
  }

  @Override
  public double[] rotation() {
    return rotation.clone();
  }

  @Override
  public double[] translation() {
    return translation.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pose p && Arrays.equals(rotation, p.rotation) && Arrays.equals(translation, p.translation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(rotation) + Arrays.hashCode(translation);
  }

  @Override
  public String toString() {
    return "Pose[R=" + Arrays.toString(rotation) + ", t=" + Arrays.toString(translation) + "]";
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double[] normalize(double[] v) {
    double len = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (!(len > 0)) {
      throw new IllegalArgumentException("zero-length or parallel direction " + Arrays.toString(v));
    }
    return new double[] {v[0] / len, v[1] / len, v[2] / len};
  }
}
