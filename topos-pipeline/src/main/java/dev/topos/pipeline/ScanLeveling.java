package dev.topos.pipeline;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfacePoint;
import dev.topos.nn.vae.PoseCorrection;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.VaeExample;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.MeanHeadFit;
import dev.topos.topology.fit.ScanPose;

/**
 * Levels a turned head before the model reads it ({@code topos retopo} does by default; {@code --no-level}
 * reads the scan as it is). The model was trained on upright heads only: on validation scans a 5
 * degree nod costs the feed-forward answer about 1 mm per vertex, a 10 degree nod 3.1 mm, a 10 degree
 * look aside 5.7 mm, 20 degrees 22 mm (docs/VAE.md, session 14).
 *
 * <p>The pose comes from the mean head's similarity fit ({@link ScanPose#estimate}), which finds a
 * turn of 3.7 degrees on average on upright heads and sometimes settles far off. Where there is a
 * {@link PoseCorrection} (the shipped weights have one), the network then reads the scan levelled by that
 * estimate, and the correction turns the estimate by what the latent says it missed (session 15:
 * 1.7 degrees off instead of 5 over validation poses; docs/VAE.md). A scan is levelled only when both hold:
 * the estimate turns it by more than the gate ({@link #CORRECTED_GATE_DEGREES} with a correction,
 * {@link #GATE_DEGREES} without; less is within the estimate's own error on upright heads), and the
 * model's feed-forward head of the levelled scan, turned back,
 * lies nearer the scan's points than that of the scan as given (the mean distance from every point of
 * the scan as given to the head's surface, each capped at {@value #CAP_METRES} m; the levelled scan is
 * cropped again, so its own points would not compare). Otherwise the scan is taken as upright.
 */
public final class ScanLeveling {
  /** Turns up to this many degrees are left alone when the estimate is the mean head's fit alone. */
  public static final double GATE_DEGREES = 6;
  /** Turns up to this many degrees are left alone when the estimate is corrected ({@link PoseCorrection}). */
  public static final double CORRECTED_GATE_DEGREES = 3;
  static final double CAP_METRES = 0.010;
  private final MeanHeadFit poseFit;
  private final Mesh head;
  private final PoseCorrection correction;
  private final double gateDegrees;

  /** The mean head's fit alone, with {@link #GATE_DEGREES}. */
  public ScanLeveling(ReferenceTopology topology) {
    this(topology, null);
  }

  /**
   * With {@link #CORRECTED_GATE_DEGREES}, or {@link #GATE_DEGREES} without a correction.
   *
   * @param correction what corrects the mean head's estimate ({@link dev.topos.nn.vae.ShippedWeights#loadPoseCorrection}), or null for none
   */
  public ScanLeveling(ReferenceTopology topology, PoseCorrection correction) {
    this(topology, correction, correction == null ? GATE_DEGREES : CORRECTED_GATE_DEGREES);
  }

  /**
   * @param topology the reference topology (its head is the mean head fitted for the pose)
   * @param correction what corrects the mean head's estimate, or null for none
   * @param gateDegrees turns up to this many degrees are left alone
   */
  public ScanLeveling(ReferenceTopology topology, PoseCorrection correction, double gateDegrees) {
    if (!(gateDegrees >= 0)) {
      throw new IllegalArgumentException("the gate must be 0 degrees or more, got " + gateDegrees);
    }
    this.poseFit = new MeanHeadFit(topology);
    this.head = topology.head();
    this.correction = correction;
    this.gateDegrees = gateDegrees;
  }

  /**
   * What {@link #choose} chose.
   *
   * @param pose the pose the scan is levelled by ({@link ScanPose#upright()}: none)
   * @param scan the scan in that pose (the given example itself when upright)
   * @param feedForward the feed-forward answer to {@code scan} where the judge made it (the same the
   *     fitter would make again with the same seed), else null
   */
  public record Choice(ScanPose pose, VaeExample scan, Retopologizer.Result feedForward) {
    /** The scan as given, no answer made. */
    static Choice asGiven(VaeExample scan) {
      return new Choice(ScanPose.upright(), scan, null);
    }
  }

  /**
   * The pose to level the scan by: the estimate when it passes both checks (see the class comment),
   * else {@link ScanPose#upright()}; with the scan in that pose.
   *
   * @param fitter what will fit the scan (its feed-forward answer judges the pose: with {@code retopo
   *     --correct}, which loads no calibration, the network's own head; elsewhere the calibrated one)
   * @param scan a whole head's scan, prepared for the model
   * @param seed the fit's seed
   */
  public Choice choose(Retopologizer fitter, VaeExample scan, long seed) {
    return choose(fitter, scan, seed, null);
  }

  /**
   * {@link #choose(Retopologizer, VaeExample, long)} given the fitter's feed-forward answer for the
   * scan as it is, where the caller has it already (null: made here if needed).
   */
  public Choice choose(Retopologizer fitter, VaeExample scan, long seed, Retopologizer.Result asGiven) {
    PointCloud cloud = scan.scanCloud();
    float[] points = cloud.positions(); // [P*3] both answers are measured against the scan as given
    ScanPose pose = ScanPose.estimate(poseFit, cloud);
    if (correction != null) { // the network reads the scan levelled by the estimate; the correction, what it missed
      pose = correction.corrected(pose, fitter.encodeDecode(scan.levelled(pose), seed).latent());
    }
    if (!(pose.angleDegrees() > gateDegrees)) {
      return Choice.asGiven(scan);
    }
    VaeExample levelled = scan.levelled(pose);
    Retopologizer.Result asGivenFit = asGiven != null ? asGiven : fitter.feedForward(scan, seed);
    Retopologizer.Result levelledFit = fitter.feedForward(levelled, seed);
    return distance(pose.unlevel(levelled.frame().fromUnit(levelledFit.positions())), points)
        < distance(scan.frame().fromUnit(asGivenFit.positions()), points)
        ? new Choice(pose, levelled, levelledFit) : new Choice(ScanPose.upright(), scan, asGivenFit);
  }

  /**
   * The mean distance (metres) from {@code points} [P*3] to the surface of the head {@code metres}
   * [V*3], each capped at {@link #CAP_METRES}. Both candidates are measured against the points of the
   * scan as given, their heads in its pose: a levelled scan is cropped again and holds other points.
   */
  private double distance(float[] metres, float[] points) {
    double sum = 0;
    for (SurfacePoint c : new ClosestPointOnMesh(head.withPositions(metres)).closestAll(points)) {
      sum += Math.min(CAP_METRES, c.distance());
    }
    return sum / (points.length / 3);
  }
}
