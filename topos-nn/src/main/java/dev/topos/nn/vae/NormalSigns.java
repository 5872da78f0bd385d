package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.NormalEstimation;
import dev.topos.geometry.NormalOrientation;
import dev.topos.geometry.NormalsFromSurface;
import dev.topos.geometry.PointsOnSurface;
import dev.topos.topology.Region;

/**
 * The signs of a scan's normals read off the model's own answer: the scan is encoded and decoded,
 * each point's normal takes the sign of the decoded surface's normal where that surface is near and
 * agrees on the line ({@link NormalOrientation}), and again from the head those normals give.
 *
 * <p>Why: the encoder was trained on normals that meshes give, all with the right sign, and a few
 * per cent of wrong signs cost it millimetres (10 test scans, calibrated feed-forward: 1.81 mm with
 * the scans' own normals, 3.60 mm with 3 % of them flipped at random, 1.97 mm with 10 degrees of
 * noise on every one). No rule from the points alone gets the signs of a head scan right: its mouth
 * cavity and the backs of its ears face inward.
 *
 * <ul>
 *   <li>{@link #fromModel} for estimated normals (a point cloud given without), every sign from the
 *       model. On 20 test scans (session 18, {@code tools/diagnostics/model-orient.jsh}): PCA normals
 *       propagated over a spanning tree, 7.5 % wrong signs, 6.73 mm; after one pass 2.1 % and 3.45 mm;
 *       after two ({@link #PASSES}) 1.1 % and 2.80 mm; the scans' own normals 2.08 mm. On its last pass
 *       the ears' normals are taken from the decoded head too, where the estimate is more than
 *       {@link #UNRESOLVED_MIN_ANGLE_DEGREES} degrees off it ({@link #UNRESOLVED_PART}; session 19).
 *   <li>{@link #repairPatches} for normals a mesh gives, which are right but where a patch of faces is
 *       wound inward: a sign is turned only where the model and the propagated estimated normals both
 *       disagree with it, and only when more than {@link #PATCH_SHARE} of the points are so
 *       (20 test scans, {@code orient-given-normals.jsh both=true passes=1}: a 3 cm patch inside out
 *       2.70 -> 2.28 mm, five 2 cm patches 3.37 -> 2.36, the clean scans 2.084 -> 2.091 without the
 *       share's gate; two passes 2.26 and 2.32 for another decode; on the 200 clean test scans the share
 *       is at most 0.85 %, median 0.02 %, so none is touched, {@code sign-disagreement.jsh}).
 * </ul>
 */
public final class NormalSigns {
  /** Decode-and-orient passes. A third did not help (2.84 mm, 0.9 % wrong). */
  public static final int PASSES = 2;
  /** Smallest |cos| between a point's normal and the decoded surface's for the surface to decide. */
  public static final double MIN_COS = 0.5;
  /** Farthest a point may lie from the decoded surface for the surface to decide, metres. */
  public static final double MAX_DISTANCE_M = 0.010;
  /**
   * The part of the head whose estimated normals {@link #fromModel} takes from the decoded head on its
   * last pass ({@link NormalsFromSurface}): 3-5 mm thick, it is not resolved by points 5 mm apart.
   * On the 200 test scans (session 19, calibrated feed-forward, no levelling): 2.500 -> 2.416 mm
   * (eyes, nose, lips and mouth as well did worse than the ears alone on heads 0-39: 2.518 against 2.506 mm,
   * both from one more decode; {@code tools/diagnostics/thin-part-normals.jsh}).
   */
  public static final Region UNRESOLVED_PART = Region.EARS;
  /**
   * Normals estimated from this many points or more are left as they are on the ears too: dense
   * enough, the estimate resolves them, and the decoded head's normals cost. Session 19, the demo's
   * 90,353-point cloud: through {@code retopo} (normals estimated on 32,768 of its points), seeds 0-5,
   * 1.662 mm without the step, 1.779 with it; random subsets, normals estimated on all their points,
   * 4 each, without / with: 8,192 points 2.099 / 2.065, 16,384 1.820 / 1.919, 32,768 2.052 / 2.138
   * (docs/VAE.md). The threshold lies between the sizes measured.
   */
  public static final int RESOLVING_POINTS = 12000;
  /** An estimated normal within this many degrees of the decoded head's keeps its direction (heads 0-39: 0 and 40 did no better). */
  public static final double UNRESOLVED_MIN_ANGLE_DEGREES = 20;
  /** Decode-and-orient passes of {@link #repairPatches}: given normals are mostly right, so the first head is near. */
  public static final int REPAIR_PASSES = 1;
  /** Share of a scan's points whose given sign must be in doubt before any is turned around. */
  public static final double PATCH_SHARE = 0.015;

  private NormalSigns() {}

