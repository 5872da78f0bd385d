package dev.topos.topology.fit;

import dev.topos.geometry.PointCloud;
import dev.topos.geometry.Similarity;

/**
 * How far a scanned head is turned from the upright head frame (+Y up, the face along +Z), and the
 * turn that levels it: a rotation about the scan points' centroid. The model was trained on upright
 * heads only, and a few degrees cost it millimetres (docs/VAE.md, session 14), so {@code topos retopo}
 * turns such a scan upright before the model reads it and turns the answer back.
 *
 * @param rotation the head's rotation from upright R, row-major, [9]: the scan is the upright head
 *     turned by R about {@code pivot}
 * @param pivot the centre of the turn, metres, [3]
 */
public record ScanPose(double[] rotation, double[] pivot) {
  private static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};

  public ScanPose {
    if (rotation.length != 9 || pivot.length != 3) {
      throw new IllegalArgumentException("a pose needs a 3 x 3 rotation and a 3-vector pivot");
    }
    rotation = rotation.clone();
    pivot = pivot.clone();
  }

  /** R, row-major (a copy). */
  @Override
  public double[] rotation() {
    return rotation.clone();
  }

  /** The pivot, metres (a copy). */
  @Override
  public double[] pivot() {
    return pivot.clone();
  }

  /** No turn: the scan is taken as upright. */
  public static ScanPose upright() {
    return new ScanPose(IDENTITY, new double[3]);
  }

  /**
   * A head nodding by {@code pitchDegrees} (about +X; chin down for +) and then looking aside by
   * {@code yawDegrees} (about +Y; towards +X for +), about {@code pivot}: R = R_y R_x.
   */
  public static ScanPose turned(double pitchDegrees, double yawDegrees, double[] pivot) {
    double a = Math.toRadians(pitchDegrees);
    double b = Math.toRadians(yawDegrees);
    double[] x = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
    double[] y = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
    return new ScanPose(rigid(x).andThen(rigid(y)).rotation(), pivot); // R_y R_x
  }

  /**
   * A head nodding by {@code pitchDegrees} (about +X), looking aside by {@code yawDegrees} (about +Y)
   * and tilting by {@code rollDegrees} (about +Z; its top towards -X for +), about {@code pivot}:
   * R = R_y R_x R_z.
   */
  public static ScanPose turned(double pitchDegrees, double yawDegrees, double rollDegrees, double[] pivot) {
    double g = Math.toRadians(rollDegrees);
    double[] z = {Math.cos(g), -Math.sin(g), 0, Math.sin(g), Math.cos(g), 0, 0, 0, 1};
    return new ScanPose(rigid(z).andThen(rigid(turned(pitchDegrees, yawDegrees, pivot).rotation)).rotation(), pivot); // R_y R_x R_z
  }

  /**
   * The rotation of the mean head's similarity fit to the scan ({@link MeanHeadFit#align}), about the
   * scan points' centroid. About 0.2 s; on upright synthetic heads it finds a turn of 3.7 degrees on
   * average (a head shaped unlike the mean pulls it), and its ICP can settle far off (30-40 degrees
   * on 5 of 328 upright synthetic scans), so callers check it before they trust it. Without normals
   * (or with all-zero ones) the fit matches points without the normal test.
   *
   * @param fit the mean head's fit
   * @param scan conditioned scan points (metres, +Y up, face along +Z roughly)
   */
  public static ScanPose estimate(MeanHeadFit fit, PointCloud scan) {
    float[] p = scan.positions();
    double[] centroid = new double[3];
    for (int i = 0; i < p.length; i++) {
      centroid[i % 3] += p[i] / (p.length / 3.0);
    }
    return new ScanPose(fit.align(scan).rotation(), centroid);
  }

  /**
   * R as a rotation vector: the axis times the angle, degrees, [3] (zero when upright). Defined for
   * turns under 180 degrees, which is all a head scan has.
   */
  public double[] rotationVectorDegrees() {
    double angle = Math.toRadians(angleDegrees());
    double[] w = {rotation[7] - rotation[5], rotation[2] - rotation[6], rotation[3] - rotation[1]}; // 2 sin(angle) axis
    double f = angle < 1e-9 ? 0.5 : angle / (2 * Math.sin(angle));
    for (int k = 0; k < 3; k++) {
      w[k] = Math.toDegrees(w[k] * f);
    }
    return w;
  }

  /**
   * This pose turned further by a rotation given as a rotation vector (axis times angle, degrees, in
   * the upright head's frame), about the same pivot: R' = R exp(w). With D = R^T R_true the turn
   * still left after levelling by R, R exp(D) is R_true.
   */
  public ScanPose turnedBy(double[] rotationVectorDegrees) {
    double[] w = rotationVectorDegrees;
    double angle = Math.toRadians(Math.sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2]));
    double[] e = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    if (angle > 0) { // Rodrigues: I + sin(a) K + (1 - cos(a)) K^2, K the unit axis's cross-product matrix
      double s = Math.toRadians(1) / angle;
      double x = w[0] * s;
      double y = w[1] * s;
      double z = w[2] * s;
      double[] k = {0, -z, y, z, 0, -x, -y, x, 0};
      double sin = Math.sin(angle);
      double cos1 = 1 - Math.cos(angle);
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          double kk = k[3 * i] * k[j] + k[3 * i + 1] * k[3 + j] + k[3 * i + 2] * k[6 + j];
          e[3 * i + j] += sin * k[3 * i + j] + cos1 * kk;
        }
      }
    }
    return new ScanPose(rigid(e).andThen(rigid(rotation)).rotation(), pivot); // R exp(w)
  }

  /** The angle of the turn, degrees (0 to 180). */
  public double angleDegrees() {
    double cos = (rotation[0] + rotation[4] + rotation[8] - 1) / 2;
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }

  /** The angle between this pose's rotation and another's, degrees: how far one estimate is from the other. */
  public double degreesFrom(ScanPose other) {
    return other.leftAfter(this).angleDegrees();
  }

  /**
   * The turn a scan in this pose still has after levelling by {@code levelledBy}'s rotation:
   * {@code R_levelledBy^T R}, about the origin; its {@link #rotationVectorDegrees} is what
   * {@link #turnedBy} adds to {@code levelledBy} to give this pose's rotation.
   */
  public ScanPose leftAfter(ScanPose levelledBy) {
    return new ScanPose(rigid(rotation).andThen(rigid(levelledBy.rotation).inverse()).rotation(), new double[3]); // R_l^T R
  }

  /** Whether there is no turn at all. */
  public boolean isUpright() {
    return java.util.Arrays.equals(rotation, IDENTITY);
  }

  /** Points [N*3] turned upright: {@code R^T (x - pivot) + pivot}. */
  public float[] level(float[] xyz) {
    return leveling().apply(xyz);
  }

  /** Points [N*3] turned back from upright into the scan's pose: {@code R (x - pivot) + pivot}. */
  public float[] unlevel(float[] xyz) {
    return leveling().inverse().apply(xyz);
  }

  /** Directions [N*3] (normals) turned upright: {@code R^T n}. */
  public float[] levelDirections(float[] directions) {
    return rigid(transposed()).apply(directions);
  }

  /** Directions [N*3] turned from upright into the scan's pose: {@code R n}. */
  public float[] unlevelDirections(float[] directions) {
    return rigid(rotation).apply(directions);
  }

  /** {@code x -> R^T (x - pivot) + pivot}. */
  private Similarity leveling() {
    double[] rt = transposed();
    double[] turnedPivot = rigid(rt).apply(pivot); // R^T pivot
    return new Similarity(rt, 1, new double[] {pivot[0] - turnedPivot[0], pivot[1] - turnedPivot[1], pivot[2] - turnedPivot[2]});
  }

  private static Similarity rigid(double[] rotation) {
    return new Similarity(rotation, 1, new double[3]);
  }

  private double[] transposed() {
    return rigid(rotation).inverse().rotation();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScanPose other && java.util.Arrays.equals(rotation, other.rotation)
        && java.util.Arrays.equals(pivot, other.pivot);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(rotation) + java.util.Arrays.hashCode(pivot);
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "ScanPose[%.2f degrees]", angleDegrees());
  }
}
