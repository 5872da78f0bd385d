package dev.topos.pipeline;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.KdTree;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.NormalEstimation;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.QuickSelect;
import dev.topos.geometry.StrayPoints;
import dev.topos.geometry.SurfacePoint;
import dev.topos.nn.vae.FaceFrameChoice;
import dev.topos.nn.vae.NormalSigns;
import dev.topos.nn.vae.PoseCorrection;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.nn.vae.VaeExample;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.MeanHeadFit;
import dev.topos.topology.fit.ScanPose;
import dev.topos.topology.pyramid.FaceScanFrame;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.ScanConditioning;
import dev.topos.topology.scan.Units;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.LipParting;
import java.util.Objects;

/**
 * A head scan in any axes and units in, the head in the reference topology out, placed so that it
 * overlays the scan (the input's axes and units). This is {@code topos retopo} without the files:
 *
 * <pre>{@code
 * ReferenceTopology topology = ReferenceTopology.loadBundled();
 * try (TopoVae vae = ShippedWeights.load(weightsFolderOrNull, topology.head())) {
 *   PointCloud scan = ScanReader.read(Path.of("scan.ply"), 0);
 *   Mesh head = new ScanRetopologizer(vae, topology)
 *       .retopologize(scan, ScanRetopologizer.Options.DEFAULT.withUp(Axis.PZ).withRefineSteps(60))
 *       .head();
 * }
 * }</pre>
 *
 * Steps: strays dropped ({@link StrayPoints}: floating specks and detached bits far from the head), {@link ScanConditioning} (axes to the topos frame, units to metres, crop below the neck),
 * the normals (estimated for a point cloud without them, turned around for an inside-out mesh,
 * estimated anew for one wound both ways; {@link Normals}), the model's unit frame
 * ({@link VaeExample#ofScan}), the normals' signs set or repaired by the model ({@link NormalSigns}), a turned head levelled ({@link ScanLeveling};
 * {@link Options#level}), encode + decode and optional latent
 * refinement ({@link Retopologizer}), {@link LipParting} (lips that the model pressed into each
 * other are parted by the head prior's own rule), then back to metres, into the scan's pose and to the
 * input's axes and units.
 *
 * <p>The model is the caller's: this class neither loads nor closes it. Like the model, an
 * instance is not for concurrent use.
 */
public final class ScanRetopologizer {
  private final ReferenceTopology topology;
  private final Retopologizer retopologizer;
  private final LipParting lips;
  private final PoseCorrection poseCorrection;
  private ScanLeveling leveling; // made on first use (the mean head's fit takes 0.2 s to build)
  private FaceFrameChoice faceFrames; // likewise

  private ScanRetopologizer(ReferenceTopology topology, Retopologizer retopologizer, LipParting lips, PoseCorrection poseCorrection) {
    this.topology = topology;
    this.retopologizer = retopologizer;
    this.lips = lips;
    this.poseCorrection = poseCorrection;
  }

  /** The same, with the model's error modes for {@link Options#correct} ({@link dev.topos.nn.vae.ShippedWeights#loadErrorModes}). */
  public ScanRetopologizer withErrorModes(dev.topos.nn.vae.ErrorModes modes) {
    return new ScanRetopologizer(topology, retopologizer.withErrorModes(modes), lips, poseCorrection);
  }

  /**
   * The same, whose feed-forward answer adds this calibration and whose refinement starts from that
   * answer, the calibration's correction kept as a fixed offset
   * ({@link dev.topos.nn.vae.ShippedWeights#loadCalibration}; not with {@link Options#correct} or
   * {@link Options#faceOnly}); null: the network's own answer.
   */
  public ScanRetopologizer withCalibration(dev.topos.nn.vae.FeedForwardCalibration calibration) {
    return calibration == null ? this : new ScanRetopologizer(topology, retopologizer.withCalibration(calibration), lips, poseCorrection);
  }

