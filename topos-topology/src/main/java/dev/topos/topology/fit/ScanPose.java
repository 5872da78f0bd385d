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

  /** The angle of the turn, degrees (0 to 180). */
  public double angleDegrees() {
    double cos = (rotation[0] + rotation[4] + rotation[8] - 1) / 2;
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
  }

  /** The angle between this pose's rotation and another's, degrees: how far one estimate is from the other. */
  public double degreesFrom(ScanPose other) {
    return new ScanPose(rigid(other.rotation).andThen(rigid(rotation).inverse()).rotation(), new double[3]).angleDegrees(); // R^T R'
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
