package dev.topos.topology.fit;

import dev.topos.geometry.KdTree;
import dev.topos.geometry.Normals;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.Similarity;
import dev.topos.geometry.Umeyama;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadSpace;
import dev.topos.topology.space.LinearHeadFit;
import java.util.Objects;

/**
 * Retopology baseline 2: the regularised least-squares fit of the linear head space (the base head
 * plus a free combination of all 787 MakeHuman targets plus a translation, as {@link LinearHeadFit}
 * defines it) to a scan, by non-rigid ICP inside a similarity transform.
 *
 * <p><b>Frames and units.</b> As {@link MeanHeadFit}: scan points in metres, +Y up, face along +Z,
 * roughly canonical, possibly partial; the head is fitted in the head frame and returned in the
 * scan's frame through the similarity {@code x -> s R x + t} (t in metres). Distances in the options
 * are head-frame metres.
 *
 * <p><b>Method.</b> Start from {@link MeanHeadFit}'s similarity and the reference head. Then, for
 * {@link Options#iterations} rounds:
 * <ol>
 *   <li>Correspondences: each head vertex, placed in the scan frame, gets its nearest scan point.
 *       It is valid only if the distance is below the trimmed threshold
 *       {@code max(minThresholdMetres, thresholdFactor * median)} (median over the vertices whose
 *       normals agree), the scan normal agrees with the vertex normal within
 *       {@link Options#maxNormalAngleDegrees} (scans without normals skip this test; inward normals
 *       are detected and flipped), and the scan point is not on the scan's rim (neck cut, edge of a
 *       partial scan, edge of a hole: see {@code ScanBoundary}), where a vertex usually has no
 *       counterpart. Other vertices are "missing". Exception: a vertex on the head's own open
 *       boundary (on the reference head, the 42-vertex neck cut loop) is matched to the nearest rim
 *       point of the scan when one lies within {@code max(threshold, rimMatchMetres)}, which pins
 *       the neck cut to the scan's cut; surfaces alone let the vertices of a cylindrical neck slide
 *       (a scan cut more than that below the reference's cut leaves the neck to the surface terms).
 *   <li>Similarity (if {@link Options#reestimateSimilarity}): Umeyama from the valid vertices to
 *       their scan points.
 *   <li>Targets, EM style: a valid vertex's target is its scan point, taken into the head frame by
 *       the inverse similarity, projected onto the line through the vertex along the scan normal
 *       (point-to-plane, so the targets do not snap to the discrete scan samples; rim matches and
 *       scans without normals use the point itself); a missing vertex's target is its current
 *       position, so the space extrapolates it from the rest.
 *   <li>Solve: the head becomes the linear space's ridge least-squares fit to the targets. The
 *       ridge weight anneals geometrically from {@link Options#initialRidge} (stiff: only the
 *       dominant shape modes move, so early, wrong correspondences cannot twist the head) to
 *       {@link Options#ridge} over the first two thirds of the rounds and stays there. The normal
 *       matrix is eigendecomposed once (see {@code SpectralRidgeFit}), so every round, at any
 *       weight, costs tens of milliseconds; at a fixed weight the solve equals {@link LinearHeadFit}'s.
 *       The head then moves {@link Options#relaxation} times the way to that solution
 *       (over-relaxation speeds up the slow EM convergence of the missing vertices).
 * </ol>
 *
 * <p>Building the basis costs about 4 s; build one {@code LinearSpaceFit} and share it
 * ({@link #withOptions} keeps the basis). A fit then takes about one second on one core. Immutable
 * and thread-safe. Deterministic: the same scan gives bit-identical results.
 */
public final class LinearSpaceFit {
  /**
   * Most scan points used; denser scans are thinned by a fixed stride (100,000 points leave about
   * 0.6 per square millimetre on the 0.167 m² reference head, far denser than its 4,368 vertices).
   */
  public static final int MAX_SCAN_POINTS = 100_000;