  /**
   * The same, whose {@link Options#correct} then fits these shape modes ({@link
   * dev.topos.nn.vae.ShippedWeights#loadShapeModes}); null: the correction stops after the error modes.
   */
  public ScanRetopologizer withShapeModes(dev.topos.topology.fit.ShapeModes modes) {
    return modes == null ? this : new ScanRetopologizer(topology, retopologizer.withShapeModes(modes), lips, poseCorrection);
  }

  /**
   * The same, whose levelling ({@link Options#level}) corrects the mean head's pose estimate by what
   * the network reads ({@link PoseCorrection}, {@link dev.topos.nn.vae.ShippedWeights#loadPoseCorrection});
   * null: the estimate alone, with its wider gate ({@link ScanLeveling}).
   */
  public ScanRetopologizer withPoseCorrection(PoseCorrection correction) {
    return new ScanRetopologizer(topology, retopologizer, lips, correction);
  }

  /**
   * With the bundled head model's lip parting.
   *
   * @param vae a trained model ({@link dev.topos.nn.vae.ShippedWeights}), built over
   *     {@code topology}'s head
   * @param topology the reference topology whose head the model decodes
   */
  public ScanRetopologizer(TopoVae vae, ReferenceTopology topology) {
    this(vae, topology, new LipParting(HeadModel.loadBundled()));
  }

  /**
   * @param lips how pressed lips are parted ({@link LipParting}), or null to leave them as decoded
   */
  public ScanRetopologizer(TopoVae vae, ReferenceTopology topology, LipParting lips) {
    this.topology = Objects.requireNonNull(topology, "topology");
    this.retopologizer = new Retopologizer(Objects.requireNonNull(vae, "vae"), topology.regions());
    this.lips = lips;
    this.poseCorrection = null;
  }

  /**
   * How to read the scan and how hard to fit it.
   *
   * @param up the scan's up axis
   * @param forward the axis the face looks along
   * @param units the scan's units, or null to detect them from the head's size ({@link Units#detect})
   * @param refineSteps latent refinement steps, 0 for the feed-forward answer
   *     ({@link Retopologizer#DEFAULT_REFINE_STEPS} is what {@code --refine} alone means)
   * @param seed seed of the model's point subsampling
   * @param fitScalpAndNeck whether refinement pulls the scalp and the neck onto the scan as well
   *     (for a bald, clean scan); by default they follow the rest of the head, since a scalp is
   *     usually under hair and a neck is cut anywhere (the correction's reweighted passes observe
   *     them regardless)
   * @param correct whether the head is then corrected by the model's error modes (needs {@link #withErrorModes})
   * @param faceOnly whether the scan shows the face alone (forehead to chin, cheek to cheek): the model
   *     then reads it in the frame a whole head's scan would have had ({@link FaceScanFrame}), not in
   *     the face's own, which would squeeze a whole head into the face; its points are matched to the
   *     face alone, and the correction fits the shape modes longer ({@link Retopologizer#forFaceScans})
   * @param level whether a head turned from upright is levelled before the model reads it and the answer
   *     turned back ({@link ScanLeveling}); a scan of the face alone is read as it is
   */
  public record Options(Axis up, Axis forward, Units units, int refineSteps, long seed, boolean fitScalpAndNeck, boolean correct,
      boolean faceOnly, boolean level) {
    /**
     * +Y up, face along +Z, units detected, no refinement, seed 0, scalp and neck follow, no correction, a whole head,
     * levelled where it is turned: the CLI's defaults.
     */
    public static final Options DEFAULT = new Options(Axis.PY, Axis.PZ, null, 0, 0, false, false, false, true);

    /** Without the error-mode correction, for a scan of the whole head, levelled where it is turned. */
    public Options(Axis up, Axis forward, Units units, int refineSteps, long seed, boolean fitScalpAndNeck) {
      this(up, forward, units, refineSteps, seed, fitScalpAndNeck, false, false, true);
    }

    /** These options with a turned head levelled first ({@link ScanLeveling}), or not. */
    public Options withLevel(boolean on) {
      return new Options(up, forward, units, refineSteps, seed, fitScalpAndNeck, correct, faceOnly, on);
    }

    /** These options with the error-mode correction ({@link Retopologizer#correct}) after the fit, or not. */
    public Options withCorrect(boolean on) {
      return new Options(up, forward, units, refineSteps, seed, fitScalpAndNeck, on, faceOnly, level);
    }

    /** These options for a scan of the face alone, or of the whole head. */
    public Options withFaceOnly(boolean on) {
      return new Options(up, forward, units, refineSteps, seed, fitScalpAndNeck, correct, on, level);
    }

    public Options {
      Objects.requireNonNull(up, "up");
      Objects.requireNonNull(forward, "forward");
      if (refineSteps < 0) {
        throw new IllegalArgumentException("refineSteps must be 0 or more, got " + refineSteps);
      }

    }

    public Options withUp(Axis newUp) {
      return new Options(newUp, forward, units, refineSteps, seed, fitScalpAndNeck, correct, faceOnly, level);
    }

    public Options withForward(Axis newForward) {
      return new Options(up, newForward, units, refineSteps, seed, fitScalpAndNeck, correct, faceOnly, level);
    }

    /** These options with the given units, or null to detect them. */
    public Options withUnits(Units newUnits) {
      return new Options(up, forward, newUnits, refineSteps, seed, fitScalpAndNeck, correct, faceOnly, level);
    }

    public Options withRefineSteps(int steps) {
      return new Options(up, forward, units, steps, seed, fitScalpAndNeck, correct, faceOnly, level);
    }

    public Options withSeed(long newSeed) {
      return new Options(up, forward, units, refineSteps, newSeed, fitScalpAndNeck, correct, faceOnly, level);
    }

    /** These options with the scalp and neck pulled onto the scan by refinement (a bald, clean scan), or not. */
    public Options withFitScalpAndNeck(boolean fit) {
      return new Options(up, forward, units, refineSteps, seed, fit, correct, faceOnly, level);
    }
  }

