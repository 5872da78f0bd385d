package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.synth.dataset.Sample;
import dev.topos.topology.Region;
import dev.topos.topology.fit.ScanPose;
import dev.topos.topology.pyramid.FaceScanFrame;
import dev.topos.topology.pyramid.VaeFrame;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.ScanConditioning;
import dev.topos.topology.scan.Units;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One scan and its ground truth, prepared exactly as {@code topos retopo} prepares a user's scan:
 * {@link ScanConditioning} (crop below the neck), then the VAE frame of the <em>conditioned scan
 * points</em> (bounding-box centre, largest norm to 1). The target head is mapped by the same frame,
 * so the network predicts the head where the scan is, and {@link #frame} maps predictions back to
 * metres.
 *
 * @param scanPoints conditioned scan points with normals in the unit frame, [P*6]
 * @param targetPositions ground-truth head vertices in the unit frame, [V*3]
 * @param targetNormals their unit normals, [V*3]
 * @param frame the scan's VAE frame
 * @param family scan family
 */
public record VaeExample(float[] scanPoints, float[] targetPositions, float[] targetNormals, VaeFrame frame, String family) {

  /** Prepares a dataset sample (synthetic scans are in metres, +Y up, face along +Z). */
  public static VaeExample of(Sample s, Mesh referenceHead) {
    return ofTurned(s, referenceHead, ScanPose.upright());
  }

  /**
   * A dataset sample turned from upright by {@code pose}, scan and truth alike, then prepared as
   * {@link #of} prepares it (so cropped below the neck after the turn, as a user's turned scan is):
   * what a turned head's scan gives the model. {@link #of} is this with {@link ScanPose#upright()}.
   */
  public static VaeExample ofTurned(Sample s, Mesh referenceHead, ScanPose pose) {
    float[] head = Arrays.copyOf(s.vertices(), 3 * referenceHead.vertexCount());
    boolean upright = pose.isUpright();
    ScanConditioning.Result c = ScanConditioning.apply(upright ? s.scanPoints() : pose.unlevel(s.scanPoints()),
        upright || s.scanNormals() == null ? s.scanNormals() : pose.unlevelDirections(s.scanNormals()), Axis.PY, Axis.PZ, Units.M);
    return withTarget(s, upright ? head : pose.unlevel(head), referenceHead, c, VaeFrame.of(c.positions()));
  }

  /** The conditioned scan {@code c} of sample {@code s} in {@code frame}, with the true head [V*3] (metres) as the target. */
  private static VaeExample withTarget(Sample s, float[] head, Mesh referenceHead, ScanConditioning.Result c, VaeFrame frame) {
    float[] normals = referenceHead.withPositions(head).vertexNormals();
    for (float x : c.positions()) {
      if (!Float.isFinite(x)) {
        throw new IllegalArgumentException("sample " + s.index() + " has a non-finite scan point");
      }
    }
    return new VaeExample(interleave(frame.toUnit(c.positions()), c.normals()), frame.toUnit(head), normals, frame,
        s.scanFamily());
  }

  /**
   * A dataset sample's scan cropped to the face, as a face-only scan ({@code retopo --face-only})
   * would show it: the scan points whose nearest true vertex lies in {@link FaceScanFrame#REGIONS},
   * in {@link FaceScanFrame}'s frame; the target is the whole true head, as in {@link #of}.
   *
   * @param regions the region of each reference vertex
   * @throws IllegalArgumentException when fewer than {@link ScanConditioning#MIN_POINTS} scan points are on the face
   */
  public static VaeExample ofFaceOnly(Sample s, Mesh referenceHead, Region[] regions) {
    return ofFaceOnly(s, referenceHead, regions, FaceCrop.REGIONS);
  }

  /** {@link #ofFaceOnly(Sample, Mesh, Region[])}, the scan cropped as {@code crop} says (a box in front of the face, say). */
  public static VaeExample ofFaceOnly(Sample s, Mesh referenceHead, Region[] regions, FaceCrop crop) {
    int v = referenceHead.vertexCount();
    float[] head = Arrays.copyOf(s.vertices(), 3 * v);
    float[] points = s.scanPoints();
    float[] pointNormals = s.scanNormals();
    int p = points.length / 3;
    boolean[] keep = crop.keep(points, head, regions);
    float[] kept = new float[points.length];
    float[] keptNormals = new float[points.length];
    int k = 0;
    for (int i = 0; i < p; i++) {
      if (keep[i]) {
        System.arraycopy(points, 3 * i, kept, 3 * k, 3);
        System.arraycopy(pointNormals, 3 * i, keptNormals, 3 * k, 3);
        k++;
      }
    }
    if (k < ScanConditioning.MIN_POINTS) {
      throw new IllegalArgumentException("sample " + s.index() + " has " + k + " scan points in its crop (" + crop.describe()
          + "); at least " + ScanConditioning.MIN_POINTS + " are needed");
    }
    ScanConditioning.Result c = ScanConditioning.apply(Arrays.copyOf(kept, 3 * k), Arrays.copyOf(keptNormals, 3 * k), Axis.PY,
        Axis.PZ, Units.M);
    return withTarget(s, head, referenceHead, c, FaceScanFrame.of(c.positions()));
  }

  /** Conditioned points (unit frame) with normals of a user scan, [P*6], and its frame. */
  public static VaeExample ofScan(ScanConditioning.Result c) {
    return ofScan(c, VaeFrame.of(c.positions()));
  }

  /**
   * {@link #ofScan(ScanConditioning.Result)} in a given frame (the frame of a scan of the face alone,
   * {@link dev.topos.topology.pyramid.FaceScanFrame}, say); points may then lie outside the unit ball.
   */
  public static VaeExample ofScan(ScanConditioning.Result c, VaeFrame frame) {
    float[] normals = c.normals() != null ? c.normals() : new float[c.positions().length];
    return new VaeExample(interleave(frame.toUnit(c.positions()), normals), null, null, frame, "input");
  }

  /**
   * This scan of a whole head, and its truth if it has one, turned upright by {@code pose}
   * ({@code retopo}'s levelling, {@link ScanPose}), cropped below the neck again
   * ({@link ScanConditioning#cropBelowNeck}: points the turned crop had already dropped stay dropped)
   * and framed anew ({@link VaeFrame#of} of the turned points); this very example when the pose is
   * upright.
   */
  public VaeExample levelled(ScanPose pose) {
    if (pose.isUpright()) {
      return this;
    }
    // Cropped again below the neck: the turn had tilted the cut (shoulders left on one side).
    PointCloud upright = ScanConditioning.cropBelowNeck(
        new PointCloud(pose.level(scanMetres()), pose.levelDirections(scanNormals())));
    if (upright.size() < ScanConditioning.MIN_POINTS) { // no head is cut so; keep the points rather than fail
      upright = new PointCloud(pose.level(scanMetres()), pose.levelDirections(scanNormals()));
    }
    VaeFrame turned = VaeFrame.of(upright.positions());
    return new VaeExample(interleave(turned.toUnit(upright.positions()), upright.normals()),
        targetPositions == null ? null : turned.toUnit(pose.level(frame.fromUnit(targetPositions))),
        targetNormals == null ? null : pose.levelDirections(targetNormals), turned, family);
  }

  /** This example in another frame: its scan points and truth read in {@code other} (the normals unchanged). */
  public VaeExample inFrame(VaeFrame other) {
    float[] points = other.toUnit(scanMetres()); // [P*3]
    return new VaeExample(interleave(points, scanNormals()),
        targetPositions == null ? null : other.toUnit(frame.fromUnit(targetPositions)), targetNormals, other, family);
  }

  /** This example with other normals for its scan points, [P*3] (the points, truth and frame unchanged). */
  public VaeExample withScanNormals(float[] normals) {
    if (normals.length != 3 * pointCount()) {
      throw new IllegalArgumentException("normals [" + normals.length + "] for " + pointCount() + " points");
    }
    return new VaeExample(interleave(scanUnitPositions(), normals), targetPositions, targetNormals, frame, family);
  }

  /** The scan points in the unit frame, [P*3]. */
  public float[] scanUnitPositions() {
    int p = pointCount();
    float[] xyz = new float[3 * p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(scanPoints, 6 * i, xyz, 3 * i, 3);
    }
    return xyz;
  }

  /** The scan points in metres, [P*3]. */
  public float[] scanMetres() {
    return frame.fromUnit(scanUnitPositions());
  }

  /** The scan points' normals, [P*3]. */
  public float[] scanNormals() {
    int p = pointCount();
    float[] n = new float[3 * p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(scanPoints, 6 * i + 3, n, 3 * i, 3);
    }
    return n;
  }

  /** The scan points in metres with their normals, or without any where all are zero (a point cloud given without them). */
  public PointCloud scanCloud() {
    float[] normals = scanNormals();
    boolean any = false;
    for (float x : normals) {
      any |= x != 0;
    }
    return new PointCloud(scanMetres(), any ? normals : null);
  }

  public int pointCount() {
    return scanPoints.length / 6;
  }

  /** n points drawn without replacement (all of them, repeated as needed, when there are fewer). */
  public float[] subsample(int n, SplittableRandom rng) {
    int p = pointCount();
    int[] order = new int[p];
    for (int i = 0; i < p; i++) {
      order[i] = i;
    }
    float[] out = new float[6 * n];
    for (int i = 0; i < n; i++) {
      int k = i % p;
      if (k == 0) {
        shuffle(order, rng);
      }
      System.arraycopy(scanPoints, 6 * order[k], out, 6 * i, 6);
    }
    return out;
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static float[] interleave(float[] xyz, float[] normals) {
    float[] out = new float[2 * xyz.length];
    for (int i = 0; i < xyz.length / 3; i++) {
      System.arraycopy(xyz, 3 * i, out, 6 * i, 3);
      if (normals != null) {
        System.arraycopy(normals, 3 * i, out, 6 * i + 3, 3);
      }
    }
    return out;
  }
}