  /**
   * A repaired scan.
   *
   * @param scan the scan, its normals repaired, or the very scan given when none were
   * @param share the share of its points whose normal was turned around (0: none)
   * @param feedForward the fitter's feed-forward answer for {@code scan} where the check made one on
   *     that very scan (nothing turned around), so the caller need not make it again; else null
   */
  public record Repair(VaeExample scan, double share, Retopologizer.Result feedForward) {}

  /** A scan oriented by the model, and the model's first answer (for the scan as it came in). */
  private record Oriented(VaeExample scan, Retopologizer.Result first) {}

  /**
   * The scan with every normal's sign taken from the heads that {@code fitter} decodes from it.
   *
   * @param fitter the model as it will fit the scan (its feed-forward answer guides the signs)
   * @param referenceHead the reference head mesh (its faces; the decoded positions replace its own)
   * @param scan a scan whose normals were estimated, not given
   * @param seed the encoder's point-subset seed
   */
  public static VaeExample fromModel(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed) {
    return fromModel(fitter, referenceHead, scan, seed, PASSES);
  }

  /**
   * {@link #fromModel(Retopologizer, Mesh, VaeExample, long)} for normals estimated from this many
   * points: the ears' normals are taken from the decoded head below {@link #RESOLVING_POINTS} only.
   */
  public static VaeExample fromModel(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed, int passes,
      int estimatedFrom) {
    return orient(fitter, referenceHead, scan, seed, passes,
        estimatedFrom < RESOLVING_POINTS ? fitter.regionMask(UNRESOLVED_PART) : null).scan();
  }

  /** {@link #fromModel(Retopologizer, Mesh, VaeExample, long)} with this many decode-and-orient passes. */
  public static VaeExample fromModel(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed, int passes) {
    return orient(fitter, referenceHead, scan, seed, passes, fitter.regionMask(UNRESOLVED_PART)).scan();
  }

  /**
   * @param unresolved [V] the decoded head's vertices where the last pass takes the head's own normal
   *     ({@link NormalsFromSurface}), or null to set the signs alone
   */
  private static Oriented orient(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed, int passes, boolean[] unresolved) {
    VaeExample oriented = scan;
    Retopologizer.Result first = null;
    float[] points = scan.scanUnitPositions(); // [P*3], unit frame
    double maxDistance = MAX_DISTANCE_M / scan.frame().scale(); // metres to the unit frame
    for (int pass = 0; pass < passes; pass++) {
      Retopologizer.Result answer = fitter.feedForward(oriented, seed);
      first = pass == 0 ? answer : first;
      // the points' closest points on the decoded head, found once for the signs and the ears
      PointsOnSurface on = PointsOnSurface.of(points, referenceHead.withPositions(answer.positions()));
      oriented = oriented.withScanNormals(NormalOrientation.alongSurface(points, oriented.scanNormals(), on, MIN_COS, maxDistance));
      if (unresolved != null && pass == passes - 1) {
        oriented = oriented.withScanNormals(NormalsFromSurface.where(points, oriented.scanNormals(), on, unresolved,
            UNRESOLVED_MIN_ANGLE_DEGREES, maxDistance));
      }
    }
    return new Oriented(oriented, first);
  }

  /**
   * The scan with the signs turned around where the model's heads ({@link #fromModel}) and the
   * propagated estimated normals ({@link NormalEstimation}) both disagree with the given ones, if more
   * than {@link #PATCH_SHARE} of the points are such; else the very scan.
   */
  public static Repair repairPatches(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed) {
    float[] given = scan.scanNormals(); // [P*3]
    Oriented byModel = orient(fitter, referenceHead, scan, seed, REPAIR_PASSES, null); // given normals keep their lines
    float[] model = byModel.scan().scanNormals(); // [P*3]
    int points = given.length / 3;
    int modelDoubts = 0;
    for (int i = 0; i < points; i++) {
      modelDoubts += dot(given, model, i) < 0 ? 1 : 0;
    }
    if (modelDoubts <= PATCH_SHARE * points) { // fewer than the share by the model alone: no need for the estimated normals
      return new Repair(scan, 0, byModel.first());
    }
    float[] estimated = NormalEstimation.estimate(scan.scanMetres(), NormalEstimation.DEFAULT_NEIGHBOURS);
    float[] repaired = given.clone();
    int turned = 0;
    for (int i = 0; i < points; i++) {
      if (dot(given, model, i) < 0 && dot(given, estimated, i) < 0) {
        for (int c = 0; c < 3; c++) {
          repaired[3 * i + c] = -given[3 * i + c];
        }
        turned++;
      }
    }
    return turned <= PATCH_SHARE * points ? new Repair(scan, 0, byModel.first())
        : new Repair(scan.withScanNormals(repaired), turned / (double) points, null);
  }

  private static double dot(float[] a, float[] b, int i) {
    return (double) a[3 * i] * b[3 * i] + (double) a[3 * i + 1] * b[3 * i + 1] + (double) a[3 * i + 2] * b[3 * i + 2];
  }
}
