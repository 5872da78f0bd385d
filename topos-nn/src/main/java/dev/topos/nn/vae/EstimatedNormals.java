package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.NormalOrientation;

/**
 * The signs of a scan's estimated normals (a point cloud given without normals: PCA normals,
 * {@link dev.topos.geometry.NormalEstimation}) read off the model's own answer: the scan is
 * encoded and decoded, each point's normal takes the sign of the decoded surface's normal where
 * that surface is near and agrees on the line ({@link NormalOrientation}), and again from the head
 * those normals give.
 *
 * <p>Why: the encoder was trained on normals that meshes give, all with the right sign, and a few
 * per cent of wrong signs cost it millimetres (10 test scans, calibrated feed-forward: 1.81 mm with
 * the scans' own normals, 3.60 mm with 3 % of them flipped at random, 1.97 mm with 10 degrees of
 * noise on every one). No rule from the points alone gets the signs of a head scan right: its mouth
 * cavity and the backs of its ears face inward. On 20 test scans (session 18,
 * {@code tools/diagnostics/estimated-normals.jsh}): PCA normals propagated over a spanning tree,
 * 7.5 % wrong signs, 6.73 mm; after one pass 2.1 % and 3.45 mm; after two ({@link #PASSES}) 1.1 %
 * and 2.80 mm; the scans' own normals 2.08 mm.
 */
public final class EstimatedNormals {
  /** Decode-and-orient passes. A third did not help (2.84 mm, 0.9 % wrong). */
  public static final int PASSES = 2;
  /** Smallest |cos| between a point's normal and the decoded surface's for the surface to decide. */
  public static final double MIN_COS = 0.5;
  /** Farthest a point may lie from the decoded surface for the surface to decide, metres. */
  public static final double MAX_DISTANCE_M = 0.010;

  private EstimatedNormals() {}

  /**
   * The scan with its normals' signs taken from the heads that {@code fitter} decodes from it.
   *
   * @param fitter the model as it will fit the scan (its feed-forward answer guides the signs)
   * @param referenceHead the reference head mesh (its faces; the decoded positions replace its own)
   * @param scan a scan whose normals were estimated, not given
   * @param seed the encoder's point-subset seed
   */
  public static VaeExample orient(Retopologizer fitter, Mesh referenceHead, VaeExample scan, long seed) {
    VaeExample oriented = scan;
    float[] points = scan.scanUnitPositions(); // [P*3], unit frame
    double maxDistance = MAX_DISTANCE_M / scan.frame().scale(); // metres to the unit frame
    for (int pass = 0; pass < PASSES; pass++) {
      float[] head = fitter.feedForward(oriented, seed).positions(); // [V*3], unit frame
      Mesh surface = referenceHead.withPositions(head);
      oriented = oriented.withScanNormals(NormalOrientation.alongSurface(points, oriented.scanNormals(), surface, MIN_COS, maxDistance));
    }
    return oriented;
  }
}