  /**
   * Settings of the fit.
   *
   * @param ridge final Tikhonov weight of the space coefficients, relative to the mean diagonal of
   *     the normal matrix as in {@link LinearHeadFit}; larger keeps the head nearer the MakeHuman base
   *     shape (default 1e-6; an in-span head is reproduced to 0.16 mm at this weight)
   * @param initialRidge the weight of the first round, annealed down to {@code ridge}; equal to
   *     {@code ridge} for no annealing (default 1e-4)
   * @param iterations non-rigid ICP rounds (default 40)
   * @param relaxation over-relaxation of each round's update, in (0, 2): the head moves this
   *     multiple of the way from its current shape to the round's solution. Above 1 it speeds up
   *     the slow EM convergence of the imputed (missing) vertices (default 1.5)
   * @param thresholdFactor a correspondence is valid below this multiple of the median
   *     correspondence distance... (default 3)
   * @param minThresholdMetres ...or below this distance, whichever is larger, metres (default 0.01)
   * @param rimMatchMetres how far a head boundary vertex looks for a scan rim point, metres (at least
   *     the threshold; default 0.025)
   * @param maxNormalAngleDegrees largest angle between a vertex normal and its scan point's normal;
   *     180 disables the test (default 60)
   * @param reestimateSimilarity whether every round re-estimates the similarity (default true)
   * @param alignment settings of the initial similarity alignment ({@link MeanHeadFit})
   */
  public record Options(double ridge, double initialRidge, int iterations, double relaxation, double thresholdFactor,
      double minThresholdMetres, double rimMatchMetres, double maxNormalAngleDegrees,
      boolean reestimateSimilarity, MeanHeadFit.Options alignment) {
    public Options {
      if (!(ridge > 0) || Double.isInfinite(ridge) || !(initialRidge > 0) || Double.isInfinite(initialRidge)) {
        throw new IllegalArgumentException("ridge weights must be positive and finite: " + ridge + ", " + initialRidge);
      }
      if (iterations < 0) {
        throw new IllegalArgumentException("iterations = " + iterations);
      }
      if (!(relaxation > 0 && relaxation < 2)) {
        throw new IllegalArgumentException("relaxation must be in (0, 2): " + relaxation);
      }
      if (!(thresholdFactor > 0) || !(minThresholdMetres >= 0) || !(rimMatchMetres >= 0)) {
        throw new IllegalArgumentException("thresholdFactor must be positive, minThresholdMetres and rimMatchMetres non-negative");
      }
      if (!(maxNormalAngleDegrees > 0 && maxNormalAngleDegrees <= 180)) {
        throw new IllegalArgumentException("maxNormalAngleDegrees must be in (0, 180]: " + maxNormalAngleDegrees);
      }
      Objects.requireNonNull(alignment, "alignment");
    }

    /**
     * The defaults: ridge annealed 1e-4 to 1e-6, 40 rounds over-relaxed by 1.5, threshold
     * max(3 x median, 10 mm), rim matches within 25 mm, 60 degrees, similarity re-estimated, default
     * alignment.
     */
    public static Options defaults() {
      return new Options(1e-6, 1e-4, 40, 1.5, 3, 0.01, 0.025, 60, true, MeanHeadFit.Options.defaults());
    }

    /** These options with another final ridge weight (the initial one unchanged). */
    public Options withRidge(double r) {
      return new Options(r, initialRidge, iterations, relaxation, thresholdFactor, minThresholdMetres, rimMatchMetres,
          maxNormalAngleDegrees, reestimateSimilarity, alignment);
    }

    /** These options with a fixed ridge weight (no annealing). */
    public Options withFixedRidge(double r) {
      return new Options(r, r, iterations, relaxation, thresholdFactor, minThresholdMetres, rimMatchMetres,
          maxNormalAngleDegrees, reestimateSimilarity, alignment);
    }

    /** These options with another number of rounds. */
    public Options withIterations(int n) {
      return new Options(ridge, initialRidge, n, relaxation, thresholdFactor, minThresholdMetres, rimMatchMetres,
          maxNormalAngleDegrees, reestimateSimilarity, alignment);
    }

    /** These options with or without the per-round similarity update. */
    public Options withReestimateSimilarity(boolean b) {
      return new Options(ridge, initialRidge, iterations, relaxation, thresholdFactor, minThresholdMetres, rimMatchMetres,
          maxNormalAngleDegrees, b, alignment);
    }

    /** The ridge weight of round {@code k} (0-based): geometric from initial to final over the first two thirds. */
    public double ridgeAt(int k) {
      int anneal = Math.max(1, (2 * iterations) / 3 - 1);
      double f = Math.min(1.0, (double) k / anneal);
      return initialRidge * Math.pow(ridge / initialRidge, f);
    }
  }

