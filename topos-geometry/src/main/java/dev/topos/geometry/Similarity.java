package dev.topos.geometry;

import java.util.Arrays;

/**
 * A similarity transform {@code x -> scale * R x + t}: rotation, uniform scale, translation.
 * Units: translation in metres (the unit of the points it maps).
 *
 * @param rotation 3x3 rotation matrix R, row-major, [9] (proper: det = +1)
 * @param scale uniform scale s (> 0; 1 for a rigid transform)
 * @param translation t, [3]
 */
public record Similarity(double[] rotation, double scale, double[] translation) {

  public Similarity {
    if (rotation.length != 9 || translation.length != 3) {
      throw new IllegalArgumentException("rotation needs 9 values and translation 3");
    }
    rotation = rotation.clone();
    translation = translation.clone();
  }

  /** The identity transform. */
  public static Similarity identity() {
    return new Similarity(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, new double[3]);
  }

  /** Maps points [N*3] to a new array (computed in double, stored as float). */
  public float[] apply(float[] xyz) {
    float[] out = new float[xyz.length];
    double[] p = new double[3];
    for (int i = 0; i < xyz.length; i += 3) {
      applyPoint(xyz[i], xyz[i + 1], xyz[i + 2], p);
      out[i] = (float) p[0];
      out[i + 1] = (float) p[1];
      out[i + 2] = (float) p[2];
    }
    return out;
  }

  /** Maps points [N*3] to a new array. */
  public double[] apply(double[] xyz) {
    double[] out = new double[xyz.length];
    double[] p = new double[3];
    for (int i = 0; i < xyz.length; i += 3) {
      applyPoint(xyz[i], xyz[i + 1], xyz[i + 2], p);
      System.arraycopy(p, 0, out, i, 3);
    }
    return out;
  }

  /** Maps one point into {@code out} ([3]). */
  public void applyPoint(double x, double y, double z, double[] out) {
    double[] r = rotation;
    out[0] = scale * (r[0] * x + r[1] * y + r[2] * z) + translation[0];
    out[1] = scale * (r[3] * x + r[4] * y + r[5] * z) + translation[1];
    out[2] = scale * (r[6] * x + r[7] * y + r[8] * z) + translation[2];
  }

  /** The inverse: {@code y -> (1/s) R^T (y - t)}. */
  public Similarity inverse() {
    double[] r = rotation;
    double[] rt = {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
    double inv = 1 / scale;
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) {
      t[i] = -inv * (rt[3 * i] * translation[0] + rt[3 * i + 1] * translation[1] + rt[3 * i + 2] * translation[2]);
    }
    return new Similarity(rt, inv, t);
  }

  /** This transform followed by {@code next}: {@code x -> next(this(x))}. */
  public Similarity andThen(Similarity next) {
    double[] r = new double[9];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += next.rotation[3 * i + k] * rotation[3 * k + j];
        }
        r[3 * i + j] = sum;
      }
    }
    double[] t = new double[3];
    next.applyPoint(translation[0], translation[1], translation[2], t);
    return new Similarity(r, next.scale * scale, t);
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
    return o instanceof Similarity s && Arrays.equals(rotation, s.rotation) && scale == s.scale
        && Arrays.equals(translation, s.translation);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(rotation) * 31 + Double.hashCode(scale) * 17 + Arrays.hashCode(translation);
  }

  @Override
  public String toString() {
    return "Similarity[rotation=" + Arrays.toString(rotation) + ", scale=" + scale
        + ", translation=" + Arrays.toString(translation) + "]";
  }
}