  /**
   * A scan checked and brought into the model's frame, before any model runs; {@link #prepare}
   * makes it, so bad input fails before a model is loaded.
   *
   * @param conditioned the scan in the topos frame (metres), with the units applied
   * @param example the same points in the model's unit frame
   * @param options the options it was prepared with
   * @param normals where its normals come from
   * @param estimatedFrom the number of points its normals were estimated from (0: given)
   * @param strays what was dropped as strays before anything else read the scan ({@link StrayPoints})
   */
  public record PreparedScan(ScanConditioning.Result conditioned, VaeExample example, Options options, Normals normals,
      int estimatedFrom, StrayPoints.Result strays) {
    public PreparedScan {
      java.util.Objects.requireNonNull(conditioned, "conditioned");
      java.util.Objects.requireNonNull(example, "example");
      java.util.Objects.requireNonNull(options, "options");
      java.util.Objects.requireNonNull(normals, "normals");
      java.util.Objects.requireNonNull(strays, "strays");
    }

    /** The same scan, to be corrected by the error modes after the fit. */
    public PreparedScan withCorrect() {
      return new PreparedScan(conditioned, example, options.withCorrect(true), normals, estimatedFrom, strays);
    }

    /** Whether a point cloud without normals has fewer points than their estimate needs ({@link #FEWEST_POINTS_FOR_ESTIMATED_NORMALS}). */
    public boolean tooSparseForEstimatedNormals() {
      return normals == Normals.ESTIMATED && conditioned.size() < FEWEST_POINTS_FOR_ESTIMATED_NORMALS;
    }

    /** Whether the model sets the signs of the scan's normals ({@link NormalSigns}). */
    public boolean normalsEstimated() {
      return normals == Normals.ESTIMATED || normals == Normals.MIXED_REESTIMATED;
    }
  }

