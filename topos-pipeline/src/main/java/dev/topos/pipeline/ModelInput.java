package dev.topos.pipeline;

import dev.topos.geometry.Mesh;
import dev.topos.nn.vae.NormalSigns;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.VaeExample;

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
 * @param scan the scan as the model reads it
 * @param leveling the levelling's choice (its pose is upright when the scan was not levelled; its
 *     feed-forward answer, where it made one, is the judge's for the levelled scan)
 * @param repairedShare the share of given normals turned around (0: none, or estimated normals)
 * @param reoriented whether the signs were set again after levelling (the judge's answer is then stale)
 */
public record ModelInput(VaeExample scan, ScanLeveling.Choice leveling, double repairedShare, boolean reoriented) {

  /**
   * @param scan the conditioned scan ({@link VaeExample#ofScan}, or a dataset sample's)
   * @param normalsEstimated whether its normals were estimated ({@link dev.topos.geometry.NormalEstimation}), not given
   * @param guide the model whose feed-forward heads set the signs
   * @param judge the model whose feed-forward heads judge the levelling
   * @param leveling the levelling, or null to read the scan as it is
   * @param referenceHead the reference head mesh (its faces)
   * @param seed the encoder's point-subset seed
   */
  public static ModelInput of(VaeExample scan, boolean normalsEstimated, Retopologizer guide, Retopologizer judge,
      ScanLeveling leveling, Mesh referenceHead, long seed) {
    NormalSigns.Repair signs = normalsEstimated
        ? new NormalSigns.Repair(NormalSigns.fromModel(guide, referenceHead, scan, seed), 0)
        : NormalSigns.repairPatches(guide, referenceHead, scan, seed);
    ScanLeveling.Choice choice = leveling == null ? ScanLeveling.Choice.asGiven(signs.scan())
        : leveling.choose(judge, signs.scan(), seed);
    boolean reoriented = normalsEstimated && !choice.pose().isUpright();
    VaeExample ready = reoriented ? NormalSigns.fromModel(guide, referenceHead, choice.scan(), seed) : choice.scan();
    return new ModelInput(ready, choice, signs.share(), reoriented);
  }

  /** The judge's feed-forward answer for {@link #scan()}, or null where it made none or the signs changed since. */
  public Retopologizer.Result feedForward() {
    return reoriented ? null : leveling.feedForward();
  }
}
