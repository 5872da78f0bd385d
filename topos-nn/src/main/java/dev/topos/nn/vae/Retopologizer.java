package dev.topos.nn.vae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.topos.geometry.KdTree;
import dev.topos.geometry.QuickSelect;
import dev.topos.nn.Scalars;
import dev.topos.nn.Scope;
import dev.topos.topology.Region;
import dev.topos.topology.fit.NormalOffsets;
import dev.topos.topology.fit.ShapeModes;
import dev.topos.topology.fit.SurfaceOffsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Scan in, reference topology out: encodes a prepared scan ({@link VaeExample#ofScan}), decodes it,
 * and optionally refines the latent so the decoded surface lies on the scan ({@code --refine},
 * beyond the paper).
 *
 * <p><b>Encoding.</b> The encoder was trained on N = 1,024 points; a scan has more. The latent is
 * the mean of the posterior means of K subsets of M points each ({@link Encoding}; by default one
 * pass over up to 4,096 points, {@link Encoding#DEFAULT}). The attention takes any number of points:
 * more of them estimate its weighted mean with less sampling noise, though they also shift weight
 * from the 323 query tokens (which share the keys and values) to the points, so the input is not
 * quite the training one. It was chosen by measurement: shipped weights, validation heads 64-95 (not
 * used to pick the checkpoint; their scans have 4,096 points, so one pass takes them all), mean
 * per-vertex error: K = 16 subsets of 1,024 points (the default until session 5) 2.412 mm, 4 of
 * 2,048 2.385, 16 of 2,048 2.372, one of 4,096 2.365 mm, which is also the cheapest (4,096 point rows
 * through the encoder instead of 16,384). More than 4,096 (`topos retopo` samples meshes to 8,192)
 * was not measured. Earlier (step 20,000, 24 heads) subsets of 1,024 took 3.15 mm (K = 1) to 2.91
 * (K = 16).
 *
 * <p><b>Refinement.</b> The decoder is frozen; Adam moves the latent z and a placement of the
 * decoded head (a translation t and a uniform log-scale s: {@code x' = e^s x + t}) to minimise
 * <ul>
 *   <li>over the scan points P (unit frame), the distance from each point to the decoded surface:
 *       to its closest point on the triangles, held as a triangle and barycentric weights so that it
 *       moves with the vertices ({@code SurfaceMatches}; session 13; until then the point-to-plane
 *       distance to the nearest vertex plus a quarter of the point-to-point distance, which counts
 *       where the scan point lies between vertices as misfit);
 *   <li>over the decoded vertices, the point-to-plane distance to each vertex's nearest scan point,
 *       weighted {@value #SURFACE_TO_SCAN_WEIGHT}: the other direction, which stops parts of the
 *       head that no scan point picks as nearest from floating off the scan (12 validation heads:
 *       2.38 mm without it, 2.27 mm with weight 0.5);
 *   <li>{@code 0.1 * mean((z - z0)^2)} (mean over the L x C latent entries), which keeps the latent
 *       near the encoder's answer (0.01 until session 13).
 * </ul>
 * The placement is there because the encoder places the head less well than it shapes it (at 5 mm
 * mean error, 3 mm of it was a common offset), while the scan pins the placement down directly; t
 * and s start at 0 and have no prior. In both directions, matches farther than three times the
 * median match distance (hair, leftover shoulders, holes) are ignored; mouth-cavity vertices never
 * take part. Scalp and neck vertices <em>absorb</em>: scan points whose closest surface point lies
 * nearest one of them (its triangle's corner of largest weight) are dropped, and they are not
 * pulled onto the scan, so they follow the rest of the head through the latent. A scalp is usually under hair (a hair cap lies 5-15 mm out, within the outlier
 * limit) and a neck is cut anywhere; pulled onto the scan, they made the refined error worse than
 * the feed-forward one there (12 validation heads, step 20,000: scalp 3.52 to 5.28 mm, neck 3.90
 * to 4.29 mm) and dragged the placement's scale. Absorbing them took the whole-head mean from 2.37
 * to 2.12 mm on those heads.
 *
 * <p><b>Limits</b> ({@link Limits#DEFAULT}, session 4). On the 200 test heads the refinement of
 * sessions 2-3 was worse than feed-forward on average (2.87 vs 2.56 mm): on a few scans, mostly
 * with shoulders left in, the placement drifted (up to 36 mm down, scale up to 1.18) and the head
 * went out of shape (38 mm). Now matches farther than 10 mm are ignored, the placement stays
 * within 5 mm and 2 %, and the iterate that fits the scan best by a fixed, capped measure is
 * returned (the encoder's answer included), not the last one: since session 13 the mean distance
 * from the scan points to the surface, each capped at 10 mm ({@code SurfaceMatches.score}).
 * Validation heads 0-63 (chosen on): refinement was worse than feed-forward (by more than 0.05 mm) on 13 heads without limits (worst
 * +1.42 mm, mean 2.287 mm), on 5 with the match and placement limits (worst +2.59), on 2 with the
 * best iterate too (worst +0.46, mean 2.145; feed-forward 2.469). Heads 64-127 (checked on): 1
 * (worst +0.09), mean 2.131 against 2.431 feed-forward. A quadratic pull towards the encoder's
 * head ({@link Limits#anchorMetres}, off by default) stopped the failures on heads 0-63 but not on
 * 64-127 (mean 2.494, worst +9.34).
 *
 * <p><b>Correction</b> ({@link #correct}, {@code retopo --correct}; session 7). Refinement fits the
 * surface and leaves the error along it (an ideal scan, the true surface: 2.26 mm feed-forward, 1.87
 * refined, 1.67 of it along the surface). With {@link ErrorModes}, a Gaussian over this model's
 * feed-forward error on training heads, the scan's offsets along the vertex normals give the
 * posterior mean of the whole error, along the surface too: test split 2.515 mm feed-forward, 2.164
 * refined, 1.804 corrected (docs/VAE.md). Session 8 made it robust (reweighted passes that see scalp
 * and neck, then the correction's own mean residual): 1.273 mm. Session 9 ends it with {@link
 * ShapeModes}, a Gaussian over the training heads themselves, fitted to the scan from the corrected
 * head ({@link ShapeFit}): where the error modes can only undo this encoder's typical errors, the
 * shape modes place every vertex where a head with that surface has it.
 *
 * <p><b>Calibration</b> ({@link #feedForward}, session 11). With a {@link FeedForwardCalibration}, the
 * feed-forward answer is the network's head plus a linear layer fitted in closed form on the
 * network's answers for training heads: test split 2.515 to 1.983 mm (session 12, refitted on 24,000
 * heads: 1.876 mm). Since session 12 refinement starts from the calibrated head and keeps the
 * calibration's correction of it as a fixed offset while the decoder's latent moves, so it no
 * longer starts behind the feed-forward answer. The correction starts from the network's own head
 * ({@link #encodeDecode}).
 *
 * <p>Letters: V vertices, L tokens, C channels, P points, K subsets, M points per subset.
 */
public final class Retopologizer {
  /** Refinement steps of {@code topos retopo --refine} when no number is given. */
  public static final int DEFAULT_REFINE_STEPS = 60;

  /**
   * Shape passes of {@link #forFaceScans}. A head read from a face alone starts far from the truth,
   * and each pass's robust weights trust only what it already nearly explains, so it takes more
   * passes than {@link ShapeFit#DEFAULT}'s 4: validation heads 0-63 cropped to the face
   * ({@code face-only-fit.jsh}), per-vertex error of the whole head (of the face), mm: 4 passes 3.468
   * (1.125), 8 3.012 (1.025), 12 2.832 (0.985), 16 2.728 (0.963), 24 2.623 (0.941). 16 for the time
   * (about half a second a pass).
   */
  public static final int FACE_SCAN_SHAPE_PASSES = 16;
  // Session 3, validation split, 16 heads: 0.02 gave 3.43 mm, 0.04 3.32, 0.08 3.27; session 13 (the
  // surface term, validation heads 64-95): 0.02 1.505, 0.04 1.497, 0.08 1.495 (prior 0.01).
  private static final double LEARNING_RATE = 0.04;
  private static final double PLACEMENT_LEARNING_RATE = 0.005; // unit frame: under 1 mm per step
  // Session 13, validation heads 64-95 with the surface term: 0.01 gave 1.497 mm, 0.1 1.448, 0.3 1.490, 1 1.568.
  private static final double PRIOR = 0.1;
  // Scans of the face alone ({@link #forFaceScans}) keep session 12's weaker prior: the latent must
  // move far to fit a face from a head read off it (session 13, validation heads 64-87 cropped to the
  // face, whole head / face, mm: feed-forward 7.849 / 3.016; prior 0.1 6.628 / 2.088; 0.01 5.892 / 1.945).
  private static final double FACE_SCAN_PRIOR = 0.01;
  private static final int MAX_REFINE_POINTS = 4096;
  // Session 13, validation heads 64-95 with the surface term and prior 0.1: 0 gave 1.473 mm, 0.5 1.448, 1 1.479.
  static final double SURFACE_TO_SCAN_WEIGHT = 0.5;
  /**
   * The noise of the normal offsets in the first, unweighted pass of {@link #correct}: validation
   * heads 64-79 (one pass, scalp and neck unobserved), 1.5 mm gave 1.88 mm, 3 mm 1.76, 5 mm 1.81.
   */
  static final double CORRECTION_NOISE_METRES = 0.003;
  /**
   * The noise of the reweighted passes of {@link #correct}, and the scale of their weights, and how
   * many passes: chosen on validation heads 64-127 (session 8, docs/VAE.md): noise 2 / 1.5 / 1 / 0.75
   * mm with scale 1.5 / 1 / 0.75 / 0.5 mm and 3 / 4 / 6 / 8 passes gave 1.448 / 1.368 / 1.308 / 1.274
   * mm with scalp and neck observed from the first pass, 1.251 with them left to the reweighted
   * passes (hair scans 1.430 to 1.337: a first pass that sees the hair follows it); 12 passes 1.254,
   * noise 0.5 mm with scale 0.35 mm and 10 passes 1.241 but noisy scans worse (session 7's 2
   * unweighted passes: 1.755).
   */
  static final double CORRECTION_FINE_NOISE_METRES = 0.00075;
  static final double CORRECTION_ROBUST_SCALE_METRES = 0.0005;
  static final int CORRECTION_PASSES = 8;
  /**
   * The shape fit runs only while at least this fraction of the candidate vertices sees the scan:
   * with less, the Gaussian's mean would decide the head (frontal partial scans see about half).
   */
  static final double MIN_SHAPE_SEEN_FRACTION = 0.1;

  /**
   * How {@link #correct} fits the shape modes after the error modes: {@code passes} passes, each
   * observing the scan from the last head (mouth cavity unseen) at the vertices ({@link
   * NormalOffsets}) and, with {@code scanPoints}, at every scan point's closest point on the head
   * ({@link SurfaceOffsets#atScanPoints}), every offset weighted {@code 1 / (1 + (r /
   * robustScale)^2)}, at noise {@code noise} (metres).
   */
  public record ShapeFit(int passes, double noiseMetres, double robustScaleMetres, boolean scanPoints) {
    /**
     * 4 passes, noise 0.25 mm, scale 0.2 mm, scan points observed too: chosen on validation heads
     * 64-127 (session 9, docs/VAE.md; tools/diagnostics/shape-fit.jsh, shape-points.jsh), where the
     * correction without the shape modes is at 1.222 mm. At the vertices alone, 2 passes at 0.25 /
     * 0.2 mm gave 1.075 mm, 3 passes 1.073, 0.35 / 0.25 mm 1.078, 0.2 / 0.15 mm 1.073. With the scan
     * points too, at 0.25 / 0.2 mm: 2 / 3 / 4 / 5 passes 0.970 / 0.941 / 0.928 / 0.922 mm; 2 passes
     * at 0.35 / 0.25 mm 0.965, at 0.2 / 0.15 mm 0.977; 3 passes at 0.35 / 0.25 mm 0.938.
     */
    public static final ShapeFit DEFAULT = new ShapeFit(4, 0.00025, 0.0002, true);

    public ShapeFit {
      if (passes < 1 || !(noiseMetres > 0) || !(robustScaleMetres > 0) || Double.isInfinite(noiseMetres)
          || Double.isInfinite(robustScaleMetres)) {
        throw new IllegalArgumentException("a shape fit needs 1 or more passes and a positive, finite noise and scale: " + passes
            + ", " + noiseMetres + ", " + robustScaleMetres);
      }
    }
  }

  /**
   * What refinement may do, in metres (scans of any frame size get the same limits).
   *
   * @param maxMatchMetres matches (either direction) farther apart than this are ignored, on top of
   *     the three-times-the-median rule: on a scan with shoulders or a torso the median itself grows,
   *     and leftover body then pulled the head down and out of shape
   * @param maxShiftMetres the placement's translation stays within this per axis
   * @param maxLogScale the placement's log-scale stays within +-this
   * @param anchorMetres the scale of a quadratic pull of every vertex back to where the encoder put
   *     it, {@code mean |x - x0|^2 / (2 anchor)} in the unit frame (its slope is that of the data
   *     terms at a move of {@code anchor}); infinite for none
   * @param keepBest return the iterate (the feed-forward answer included) that fits the scan best by
   *     a fixed measure, not the last one: the mean over all scan points of the distance to the
   *     head's surface, each capped at {@code maxMatchMetres} ({@code SurfaceMatches.score})
   */
  public record Limits(double maxMatchMetres, double maxShiftMetres, double maxLogScale, double anchorMetres,
      boolean keepBest) {
    /** 10 mm, 5 mm, 2 %, no anchor, best iterate (see {@link Retopologizer} for how they were chosen). */
    public static final Limits DEFAULT = new Limits(0.010, 0.005, 0.02, Double.POSITIVE_INFINITY, true);
    /** No limits beyond the median rule (the limits of sessions 2 and 3; their loss was another). */
    public static final Limits NONE = new Limits(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
        Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false);

    public Limits {
      if (!(maxMatchMetres > 0) || !(maxShiftMetres >= 0) || !(maxLogScale >= 0) || !(anchorMetres > 0)) {
        throw new IllegalArgumentException("limits must be positive: " + maxMatchMetres + ", " + maxShiftMetres
            + ", " + maxLogScale + ", " + anchorMetres);
      }
    }
  }

  /**
   * How a scan is encoded: the posterior means of {@code subsets} random subsets of {@code points}
   * points each are averaged. A subset never takes fewer points than the model was trained on (a
   * smaller scan repeats points, as in training) nor, above that, more than the scan has.
   */
  public record Encoding(int subsets, int points) {
    /** One pass over up to 4,096 points (see {@link Retopologizer} for how it was chosen). */
    public static final Encoding DEFAULT = new Encoding(1, 4096);

    public Encoding {
      if (subsets < 1 || points < 1) {
        throw new IllegalArgumentException("encoding needs at least 1 subset of 1 point: " + subsets + " x " + points);
      }
    }

    /** Points per subset for a scan of {@code available} points and a model trained on {@code trained}. */
    int pointsFor(int available, int trained) {
      return Math.max(trained, Math.min(points, available));
    }
  }

  private final TopoVae vae;
  private final Region[] regions; // of each reference vertex
  private final int[] candidates; // vertices that scan points may match
  private final int[] pulled; // candidates that the scan pulls on (no scalp, no neck)
  private final int[] candidateTriangles; // [T'*3] the template's triangles with three candidate corners: what scan points match
  private final boolean[] absorbing; // scalp and neck: they take scan points without being pulled
  private final Encoding encoding;
  private final Limits limits;
  private final ErrorModes errorModes; // null: no correction
  private final ShapeModes shapeModes; // null: the correction stops after the error modes
  private final ShapeFit shapeFit;
  private final FeedForwardCalibration calibration; // null: the feed-forward answer is the network's
  private final double latentPrior; // refinement's weight on the mean squared change of the latent

  /**
   * With the default {@link Encoding} and {@link Limits}.
   *
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   */
  public Retopologizer(TopoVae vae, Region[] regions) {
    this(vae, regions, Encoding.DEFAULT, Limits.DEFAULT);
  }

  /**
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   * @param encodeSubsets how many subsets of the model's own N points are encoded and averaged
   */
  public Retopologizer(TopoVae vae, Region[] regions, int encodeSubsets) {
    this(vae, regions, new Encoding(encodeSubsets, vae.config().points()), Limits.DEFAULT);
  }

  /**
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   * @param encodeSubsets how many subsets of the model's own N points are encoded and averaged
   * @param limits what refinement may do
   */
  public Retopologizer(TopoVae vae, Region[] regions, int encodeSubsets, Limits limits) {
    this(vae, regions, new Encoding(encodeSubsets, vae.config().points()), limits);
  }

  /**
   * @param vae the trained model
   * @param regions region of each reference vertex (mouth-cavity vertices are never matched)
   * @param encoding how a scan is encoded
   * @param limits what refinement may do
   */
  public Retopologizer(TopoVae vae, Region[] regions, Encoding encoding, Limits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
    this.encoding = java.util.Objects.requireNonNull(encoding, "encoding");
    this.vae = vae;
    this.regions = regions.clone();
    this.candidates = java.util.stream.IntStream.range(0, regions.length)
        .filter(i -> regions[i] != Region.MOUTH_CAVITY).toArray();
    this.absorbing = new boolean[regions.length];
    for (int i = 0; i < regions.length; i++) {
      absorbing[i] = regions[i] == Region.SCALP || regions[i] == Region.NECK;
    }
    this.pulled = Arrays.stream(candidates).filter(i -> !absorbing[i]).toArray();
    this.candidateTriangles = trianglesWithin(vae.template().triangles(), candidates, regions.length);
    this.errorModes = null;
    this.shapeModes = null;
    this.shapeFit = ShapeFit.DEFAULT;
    this.calibration = null;
    this.latentPrior = PRIOR;
  }

  private Retopologizer(Retopologizer other, ErrorModes errorModes, ShapeModes shapeModes, ShapeFit shapeFit) {
    this(other, other.candidates, other.pulled, errorModes, shapeModes, shapeFit);
  }

  private Retopologizer(Retopologizer other, int[] candidates, int[] pulled, ErrorModes errorModes, ShapeModes shapeModes,
      ShapeFit shapeFit) {
    this.vae = other.vae;
    this.regions = other.regions;
    this.candidates = candidates;
    this.pulled = pulled;
    this.candidateTriangles = candidates == other.candidates ? other.candidateTriangles
        : trianglesWithin(vae.template().triangles(), candidates, regions.length);
    this.absorbing = other.absorbing;
    this.encoding = other.encoding;
    this.limits = other.limits;
    this.errorModes = errorModes;
    this.shapeModes = shapeModes;
    this.shapeFit = shapeFit;
    this.calibration = other.calibration;
    this.latentPrior = other.latentPrior;
  }

  private Retopologizer(Retopologizer other, FeedForwardCalibration calibration) {
    this(other, calibration, other.latentPrior);
  }

  private Retopologizer(Retopologizer other, double latentPrior) {
    this(other, other.calibration, latentPrior);
  }

  private Retopologizer(Retopologizer other, FeedForwardCalibration calibration, double latentPrior) {
    this.vae = other.vae;
    this.regions = other.regions;
    this.candidates = other.candidates;
    this.pulled = other.pulled;
    this.candidateTriangles = other.candidateTriangles;
    this.absorbing = other.absorbing;
    this.encoding = other.encoding;
    this.limits = other.limits;
    this.errorModes = other.errorModes;
    this.shapeModes = other.shapeModes;
    this.shapeFit = other.shapeFit;
    this.calibration = calibration;
    this.latentPrior = latentPrior;
  }

  /**
   * The same retopologizer, whose {@link #feedForward} adds this calibration (fitted for this
   * model) to the decoded head, and whose refinement starts from the calibrated head, keeping the
   * calibration's correction of it as a fixed offset while the latent moves. The correction starts
   * from the network's own head ({@link #encodeDecode}), as its error modes were fitted for it.
   */
  public Retopologizer withCalibration(FeedForwardCalibration calibration) {
    int latentSize = vae.tokens() * vae.config().latentChannels();
    if (calibration.dimension() != 3 * absorbing.length || calibration.latentSize() != latentSize) {
      throw new IllegalArgumentException("the calibration (calibration.bin) was fitted for another model: it covers "
          + calibration.dimension() / 3 + " vertices and a latent of " + calibration.latentSize() + ", the model "
          + absorbing.length + " and " + latentSize + "; refit it with `topos train calibration`");
    }
    return new Retopologizer(this, calibration);
  }

  /** The same retopologizer without its calibration, if it had one: the network's own head everywhere. */
  public Retopologizer withoutCalibration() {
    return calibration == null ? this : new Retopologizer(this, (FeedForwardCalibration) null);
  }

  /** Whether each reference vertex lies in {@code region}, [V]. */
  public boolean[] regionMask(Region region) {
    return Region.mask(regions, region);
  }

  /** Whether {@link #feedForward} calibrates the network's head (and refinement starts from it). */
  public boolean isCalibrated() {
    return calibration != null;
  }

  /** The same retopologizer, whose {@link #correct} uses these error modes (fitted for this model). */
  public Retopologizer withErrorModes(ErrorModes modes) {
    if (modes.dimension() != 3 * absorbing.length) {
      throw new IllegalArgumentException("error modes cover " + modes.dimension() / 3 + " vertices, the model " + absorbing.length);
    }
    return new Retopologizer(this, modes, shapeModes, shapeFit);
  }

  /**
   * The same retopologizer, whose {@link #correct} then fits these shape modes (a Gaussian over
   * heads; they depend on the training data, not on the weights) with the default {@link ShapeFit}.
   */
  public Retopologizer withShapeModes(ShapeModes modes) {
    return withShapeModes(modes, ShapeFit.DEFAULT);
  }

  /** {@link #withShapeModes(ShapeModes)} with these fitting settings. */
  public Retopologizer withShapeModes(ShapeModes modes, ShapeFit fit) {
    if (modes.dimension() != 3 * absorbing.length) {
      throw new IllegalArgumentException("shape modes cover " + modes.dimension() / 3 + " vertices, the model " + absorbing.length);
    }
    return new Retopologizer(this, errorModes, modes, java.util.Objects.requireNonNull(fit, "fit"));
  }

  /**
   * The same retopologizer with the scan matched to the vertices of these regions alone, in
   * refinement and in the correction: for a scan of part of the head, such as the face alone
   * ({@code retopo --face-only}), whose edge would otherwise catch the vertices beyond it (a face
   * mask's lower rim pulled the neck up to the jaw). The mouth cavity is never matched.
   *
   * <p>What the rest of the head then gets: refinement moves it with the matched part (there is no
   * scalp or neck to pull, so {@code fitScalpAndNeck} changes nothing); the correction's residual
   * mean is added whole to every unmatched vertex, as to the never-seen mouth cavity; the shape fit's
   * {@link #MIN_SHAPE_SEEN_FRACTION} counts the matched vertices alone.
   *
   * @param observed regions whose vertices may be matched; at least one vertex of them must lie
   *     outside the scalp, the neck and the mouth cavity (those alone would pull nothing)
   */
  public Retopologizer observingOnly(java.util.Set<Region> observed) {
    int[] kept = Arrays.stream(candidates).filter(i -> observed.contains(regions[i])).toArray();
    int[] keptPulled = Arrays.stream(kept).filter(i -> !absorbing[i]).toArray();
    if (keptPulled.length == 0) {
      throw new IllegalArgumentException("no vertex the scan could pull on in " + observed + " (scalp, neck and mouth cavity are not pulled)");
    }
    if (trianglesWithin(vae.template().triangles(), kept, regions.length).length == 0) {
      throw new IllegalArgumentException("no triangle of the head lies wholly in " + observed + ": the scan has no surface to match");
    }
    return new Retopologizer(this, kept, keptPulled, errorModes, shapeModes, shapeFit);
  }

  /**
   * The retopologizer for a scan of the face alone ({@code retopo --face-only}, read in {@link
   * dev.topos.topology.pyramid.FaceScanFrame}): matched to {@link
   * dev.topos.topology.pyramid.FaceScanFrame#REGIONS} alone ({@link #observingOnly}), and with shape
   * modes, {@link #FACE_SCAN_SHAPE_PASSES} shape passes, since such a head starts farther from the
   * truth than one read from a whole scan; and refinement with session 12's weaker latent prior, 0.01
   * (the latent must move farther). Call it last: a later {@link #withShapeModes} sets the
   * passes back to its own. Without a {@link FeedForwardCalibration}: it was fitted on whole scans.
   */
  public Retopologizer forFaceScans() {
    Retopologizer matched = new Retopologizer(new Retopologizer(observingOnly(dev.topos.topology.pyramid.FaceScanFrame.REGIONS), null),
        FACE_SCAN_PRIOR);
    return shapeModes == null ? matched : new Retopologizer(matched, errorModes, shapeModes,
        new ShapeFit(FACE_SCAN_SHAPE_PASSES, shapeFit.noiseMetres(), shapeFit.robustScaleMetres(), shapeFit.scanPoints()));
  }

  /** Whether {@link #correct} can run (error modes were given). */
  public boolean canCorrect() {
    return errorModes != null;
  }

  /**
   * Corrects a head by the learned error modes ({@link ErrorModes}), robustly: the scan's offsets
   * from the head along its vertex normals (matches within {@link Limits#maxMatchMetres}; scalp, neck
   * and mouth cavity unobserved in this first pass, as in refinement) give the posterior mean of the
   * head's error, which is added to every vertex; then, {@link #CORRECTION_PASSES} passes in all,
   * the scan is observed again from the corrected head, scalp and neck included, and each offset
   * weighted by how well the corrected head already explains it ({@code 1 / (1 + (r / c)^2)}, r the
   * scan's remaining offset, c {@link #CORRECTION_ROBUST_SCALE_METRES}), at the finer noise {@link
   * #CORRECTION_FINE_NOISE_METRES}. Hair, leftover body and scanner outliers, which no head
   * explains, fade out; scalp and neck are fitted where the scan shows skin. Last, the modes'
   * {@link ErrorModes#residualMean} (what this correction leaves on average) is added, along the
   * surface only except in the mouth cavity. The modes
   * are fitted on the feed-forward error, so this is meant for the feed-forward head (on a refined
   * head it was weaker: see docs/VAE.md).
   *
   * @param head a result of this retopologizer for {@code scan} (unit frame)
   *
   * <p>With {@link #withShapeModes} the corrected head then goes through {@link ShapeFit#passes()}
   * passes of the shape modes ({@link ShapeModes#fit}): each observes the scan from the last head
   * (mouth cavity unseen) at the vertices and at the scan points' closest points, weights each offset {@code 1 / (1 + (r / c)^2)} ({@link
   * ShapeFit#robustScaleMetres()}) and takes the most probable head given them; it is skipped when
   * fewer than {@link #MIN_SHAPE_SEEN_FRACTION} of the candidate vertices see the scan.
   *
   * @return the corrected positions (unit frame) with the head's latent and placement, which no
   *     longer decode to them
   */
  public Result correct(VaeExample scan, Result head) {
    return correct(scan, head, CORRECTION_PASSES);
  }

  /**
   * {@link #correct(VaeExample, Result)} with {@code passes} error-mode passes (the shape fit, if any,
   * runs its own {@link ShapeFit#passes()} after them): each observes the scan from the
   * head the previous one made (nearer matches, truer normals) and re-estimates the error of the
   * given head (an iterated, reweighted Kalman update); the first is unweighted, at {@link
   * #CORRECTION_NOISE_METRES}.
   */
  public Result correct(VaeExample scan, Result head, int passes) {
    return correctInStages(scan, head, passes).corrected();
  }

  /**
   * {@link #correct(VaeExample, Result, int)} with the default passes, returning the error-mode
   * stage's head too.
   */
  public Correction correctInStages(VaeExample scan, Result head) {
    return correctInStages(scan, head, CORRECTION_PASSES);
  }

  /** {@link #correct(VaeExample, Result, int)}, returning the error-mode stage's head too. */
  public Correction correctInStages(VaeExample scan, Result head, int passes) {
    if (errorModes == null) {
      throw new IllegalStateException("no error modes: use withErrorModes first");
    }
    if (passes < 1) {
      throw new IllegalArgumentException("passes must be 1 or more, got " + passes);
    }
    dev.topos.topology.pyramid.VaeFrame frame = scan.frame();
    ScanPoints points = ScanPoints.of(scan);
    float[] byErrorModes = byErrorModes(frame.fromUnit(head.positions()), points, passes); // [V*3] metres
    Result stage = new Result(frame.toUnit(byErrorModes), head.latent(), head.placement());
    if (shapeModes == null) {
      return new Correction(stage, stage);
    }
    float[] shaped = fitShapeModes(byErrorModes, points); // [V*3] metres
    return new Correction(stage, new Result(frame.toUnit(shaped), head.latent(), head.placement()));
  }

  /**
   * The two stages of {@link #correct(VaeExample, Result, int)}, both in the unit frame with the
   * given head's latent and placement.
   *
   * @param byErrorModes the head after the error-mode passes and the residual mean
   * @param corrected the whole correction: that head after the shape fit (the same head without shape modes)
   */
  public record Correction(Result byErrorModes, Result corrected) {}

  /** The error-mode stage: from {@code start} [V*3] metres, the corrected head [V*3] metres. */
  private float[] byErrorModes(float[] start, ScanPoints points, int passes) {
    boolean[] pulledOnly = new boolean[absorbing.length]; // the first pass: what refinement pulls
    for (int v : pulled) {
      pulledOnly[v] = true;
    }
    boolean[] everyCandidate = everyCandidate(); // the reweighted passes: scalp and neck too
    float[] current = start;
    for (int pass = 0; pass < passes; pass++) {
      float[] normals = dev.topos.geometry.Mesh.ofTriangles(current, vae.template().triangles()).vertexNormals(); // [V*3]
      NormalOffsets seen = NormalOffsets.observe(current, normals, pass == 0 ? pulledOnly : everyCandidate, points.tree(), points.xyz(), points.normals(),
          limits.maxMatchMetres());
      double[] fromStart = seen.offsets().clone(); // the scan's offset from the given head, along the current normals
      for (int m = 0; m < seen.count(); m++) {
        int v = seen.vertices()[m];
        for (int c = 0; c < 3; c++) {
          fromStart[m] += seen.normals()[3 * m + c] * (current[3 * v + c] - start[3 * v + c]);
        }
      }
      NormalOffsets fromGiven = new NormalOffsets(seen.vertices(), seen.normals(), fromStart);
      current = pass == 0
          ? errorModes.correct(start, fromGiven, CORRECTION_NOISE_METRES) // unweighted
          : errorModes.correct(start, fromGiven, CORRECTION_FINE_NOISE_METRES, robustWeights(seen.offsets(), CORRECTION_ROBUST_SCALE_METRES));
    }
    // What the correction leaves on average (zeros if not fitted), along the surface only where a scan
    // can be seen: its part along the normal would move the fitted surface off the scan (validation
    // heads 64-127: per vertex 1.252 -> 1.222 mm, vertices to the true surface 0.403 mm either way; the
    // whole mean 1.220 but 0.413). The mouth cavity, which no scan sees, takes it whole.
    float[] bias = errorModes.residualMean(); // [V*3]
    float[] normals = dev.topos.geometry.Mesh.ofTriangles(current, vae.template().triangles()).vertexNormals(); // [V*3]
    for (int v = 0; v < everyCandidate.length; v++) {
      double along = everyCandidate[v]
          ? bias[3 * v] * normals[3 * v] + bias[3 * v + 1] * normals[3 * v + 1] + bias[3 * v + 2] * normals[3 * v + 2]
          : 0;
      for (int c = 0; c < 3; c++) {
        current[3 * v + c] += (float) (bias[3 * v + c] - along * normals[3 * v + c]);
      }
    }
    return current;
  }

  /**
   * The shape stage: {@link ShapeFit#passes()} fits of the shape modes to the scan from {@code start}
   * [V*3] metres (not changed), the fitted head [V*3] metres; stops early, keeping the last head,
   * when fewer than {@link #MIN_SHAPE_SEEN_FRACTION} of the candidate vertices see the scan.
   */
  private float[] fitShapeModes(float[] start, ScanPoints points) {
    float[] current = start;
    boolean[] everyCandidate = everyCandidate();
    // At most MAX_REFINE_POINTS scan points, evenly strided (the scan's order is the sampler's, in
    // no spatial order): the settings were chosen on 4,096-point scans, and every point is a row of
    // the solve, so a denser scan would weigh the data more against the prior and cost more.
    float[] shapePoints = strided(points.xyz(), MAX_REFINE_POINTS); // [P'*3] metres
    float[] shapePointNormals = strided(points.normals(), MAX_REFINE_POINTS); // [P'*3]
    // The shape modes then place the vertices as a head would have them, given the scan's offsets
    // (session 9: validation heads 64-127, 1.222 -> 0.928 mm; see ShapeFit.DEFAULT).
    for (int pass = 0; pass < shapeFit.passes(); pass++) {
      float[] shapeNormals = dev.topos.geometry.Mesh.ofTriangles(current, vae.template().triangles()).vertexNormals(); // [V*3]
      NormalOffsets seen = NormalOffsets.observe(current, shapeNormals, everyCandidate, points.tree(), points.xyz(), points.normals(),
          limits.maxMatchMetres());
      if (seen.count() < MIN_SHAPE_SEEN_FRACTION * candidates.length) {
        break; // too little of the scan near the head: the prior's mean would speak, not the scan
      }
      SurfaceOffsets observed = SurfaceOffsets.atVertices(seen);
      if (shapeFit.scanPoints()) {
        observed = observed.concat(SurfaceOffsets.atScanPoints(current, vae.template().triangles(), everyCandidate, shapePoints,
            shapePointNormals, limits.maxMatchMetres()));
      }
      current = shapeModes.fit(current, observed, robustWeights(observed.offsets(), shapeFit.robustScaleMetres()),
          shapeFit.noiseMetres());
    }
    return current;
  }

  /** The scan's points and normals in metres, with a search tree over the points built once for every pass. */
  private record ScanPoints(float[] xyz, float[] normals, KdTree tree) {
    static ScanPoints of(VaeExample scan) {
      float[] xyz = scan.scanMetres(); // [P*3]
      return new ScanPoints(xyz, scan.scanNormals(), new KdTree(xyz));
    }
  }

  /** Every candidate vertex (all but the mouth cavity), as a mask [V]. */
  private boolean[] everyCandidate() {
    boolean[] mask = new boolean[absorbing.length];
    for (int v : candidates) {
      mask[v] = true;
    }
    return mask;
  }

  /** At most {@code max} of the xyz triples in {@code values}, [P*3]: every one if they fit, else evenly strided. */
  static float[] strided(float[] values, int max) {
    int p = values.length / 3;
    if (p <= max) {
      return values;
    }
    float[] out = new float[3 * max];
    for (int i = 0; i < max; i++) {
      System.arraycopy(values, 3 * (int) ((long) i * p / max), out, 3 * i, 3);
    }
    return out;
  }

  /** Each offset's weight {@code 1 / (1 + (r / scale)^2)}, r the offset from the current head (what it leaves unexplained). */
  private static double[] robustWeights(double[] offsets, double scale) {
    double[] weights = new double[offsets.length]; // [M]
    for (int m = 0; m < weights.length; m++) {
      double unexplained = offsets[m] / scale;
      weights[m] = 1 / (1 + unexplained * unexplained);
    }
    return weights;
  }

  /**
   * The result in the scan's unit frame.
   *
   * @param positions decoded (and placed) vertex positions, [V*3], unit frame
   * @param latent the latent used, [L*C]
   * @param placement {tx, ty, tz, log-scale} applied to the decoded head (zeros without refinement)
   */
  public record Result(float[] positions, float[] latent, float[] placement) {}

  /** The network alone: averaged encoder means, then decoder (point subsets drawn from seed). */
  public Result encodeDecode(VaeExample scan, long seed) {
    return encodeAndRefine(scan, 0, seed, false);
  }

  /**
   * The feed-forward answer: {@link #encodeDecode}, then the {@link FeedForwardCalibration} if one
   * was given ({@link #withCalibration}); the latent is the encoder's either way.
   */
  public Result feedForward(VaeExample scan, long seed) {
    return calibrate(encodeDecode(scan, seed));
  }

  /** The network's answer ({@link #encodeDecode}) with the calibration added, if there is one. */
  public Result calibrate(Result network) {
    if (calibration == null) {
      return network;
    }
    float[] head = calibration.apply(network.positions(), network.latent());
    return new Result(head, network.latent(), network.placement());
  }

  /**
   * The feed-forward answer ({@link #feedForward}), then {@code steps} refinement steps from it (0 =
   * none); scalp and neck follow.
   */
  public Result refine(VaeExample scan, int steps, long seed) {
    return refine(scan, steps, seed, false);
  }

  /**
   * The feed-forward answer ({@link #feedForward}), then {@code steps} refinement steps from it (0 =
   * none).
   *
   * @param fitScalpAndNeck pull the scalp and the neck onto the scan too (for a bald, clean scan
   *     whose neck is part of the head); by default they follow the rest of the head
   */
  public Result refine(VaeExample scan, int steps, long seed, boolean fitScalpAndNeck) {
    return steps <= 0 ? feedForward(scan, seed) : encodeAndRefine(scan, steps, seed, fitScalpAndNeck);
  }

  /** Encodes, decodes, then (steps &gt; 0) refines from the feed-forward answer; with 0 steps, the network's own head. */
  private Result encodeAndRefine(VaeExample scan, int steps, long seed, boolean fitScalpAndNeck) {
    int available = scan.pointCount();
    int perSubset = encoding.pointsFor(available, vae.config().points());
    int k = perSubset == available ? 1 : encoding.subsets(); // subsets of the whole scan would all be equal
    SplittableRandom rng = new SplittableRandom(seed);
    float[] input = new float[k * perSubset * 6];
    for (int i = 0; i < k; i++) {
      System.arraycopy(scan.subsample(perSubset, rng), 0, input, i * perSubset * 6, perSubset * 6);
    }
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray points = scope.create(input, new Shape(k, perSubset, 6)); // [K, M, 6]
      NDArray z0 = vae.encode(points).mean().mean(new int[] {0}, true); // [1, L, C]
      float[] z0Values = z0.toFloatArray();
      float[] networkHead = positionsOf(vae.decode(z0).toFloatArray()); // [V*3] the network's head
      if (steps <= 0) {
        return new Result(networkHead, z0Values, new float[4]);
      }
      // With a calibration, refinement starts from the calibrated head and keeps the calibration's
      // correction of it as a fixed offset: the decoder's latent moves, the offset does not (a
      // calibration re-applied to every iterate, gradients through it, made the latent's moves
      // reach far more of the head and fitted the scan worse per vertex: docs/VAE.md, session 12).
      float[] startValues = calibration == null ? networkHead : calibration.apply(networkHead, z0Values); // [V*3] where refinement starts
      NDArray offset = null; // [V, 3] the calibration's correction of the feed-forward head
      if (calibration != null) {
        float[] d = new float[startValues.length];
        for (int j = 0; j < d.length; j++) {
          d[j] = startValues[j] - networkHead[j];
        }
        offset = scope.create(d, new Shape(d.length / 3, 3));
      }
      float[] target = scan.scanPoints().length / 6 > MAX_REFINE_POINTS
          ? scan.subsample(MAX_REFINE_POINTS, rng) : scan.scanPoints();
      int p = target.length / 6;
      float[] targetXyz = columns(target, 0); // [P*3]
      double unitsPerMetre = 1 / scan.frame().scale();
      double maxMatch = limits.maxMatchMetres() * unitsPerMetre;
      float maxShift = (float) Math.min(limits.maxShiftMetres() * unitsPerMetre, Float.MAX_VALUE);
      float maxLogScale = (float) Math.min(limits.maxLogScale(), Float.MAX_VALUE);
      NDArray targetArray = scope.create(targetXyz, new Shape(p, 3)); // [P, 3]
      KdTree targetTree = new KdTree(targetXyz);
      boolean[] absorbingUnlessFitted = fitScalpAndNeck ? null : absorbing; // scalp and neck take no scan points unless asked
      NDArray anchor = scope.create(z0Values, z0.getShape()); // [1, L, C]
      NDArray start = scope.create(startValues, new Shape(startValues.length / 3, 3)); // [V, 3]
      float anchorWeight = (float) (1 / (2 * limits.anchorMetres() * unitsPerMetre)); // 0 when infinite
      float[] z = z0Values.clone();
      float[] m = new float[z.length];
      float[] v = new float[z.length];
      float[] pose = new float[4]; // tx, ty, tz, log-scale
      float[] poseM = new float[4];
      float[] poseV = new float[4];
      double bestScore = Double.POSITIVE_INFINITY;
      float[] bestZ = null;
      float[] bestPose = null;
      try {
        for (int it = 1; it <= steps && !diverged(z); it++) {
          try (NDManager step = scope.newSubManager()) {
            NDArray latent = step.create(z, z0.getShape()); // [1, L, C]
            latent.setRequiresGradient(true);
            NDArray placement = step.create(pose, new Shape(4)); // [4]
            placement.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
              NDArray out = vae.decode(latent).get(0); // [V, 6]
              NDArray xyz = place(offsetBy(out.get(":, 0:3"), offset), placement); // [V, 3]
              NDArray normals = out.get(":, 3:6"); // [V, 3]
              normals = normals.div(normals.norm(new int[] {1}, true).add(1e-8f)); // [V, 3] unit
              float[] decoded = xyz.toFloatArray();
              if (!allFinite(decoded)) { // a step went astray: keep what came before (checked below)
                Arrays.fill(z, Float.NaN);
                break;
              }
              SurfaceMatches matches =
                  SurfaceMatches.match(decoded, candidateTriangles, targetXyz, absorbingUnlessFitted, maxMatch);
              if (limits.keepBest() && matches.score() < bestScore) { // this step's iterate, before its update
                bestScore = matches.score();
                bestZ = z.clone();
                bestPose = pose.clone();
              }
              NDArray loss = Scalars.times(latent.sub(anchor).square().mean(), (float) latentPrior); // [] mean squared latent change
              if (anchorWeight > 0) {
                loss = loss.add(Scalars.times(xyz.sub(start).square().sum(new int[] {1}).mean(), anchorWeight)); // []
              }
              if (matches.count() > 0) { // none within the limits: nothing to fit this way this step
                NDArray offsets = matches.matchedPoints(step, targetArray).sub(matches.closestPoints(step, xyz)); // [M, 3]
                loss = loss.add(offsets.square().sum(new int[] {1}).add(1e-12f).sqrt().mean()); // [] point-to-surface
              }
              Matches toScan = new Matches(step, vertexToScan(decoded, targetTree, fitScalpAndNeck, maxMatch));
              if (toScan.count() > 0) {
                NDArray back = toScan.offsets(targetArray, xyz, latent) // [V', 3] scan point - its vertex
                    .mul(toScan.atVertices(normals)).sum(new int[] {1}).abs().mean(); // []
                loss = loss.add(Scalars.times(back, (float) SURFACE_TO_SCAN_WEIGHT)); // []
              }
              gc.backward(loss.add(Scalars.times(placement.sum(), 0f))); // the placement takes part even without matches
            }
            try (NDArray g = latent.getGradient(); NDArray gp = placement.getGradient()) {
              adam(z, g.toFloatArray(), m, v, it, LEARNING_RATE);
              adam(pose, gp.toFloatArray(), poseM, poseV, it, PLACEMENT_LEARNING_RATE);
              for (int a = 0; a < 3; a++) {
                pose[a] = Math.max(-maxShift, Math.min(maxShift, pose[a]));
              }
              pose[3] = Math.max(-maxLogScale, Math.min(maxLogScale, pose[3]));
              if (!allFinite(z) || !allFinite(pose)) { // a non-finite gradient: stop, keep what came before
                Arrays.fill(z, Float.NaN);
              }
            }
          }
        }
      } finally {
        vae.parameters().zeroGradients(); // the frozen decoder's parameters collected gradients too
      }
      float[] placed = null;
      if (!diverged(z) && allFinite(pose)) {
        NDArray finalOut = vae.decode(scope.create(z, z0.getShape())).get(0); // [V, 6]
        placed = place(offsetBy(finalOut.get(":, 0:3"), offset), scope.create(pose, new Shape(4))).toFloatArray(); // [V*3]
        if (!allFinite(placed)
            || (limits.keepBest()
                && SurfaceMatches.match(placed, candidateTriangles, targetXyz, absorbingUnlessFitted, maxMatch).score() > bestScore)) {
          placed = null;
        }
      }
      if (placed != null) {
        return new Result(placed, z, pose);
      }
      if (bestZ == null) { // diverged before any iterate was scored: the feed-forward answer
        return new Result(startValues, z0Values, new float[4]);
      }
      placed = place(offsetBy(vae.decode(scope.create(bestZ, z0.getShape())).get(0).get(":, 0:3"), offset),
          scope.create(bestPose, new Shape(4))).toFloatArray(); // [V*3]
      return new Result(placed, bestZ, bestPose);
    }
  }

  /** Three columns, from {@code offset}, of rows of six (xyz then normal): [P*6] -> [P*3]. */
  private static float[] columns(float[] rows, int offset) {
    int p = rows.length / 6;
    float[] out = new float[3 * p];
    for (int i = 0; i < p; i++) {
      System.arraycopy(rows, 6 * i + offset, out, 3 * i, 3);
    }
    return out;
  }

  /** The feed-forward head corrected by the error modes ({@link #correct(VaeExample, Result)}). */
  public Result correct(VaeExample scan, long seed) {
    return correct(scan, encodeDecode(scan, seed));
  }

  private static boolean diverged(float[] z) {
    return z.length > 0 && Float.isNaN(z[0]);
  }

  private static boolean allFinite(float[] values) {
    for (float x : values) {
      if (!Float.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** The decoded head [V, 3] plus the calibration's offset [V, 3], if there is one. */
  private static NDArray offsetBy(NDArray xyz, NDArray offset) {
    return offset == null ? xyz : xyz.add(offset); // [V, 3]
  }

  /** {@code e^s x + t} for positions x [V, 3] and placement {tx, ty, tz, s} [4]. */
  private static NDArray place(NDArray xyz, NDArray placement) {
    NDArray scale = placement.get("3:4").exp(); // [1]
    return xyz.mul(scale).add(placement.get("0:3")); // [V, 3]
  }

  /** The triangles [T*3] whose three corners are all among {@code vertices} (of {@code vertexCount}), [T'*3]. */
  private static int[] trianglesWithin(int[] triangles, int[] vertices, int vertexCount) {
    boolean[] inside = new boolean[vertexCount];
    for (int v : vertices) {
      inside[v] = true;
    }
    return dev.topos.geometry.TriangleSubset.within(triangles, inside);
  }

  /**
   * The squared distance beyond which a match is dropped: three times the median match distance
   * (hair, holes, leftover body), and never beyond {@code maxMatch}.
   *
   * @param d2 squared match distances (left as they were)
   */
  static double matchLimitSquared(double[] d2, double maxMatch) {
    return Math.min(9 * QuickSelect.kthSmallest(d2, d2.length / 2), maxMatch * maxMatch);
  }

  /** Decodes a latent [L*C] to vertex positions [V*3] (unit frame). */
  public float[] decode(float[] latent) {
    try (NDManager scope = NDManager.newBaseManager()) {
      NDArray z = scope.create(latent, new Shape(1, vae.tokens(), vae.config().latentChannels())); // [1, L, C]
      return positionsOf(vae.decode(z).toFloatArray());
    }
  }

  /** Matched (vertex, scan point) pairs as index tensors [M], made once per step for every gather. */
  private record Matches(NDArray vertices, NDArray points) {
    Matches(NDManager step, int[][] match) {
      this(index(step, match[0]), index(step, match[1]));
    }

    long count() {
      return vertices.size();
    }

    /** Rows of a per-vertex tensor [V, 3] at the matched vertices, [M, 3]. */
    NDArray atVertices(NDArray perVertex) {
      return perVertex.get(new NDIndex("{}", vertices));
    }

    /** Scan point minus its matched vertex, [M, 3], in the latent's scope. */
    NDArray offsets(NDArray scanPoints, NDArray xyz, NDArray latent) {
      NDArray pts = Scope.into(scanPoints.get(new NDIndex("{}", points)), latent); // [M, 3]
      return pts.sub(atVertices(xyz)); // [M, 3]
    }

    private static NDArray index(NDManager manager, int[] indices) {
      return manager.create(Arrays.stream(indices).asLongStream().toArray()); // [M]
    }
  }

  /** For each pulled vertex (each candidate with fitAll): its nearest scan point; {vertex[], point[]}. */
  private int[][] vertexToScan(float[] vertices, KdTree scanTree, boolean fitAll, double maxMatch) {
    int[] from = fitAll ? candidates : pulled;
    int[] point = new int[from.length];
    double[] d2 = new double[from.length];
    scanTree.nearestAll(positionsOf(vertices, from), point, d2);
    return keepNear(from.clone(), point, d2, maxMatch);
  }

  /** The matches within three times the median match distance and within maxMatch; {vertex[], point[]}. */
  private static int[][] keepNear(int[] vertex, int[] point, double[] d2, double maxMatch) {
    double limit = matchLimitSquared(d2, maxMatch);
    int[] vs = new int[vertex.length];
    int[] ps = new int[vertex.length];
    int k = 0;
    for (int i = 0; i < vertex.length; i++) {
      if (d2[i] <= limit) {
        vs[k] = vertex[i];
        ps[k] = point[i];
        k++;
      }
    }
    return new int[][] {Arrays.copyOf(vs, k), Arrays.copyOf(ps, k)};
  }

  private static float[] positionsOf(float[] vertices, int[] which) {
    float[] out = new float[3 * which.length];
    for (int i = 0; i < which.length; i++) {
      System.arraycopy(vertices, 3 * which[i], out, 3 * i, 3);
    }
    return out;
  }

  private static void adam(float[] z, float[] g, float[] m, float[] v, int t, double learningRate) {
    double c1 = 1 - Math.pow(0.9, t);
    double c2 = 1 - Math.pow(0.999, t);
    for (int i = 0; i < z.length; i++) {
      m[i] = (float) (0.9 * m[i] + 0.1 * g[i]);
      v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]);
      z[i] -= (float) (learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
    }
  }

  /** Positions [V*3] of a decoder output [1, V, 6]. */
  static float[] positionsOf(float[] out) {
    return VaeTrainTask.positions(out);
  }
}