  /**
   * Where a prepared scan's normals come from. The encoder reads their signs: on 20 test scans
   * (calibrated feed-forward, {@code tools/diagnostics/orient-given-normals.jsh}) their own normals
   * gave 2.08 mm, inside out 23.1 mm, with the right half of the head inside out 10.9 mm.
   */
  public enum Normals {
    /** The file's (a mesh's winding, or a point cloud's own normals). */
    GIVEN,
    /** The file's, turned around: they faced inward on balance (an inside-out mesh). */
    INSIDE_OUT_FLIPPED,
    /** Estimated: the file had none (or all zero). */
    ESTIMATED,
    /** Estimated: the file's disagreed in sign among themselves (a mesh wound both ways, unoriented normals), so they were dropped. */
    MIXED_REESTIMATED
  }

  /**
   * Fewest points of a scan without normals that give the estimated normals a fair chance: fewer and
   * the fit degrades fast ({@code tools/diagnostics/sparse-clouds.jsh}, the demo's scan as random
   * point subsets, 3 each, mean per-vertex error: 8,192 points 2.0 mm, 4,000 2.9, 2,000 5.4, 1,000
   * 12.3, 300 18.7). A point cloud with normals does not need as many (the model was trained on 1,024).
   */
  public static final int FEWEST_POINTS_FOR_ESTIMATED_NORMALS = 4000;

  /**
   * The {@link NormalEstimation#outwardBalance} below which a scan's normals count as mixed (and
   * below its negative as inside out): head scans' own normals give 0.45 and more.
   */
  public static final double MIXED_NORMALS_BALANCE = 0.35;

  /**
   * The head fitted to a scan.
   *
   * @param head the reference head (its faces and UVs) with positions in the scan's axes and units
   * @param units the scan's units, as given or detected
   * @param scanPoints scan points kept above the neck (the model draws its input from these)
   * @param croppedPoints scan points dropped below the neck
   * @param refineSteps refinement steps run
   * @param lipParting the "mouth-open" weight that parted pressed lips (0: none needed or none asked)
   * @param levelDegrees how far the scan was turned upright before the model read it (0: not at all)
   * @param turnedNormals the share of the scan's given normals turned around as patches wound inward
   *     ({@link NormalSigns#repairPatches}; 0: none)
   * @param fitDistance how far apart the head and the scan lie, metres: the smaller of the median
   *     distance from the scan's points above the neck to the head's surface and the median distance
   *     from the head's vertices to their nearest scan point (a scan with shoulders left in, or one
   *     with the back of the head missing, is far from the head one way only); about a millimetre
   *     where the head fits, several where the scan was read in the wrong axes ({@link #poorFit})
   */
  public record Result(Mesh head, Units units, int scanPoints, int croppedPoints, int refineSteps, double lipParting,
      double levelDegrees, double turnedNormals, double fitDistance) {
    /**
     * Whether the head fits the scan so poorly ({@link #fitDistance} over {@value #POOR_FIT_METRES} m)
     * that the scan is most likely in other axes than those given, or no head: the model reads any
     * points as a head and says nothing itself.
     */
    public boolean poorFit() {
      return fitDistance > POOR_FIT_METRES;
    }
  }

  /** See {@link Result#poorFit}. */
  public static final double POOR_FIT_METRES = 0.005;

  private ScanLeveling leveling() {
    if (leveling == null) {
      leveling = new ScanLeveling(topology, poseCorrection);
    }
    return leveling;
  }

  private FaceFrameChoice faceFrames() {
    if (faceFrames == null) {
      faceFrames = new FaceFrameChoice(new MeanHeadFit(topology), topology.regions());
    }
    return faceFrames;
  }