  /**
   * A fit.
   *
   * @param positions the fitted head vertices [V*3], scan frame, metres
   * @param headFramePositions the same head before the similarity, head frame, metres
   * @param similarity the final head-to-scan similarity
   * @param validFraction fraction of the head vertices with a valid correspondence in the last round
   */
  public record Result(float[] positions, float[] headFramePositions, Similarity similarity, double validFraction) {}

  private final ReferenceTopology topology;
  private final SpectralRidgeFit space;
  private final MeanHeadFit alignment;
  private final Options options;
  private final float[] reference;
  private final int[] triangles;
  private final boolean[] boundary;

  /**
   * Builds the fit and decomposes the space's normal matrix (about 4 s; build once and share).
   *
   * @param topology the reference topology
   * @param space the head space whose targets form the basis
   * @param options settings
   */
  public LinearSpaceFit(ReferenceTopology topology, HeadSpace space, Options options) {
    this(topology, new SpectralRidgeFit(topology, space), new MeanHeadFit(topology, options.alignment()), options);
  }

  /** The fit over a head model's topology and space, with {@link Options#defaults()}. */
  public LinearSpaceFit(HeadModel model) {
    this(model.topology(), model.space(), Options.defaults());
  }

  private LinearSpaceFit(ReferenceTopology topology, SpectralRidgeFit space, MeanHeadFit alignment, Options options) {
    this.topology = topology;
    this.space = space;
    this.alignment = alignment;
    this.options = options;
    this.reference = topology.head().positions().clone();
    this.triangles = topology.head().triangles();
    this.boundary = MeshBoundary.vertices(topology.head());
  }

  /** The fit with other options, sharing the decomposed basis (and the alignment when its settings are the same). */
  public LinearSpaceFit withOptions(Options other) {
    MeanHeadFit a = other.alignment().equals(options.alignment()) ? alignment : new MeanHeadFit(topology, other.alignment());
    return new LinearSpaceFit(topology, space, a, other);
  }

  public Options options() {
    return options;
  }

  /** The mean-head alignment used to start (baseline 1), with this fit's alignment settings. */
  public MeanHeadFit alignment() {
    return alignment;
  }

  /** The fitted head vertices [V*3] in the scan's frame, metres. */
  public float[] fit(PointCloud scan) {
    return solve(scan).positions();
  }

  /** The fit with its similarity and coverage, starting from {@link MeanHeadFit#align}. */
  public Result solve(PointCloud scan) {
    return solve(scan, alignment.align(scan));
  }

