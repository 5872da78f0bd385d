package dev.topos.pipeline;

import dev.topos.geometry.Mesh;
import dev.topos.nn.vae.NormalSigns;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.VaeExample;
import dev.topos.topology.fit.ScanPose;

/**
 * A conditioned scan made ready for the model, the one sequence that {@code topos retopo}
 * ({@link ScanRetopologizer}) and {@code topos eval vae} both run, so the two cannot drift apart:
 * <ol>
 *   <li>the normals' signs: estimated normals take every sign from the model's own heads
 *       ({@link NormalSigns#fromModel}); given normals are only repaired where a patch of them faces
 *       inward ({@link NormalSigns#repairPatches});
 *   <li>a turned head levelled where asked and where the model agrees ({@link ScanLeveling});
 *   <li>estimated normals' signs once more from the levelled scan's head, which the model fits better
 *       than the turned one.
 * </ol>
 *
 * <p>Each step that decodes the scan as it finally stands leaves its answer here, so that the fit
 * need not make it again (the check of given normals decodes the scan; by default nothing more is needed).
 *
 * @param scan the scan as the model reads it
 * @param pose the pose it was levelled by (upright: not levelled)
 * @param repairedShare the share of given normals turned around (0: none, or estimated normals)
 * @param answeredBy the model whose feed-forward answer for {@code scan} is {@code answer}, or null
 * @param answer that answer, or null where no step made one for the scan as it stands
 */
public record ModelInput(VaeExample scan, ScanPose pose, double repairedShare, Retopologizer answeredBy,
    Retopologizer.Result answer) {

  /**
   * @param scan the conditioned scan ({@link VaeExample#ofScan}, or a dataset sample's)
   * @param normalsEstimatedFrom the number of points its normals were estimated from
   *     ({@link dev.topos.geometry.NormalEstimation}; they decide whether the ears are taken from the
   *     model's head, {@link NormalSigns#RESOLVING_POINTS}), or 0 where they were given
   * @param guide the model whose feed-forward heads set the signs
   * @param judge the model whose feed-forward heads judge the levelling
   * @param leveling the levelling, or null to read the scan as it is
   * @param referenceHead the reference head mesh (its faces)
   * @param seed the encoder's point-subset seed
   */
  public static ModelInput of(VaeExample scan, int normalsEstimatedFrom, Retopologizer guide, Retopologizer judge,
      ScanLeveling leveling, Mesh referenceHead, long seed) {
    boolean normalsEstimated = normalsEstimatedFrom > 0;
    NormalSigns.Repair signs = normalsEstimated
        ? new NormalSigns.Repair(NormalSigns.fromModel(guide, referenceHead, scan, seed, NormalSigns.PASSES, normalsEstimatedFrom), 0, null)
        : NormalSigns.repairPatches(guide, referenceHead, scan, seed);
    ScanLeveling.Choice choice = leveling == null ? ScanLeveling.Choice.asGiven(signs.scan())
        : leveling.choose(judge, signs.scan(), seed, judge == guide ? signs.feedForward() : null);
    if (choice.pose().isUpright()) { // the scan as the signs left it: the judge's answer, else the guide's
      return choice.feedForward() != null
          ? new ModelInput(choice.scan(), choice.pose(), signs.share(), judge, choice.feedForward())
          : new ModelInput(choice.scan(), choice.pose(), signs.share(), signs.feedForward() == null ? null : guide, signs.feedForward());
    }
    if (normalsEstimated) { // the signs again, from the levelled scan's head: the judge's answer is stale then
      VaeExample reoriented = NormalSigns.fromModel(guide, referenceHead, choice.scan(), seed, NormalSigns.PASSES, normalsEstimatedFrom);
      return new ModelInput(reoriented, choice.pose(), signs.share(), null, null);
    }
    return new ModelInput(choice.scan(), choice.pose(), signs.share(), judge, choice.feedForward());
  }

  /** The feed-forward answer of {@code fitter} for {@link #scan()} where a step made it, else null. */
  public Retopologizer.Result feedForwardBy(Retopologizer fitter) {
    return answer != null && fitter == answeredBy ? answer : null;
  }
}