  /**
   * Checks a scan and brings it into the model's frame; needs no model.
   *
   * @param scan points [N*3] with normals (or none) in the scan's axes and units ({@link ScanReader});
   *     strays are dropped first ({@link StrayPoints})
   * @throws IllegalArgumentException for equal up and forward axes, too few or non-finite points,
   *     a size that is no head's (with detected units, also a crown too wide for a head,
   *     {@link ScanConditioning#checkDetectedUnits}), or too few points above the neck
   */
  public static PreparedScan prepare(PointCloud scan, Options options) {
    ScanConditioning.checkPoints(scan.positions());
    // Before the units, the crop and the frame, each of which one far stray would set.
    StrayPoints.Result strays = StrayPoints.find(scan.positions());
    return prepare(strays.apply(scan), options, strays);
  }

  /**
   * {@link #prepare(PointCloud, Options)} of a scan whose strays are dropped already ({@code strays}):
   * they do not depend on the axes, so {@link AxisSearch} finds them once for its 23 conventions.
   */
  static PreparedScan prepare(PointCloud scan, Options options, StrayPoints.Result strays) {
    ScanConditioning.Result conditioned =
        ScanConditioning.apply(scan.positions(), scan.normals(), options.up(), options.forward(), options.units());
    if (options.units() == null) {
      ScanConditioning.checkDetectedUnits(conditioned);
    }
    Normals normals = Normals.GIVEN;
    if (conditioned.normals() == null || ScanReader.allZero(conditioned.normals())) { // zero normals carry no direction: none given
      normals = Normals.ESTIMATED;
    } else {
      double balance = NormalEstimation.outwardBalance(conditioned.positions(), conditioned.normals());
      if (balance < -MIXED_NORMALS_BALANCE) {
        float[] flipped = conditioned.normals().clone();
        for (int i = 0; i < flipped.length; i++) {
          flipped[i] = -flipped[i];
        }
        conditioned = conditioned.withNormals(flipped);
        normals = Normals.INSIDE_OUT_FLIPPED;
      } else if (balance < MIXED_NORMALS_BALANCE) {
        normals = Normals.MIXED_REESTIMATED;
      }
    }
    int estimatedFrom = 0;
    if (normals == Normals.ESTIMATED || normals == Normals.MIXED_REESTIMATED) { // after the crop: shoulders would pull on the signs' vote
      estimatedFrom = conditioned.size();
      PointCloud estimated = new PointCloud(conditioned.positions(),
          NormalEstimation.estimate(conditioned.positions(), NormalEstimation.DEFAULT_NEIGHBOURS));
      // a point cloud came with up to ScanReader.ESTIMATION_SAMPLES points for its normals: the model reads SAMPLES
      PointCloud kept = ScanReader.subsample(estimated, ScanReader.SAMPLES, options.seed());
      conditioned = new ScanConditioning.Result(kept.positions(), kept.normals(), conditioned.units(), conditioned.dropped(),
          conditioned.up(), conditioned.forward());
    }
    VaeExample example = options.faceOnly()
        ? VaeExample.ofScan(conditioned, FaceScanFrame.of(conditioned.positions()))
        : VaeExample.ofScan(conditioned);
    return new PreparedScan(conditioned, example, options, normals, estimatedFrom, strays);
  }

  /** {@link #prepare} then {@link #retopologize(PreparedScan)}. */
  public Result retopologize(PointCloud scan, Options options) {
    return retopologize(prepare(scan, options));
  }

