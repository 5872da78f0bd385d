package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped weights on the first 10 held-out test heads (made in process by the same generator
 * and seeds as {@code topos synth --split test}): the accuracy they had when they were shipped, so
 * that a change to the model code, the frame or the refinement that costs accuracy fails here.
 * The refined bound is the measured figure plus about 5 %, the feed-forward one tighter (see below);
 * {@code topos eval vae} gives the full table.
 */
class ShippedModelAccuracyTest {
  static final int HEADS = 10;
  // Measured with the shipped weights (step 38,000) on the first 10 test heads: feed-forward
  // 2.480 mm (the network alone). Refined from the calibrated head (the calibration's correction kept
  // as a fixed offset while the latent moves) by the scan-to-surface loss and choice of session 13:
  // 1.425-1.436 mm (threads), scan points to the surface 7.213 mm (network), 6.956 (calibrated) -> 6.834 (hair and
  // body included). Session 12's refinement (to the nearest vertex): 1.709-1.712 mm (threads), scan
  // 6.92 mm; refined from the network's own head, as before session 12: 2.055-2.068 mm.
  // The feed-forward bound is under the 2.557 mm of the session-4 encoding (16 subsets of 1,024
  // points), so going back to it fails here.
  static final double FEED_FORWARD_MM = 2.55;
  static final double REFINED_MM = 1.50;
  // The shipped feed-forward answer adds the shipped calibration (a linear layer on the decoded head,
  // fitted on training heads): 1.812 mm on these heads (session 12, 24,000 heads; session 11's, on
  // 8,000: 1.962), against the network's 2.480.
  static final double CALIBRATED_MM = 1.90;
  // Corrected by the shipped error modes (the feed-forward head, 8 passes, the later 7 robustly
  // reweighted with scalp and neck observed, then the residual mean along the surface): 1.201 mm on
  // these heads (1.783 with the first, unweighted pass alone; session 7's 2 unweighted passes: 1.714).
  static final double CORRECTED_MM = 1.30;
  // Then the shipped shape modes fitted to the scan (the shipped `--correct` since session 9, 4
  // passes at the vertices and the scan points): 0.817 mm on these heads (2 passes 0.877; 2 passes at
  // the vertices alone 0.989).
  static final double SHAPE_FITTED_MM = 0.86;

  @Test
  void shippedWeightsRetopologizeTestHeadsAsAccuratelyAsWhenShipped() throws IOException {
    assumeTrue(ShippedWeights.available(), "this build ships no TOPOS-VAE weights");
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    List<Sample> tests = SyntheticSplits.first(SyntheticSplits.generator(HeadModel.loadBundled()), Split.TEST, HEADS);
    try (TopoVae vae = ShippedWeights.load(topology.head())) {
      Retopologizer retopo = new Retopologizer(vae, topology.regions());
      RetopoMethod feedForward = RetopoMethod.of("vae",
          (scan, metres, normals, seed) -> scan.frame().fromUnit(retopo.refine(scan, 0, seed).positions()));
      Retopologizer calibrated = retopo.withCalibration(ShippedWeights.loadCalibration(null));
      RetopoMethod calibratedFeedForward = RetopoMethod.of("vae-calibrated",
          (scan, metres, normals, seed) -> scan.frame().fromUnit(calibrated.feedForward(scan, seed).positions()));
      RetopoMethod refined = RetopoMethod.of("vae+refine", (scan, metres, normals, seed) ->
          scan.frame().fromUnit(calibrated.refine(scan, Retopologizer.DEFAULT_REFINE_STEPS, seed).positions()));
      Retopologizer corrector = retopo.withErrorModes(ShippedWeights.loadErrorModes(null));
      RetopoMethod corrected = RetopoMethod.of("vae+correct", (scan, metres, normals, seed) ->
          scan.frame().fromUnit(corrector.correct(scan, seed).positions()));
      Retopologizer shaped = corrector.withShapeModes(ShippedWeights.loadShapeModes(null));
      RetopoMethod shapeFitted = RetopoMethod.of("vae+correct+shape", (scan, metres, normals, seed) ->
          scan.frame().fromUnit(shaped.correct(scan, seed).positions()));
      RetopoMethod onePass = RetopoMethod.of("vae+correct-1", (scan, metres, normals, seed) ->
          scan.frame().fromUnit(corrector.correct(scan, corrector.encodeDecode(scan, seed), 1).positions()));
      Map<String, Map<String, Map<String, Double>>> r =
          new VaeEvaluation(topology).run(tests, HEADS, List.of(feedForward, calibratedFeedForward, refined, corrected, shapeFitted, onePass), null);
      Map<String, Double> ff = r.get("vae").get("all");
      Map<String, Double> cff = r.get("vae-calibrated").get("all");
      Map<String, Double> rf = r.get("vae+refine").get("all");
      Map<String, Double> cr = r.get("vae+correct").get("all");
      Map<String, Double> cr1 = r.get("vae+correct-1").get("all");
      Map<String, Double> sh = r.get("vae+correct+shape").get("all");
      assertEquals(HEADS, ff.get("count"), 0);
      String figures = String.format(java.util.Locale.ROOT,
          "feed-forward %.3f mm (calibrated %.3f), refined from the calibrated head %.3f mm, corrected %.3f mm (one pass %.3f, then "
              + "the shape modes %.3f); scan to surface %.3f (network), %.3f (calibrated), %.3f mm (refined)",
          ff.get("vertex_mean_mm"), cff.get("vertex_mean_mm"), rf.get("vertex_mean_mm"), cr.get("vertex_mean_mm"), cr1.get("vertex_mean_mm"), sh.get("vertex_mean_mm"),
          ff.get("scan_to_surface_mm"), cff.get("scan_to_surface_mm"), rf.get("scan_to_surface_mm"));
      System.out.println("shipped model, first " + HEADS + " test heads: " + figures);
      assertTrue(ff.get("vertex_mean_mm") <= FEED_FORWARD_MM, figures);
      assertTrue(cff.get("vertex_mean_mm") <= CALIBRATED_MM, figures);
      assertTrue(cff.get("vertex_mean_mm") < 0.85 * ff.get("vertex_mean_mm"), figures); // the calibration helps
      assertTrue(rf.get("vertex_mean_mm") <= REFINED_MM, figures);
      assertTrue(rf.get("vertex_mean_mm") < cff.get("vertex_mean_mm"), figures); // refinement beats the feed-forward answer
      assertTrue(rf.get("scan_to_surface_mm") < cff.get("scan_to_surface_mm"), figures); // refinement brings the surface nearer the scan
      assertTrue(cr.get("vertex_mean_mm") <= CORRECTED_MM, figures);
      assertTrue(cr.get("vertex_mean_mm") < 0.85 * cr1.get("vertex_mean_mm"), figures); // the reweighted passes, re-observed, help
      assertTrue(cr1.get("vertex_mean_mm") < ff.get("vertex_mean_mm"), figures);
      assertTrue(sh.get("vertex_mean_mm") <= SHAPE_FITTED_MM, figures);
      assertTrue(sh.get("vertex_mean_mm") < 0.8 * cr.get("vertex_mean_mm"), figures); // the shape modes help
    }
  }
}