  /** The fit from a given head-to-scan similarity. */
  public Result solve(PointCloud scan, Similarity initial) {
    MeanHeadFit.requireUsable(scan);
    scan = MeanHeadFit.thin(scan, MAX_SCAN_POINTS);
    float[] pts = scan.positions();
    float[] pn = scan.normals();
    KdTree tree = new KdTree(pts);
    ScanBoundary rim = new ScanBoundary(pts, tree);
    int[] rimIndex = null;
    KdTree rimTree = null;
    if (pn != null) {
      rimIndex = rim.allRim(pn);
      float[] rp = new float[3 * rimIndex.length];
      for (int k = 0; k < rimIndex.length; k++) {
        System.arraycopy(pts, 3 * rimIndex[k], rp, 3 * k, 3);
      }
      rimTree = rimIndex.length > 0 ? new KdTree(rp) : null;
    }
    int v = reference.length / 3;
    boolean useNormals = pn != null && options.maxNormalAngleDegrees() < 180;
    double cosMax = Math.cos(Math.toRadians(options.maxNormalAngleDegrees()));
    Similarity sim = initial;
    float[] x = reference.clone();
    int[] nn = new int[v];
    double[] d2 = new double[v];
    double[] dist = new double[v];
    boolean[] agree = new boolean[v];
    boolean[] valid = new boolean[v];
    boolean[] pinned = new boolean[v];
    double[] m = new double[3];
    double[] q = new double[3];
    double sign = 0;
    int validCount = 0;
    for (int it = 0; it < options.iterations(); it++) {
      float[] xn = Normals.vertexNormals(x, triangles);
      float[] y = sim.apply(x);
      tree.nearestAll(y, nn, d2);
      if (useNormals && sign == 0) {
        int[] all = new int[v];
        for (int i = 0; i < v; i++) {
          all[i] = i;
        }
        sign = ScanNormals.orientation(pn, nn, xn, all, v, sim);
      }
      double[] rot = sim.rotation();
      double scale = sim.scale();
      int agreeing = 0;
      for (int i = 0; i < v; i++) {
        boolean ok = true;
        if (useNormals) {
          ScanNormals.toHeadFrame(pn, nn[i], rot, sign, m);
          ok = m[0] * xn[3 * i] + m[1] * xn[3 * i + 1] + m[2] * xn[3 * i + 2] >= cosMax;
        }
        agree[i] = ok;
        if (ok) {
          dist[agreeing++] = Math.sqrt(d2[i]) / scale;
        }
      }
      double limit = Math.max(options.minThresholdMetres(), options.thresholdFactor() * Quantiles.of(dist, agreeing, 0.5));
      double rimLimit = Math.max(limit, options.rimMatchMetres());
      validCount = 0;
      for (int i = 0; i < v; i++) {
        pinned[i] = false;
        valid[i] = false;
        if (boundary[i] && rimTree != null) {
          KdTree.Neighbor r = rimTree.nearestNeighbor(y[3 * i], y[3 * i + 1], y[3 * i + 2]);
          if (r.distance() / scale <= rimLimit) {
            nn[i] = rimIndex[r.index()];
            pinned[i] = true;
            valid[i] = true;
          }
        }
        if (!pinned[i]) {
          valid[i] = agree[i] && Math.sqrt(d2[i]) / scale <= limit && !onRim(rim, nn[i], pn, xn, i, rot);
        }
        validCount += valid[i] ? 1 : 0;
      }
      if (validCount < 3) {
        break; // nothing trustworthy: keep the current head
      }
      if (options.reestimateSimilarity()) {
        double[] src = new double[3 * validCount];
        double[] dst = new double[3 * validCount];
        for (int i = 0, k = 0; i < v; i++) {
          if (valid[i]) {
            for (int a = 0; a < 3; a++) {
              src[3 * k + a] = x[3 * i + a];
              dst[3 * k + a] = pts[3 * nn[i] + a];
            }
            k++;
          }
        }
        sim = Umeyama.similarity(src, dst);
        rot = sim.rotation();
      }
      Similarity inv = sim.inverse();
      float[] target = x.clone();
      for (int i = 0; i < v; i++) {
        if (!valid[i]) {
          continue;
        }
        int j = nn[i];
        inv.applyPoint(pts[3 * j], pts[3 * j + 1], pts[3 * j + 2], q);
        double ex = q[0] - x[3 * i];
        double ey = q[1] - x[3 * i + 1];
        double ez = q[2] - x[3 * i + 2];
        if (pn != null && !pinned[i]) {
          ScanNormals.toHeadFrame(pn, j, rot, useNormals ? sign : 1, m);
          double along = ex * m[0] + ey * m[1] + ez * m[2];
          ex = along * m[0];
          ey = along * m[1];
          ez = along * m[2];
        }
        target[3 * i] = (float) (x[3 * i] + ex);
        target[3 * i + 1] = (float) (x[3 * i + 1] + ey);
        target[3 * i + 2] = (float) (x[3 * i + 2] + ez);
      }
      float[] fitted = space.fit(target, options.ridgeAt(it));
      double w = options.relaxation();
      if (w != 1) {
        for (int k = 0; k < fitted.length; k++) {
          fitted[k] = (float) (x[k] + w * (fitted[k] - x[k]));
        }
      }
      x = fitted;
    }
    return new Result(sim.apply(x), x, sim, (double) validCount / v);
  }

  /** Whether scan point j is on the scan's rim, judged in the plane of its normal (or of vertex i's). */
  private static boolean onRim(ScanBoundary rim, int j, float[] scanNormals, float[] vertexNormals, int i, double[] rot) {
    if (scanNormals != null) {
      return rim.isRim(j, scanNormals[3 * j], scanNormals[3 * j + 1], scanNormals[3 * j + 2]);
    }
    double nx = vertexNormals[3 * i];
    double ny = vertexNormals[3 * i + 1];
    double nz = vertexNormals[3 * i + 2];
    return rim.isRim(j, rot[0] * nx + rot[1] * ny + rot[2] * nz, rot[3] * nx + rot[4] * ny + rot[5] * nz,
        rot[6] * nx + rot[7] * ny + rot[8] * nz);
  }
}