  /**
   * Fits the reference head to a prepared scan.
   *
   * @throws IllegalStateException when the model produces a non-finite coordinate
   */
  public Result retopologize(PreparedScan scan) {
    Options o = scan.options();
    // A face scan's points are matched to the face alone: its rim would catch the neck and the ears.
    // The correction starts from the network's own head (its error modes were fitted for it); the
    // feed-forward answer and refinement from the calibrated one, where there is a calibration.
    Retopologizer fitter = o.faceOnly() ? retopologizer.forFaceScans()
        : o.correct() ? retopologizer.withoutCalibration() : retopologizer;
    if (o.correct() && !fitter.canCorrect()) {
      throw new IllegalStateException("these weights have no error modes (error-modes.bin); fit them with `topos train error-modes`");
    }
    // Signs of estimated normals from the feed-forward head (calibrated where there is a calibration, as the
    // evaluation's); given normals only where a patch of them faces inward; a turned head levelled where asked.
    Retopologizer guide = o.faceOnly() ? fitter : retopologizer;
    if (o.faceOnly()) { // read where the whole head's scan would lie: of two guesses of that frame, the one that fits
      scan = new PreparedScan(scan.conditioned(), faceFrames().choose(fitter, scan.example(), o.seed()), o, scan.normals(),
          scan.estimatedFrom(), scan.strays());
    }
    ModelInput input = ModelInput.of(scan.example(), scan.estimatedFrom(), guide, fitter,
        o.level() && !o.faceOnly() ? leveling() : null, topology.head(), o.seed());
    ScanPose pose = input.pose();
    VaeExample example = input.scan();
    Retopologizer.Result fit = o.refineSteps() == 0 && !o.correct()
        ? (input.feedForwardBy(fitter) != null ? input.feedForwardBy(fitter) : fitter.feedForward(example, o.seed())) // made already?
        : fitter.refine(example, o.refineSteps(), o.seed(), o.fitScalpAndNeck());
    if (o.correct()) {
      fit = fitter.correct(example, fit);
    }
    float[] metres = example.frame().fromUnit(fit.positions()); // [V*3], topos frame (levelled)
    for (int i = 0; i < metres.length; i++) {
      if (!Float.isFinite(metres[i])) {
        throw new IllegalStateException("the model produced a non-finite coordinate at vertex " + i / 3);
      }
    }
    double parting = 0;
    if (lips != null) {
      LipParting.Result parted = lips.part(metres);
      metres = parted.positions();
      parting = parted.weight();
    }
    if (!pose.isUpright()) {
      metres = pose.unlevel(metres); // back into the scan's pose
    }
    ScanConditioning.Result c = scan.conditioned();
    double fitDistance = fitDistance(c.positions(), topology.head().withPositions(metres));
    float[] positions = c.toInputFrame(metres); // [V*3], the scan's axes and units
    return new Result(topology.head().withPositions(positions), c.units(), c.size(), c.dropped(), o.refineSteps(), parting,
        pose.angleDegrees(), input.repairedShare(), fitDistance);
  }

  /**
   * A quick {@link Result#fitDistance}, metres, for ranking axis conventions ({@link AxisSearch}): the
   * feed-forward answer on the scan as prepared, without the check of its normals for patches wound
   * inward and without levelling (in a wrong convention the check also estimates normals, most of a
   * fit's cost). A scan whose normals were estimated, or a face-only scan, goes the whole way.
   */
  double screenDistance(PreparedScan scan) {
    if (scan.estimatedFrom() > 0 || scan.options().faceOnly()) { // the normals' signs come from the model
      return retopologize(scan).fitDistance();
    }
    VaeExample example = scan.example();
    float[] metres = example.frame().fromUnit(retopologizer.feedForward(example, scan.options().seed()).positions()); // [V*3]
    return fitDistance(scan.conditioned().positions(), topology.head().withPositions(metres));
  }

  /** {@link Result#fitDistance} of {@code points} [P*3] and {@code head}, both in the same frame. */
  static double fitDistance(float[] points, Mesh head) {
    SurfacePoint[] closest = new ClosestPointOnMesh(head).closestAll(points);
    double[] toHead = new double[closest.length];
    for (int i = 0; i < toHead.length; i++) {
      toHead[i] = closest[i].distance();
    }
    float[] vertices = head.positions();
    KdTree scanTree = new KdTree(points);
    double[] toScan = new double[vertices.length / 3];
    for (int v = 0; v < toScan.length; v++) {
      toScan[v] = Math.sqrt(scanTree.nearestDistanceSquared(vertices[3 * v], vertices[3 * v + 1], vertices[3 * v + 2]));
    }
    return Math.min(QuickSelect.kthSmallest(toHead, toHead.length / 2), QuickSelect.kthSmallest(toScan, toScan.length / 2));
  }
}
