package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topos.geometry.Metrics;
import dev.topos.geometry.NormalEstimation;
import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The first 10 held-out test scans read as point clouds without normals, as {@code topos retopo}
 * reads one: normals estimated over {@link NormalEstimation#DEFAULT_NEIGHBOURS} neighbours, their
 * signs taken from the model ({@link NormalSigns#fromModel}, which also takes the ears' normals from
 * the decoded head), then the calibrated feed-forward head. Measured (session 19, this test): the
 * scans' own normals 1.812 mm, quadric normals (the default) 2.325 mm, PCA planes 2.367 mm; before the
 * ears were taken from the head, 2.409 and 2.604 (on the 200 test scans the quadric gains 0.14 mm
 * over the plane, 2.416 against 2.559, {@code estimated-normals.jsh}).
 */
class EstimatedNormalsAccuracyTest {
  static final int HEADS = 10;
  static final double QUADRIC_MM = 2.40;

  @Test
  void quadricNormalsSignedByTheModelFitAsWellAsWhenMeasured() throws IOException {
    assumeTrue(ShippedWeights.available(), "this build ships no TOPOS-VAE weights");
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    List<Sample> tests = SyntheticSplits.first(SyntheticSplits.generator(HeadModel.loadBundled()), Split.TEST, HEADS);
    try (TopoVae vae = ShippedWeights.load(topology.head())) {
      Retopologizer calibrated = new Retopologizer(vae, topology.regions()).withCalibration(ShippedWeights.loadCalibration(null));
      double own = 0;
      double quadric = 0;
      double plane = 0;
      for (Sample s : tests) {
        VaeExample scan = VaeExample.of(s, topology.head());
        long seed = s.index();
        own += error(calibrated, scan, seed);
        for (NormalEstimation.Fit fit : NormalEstimation.Fit.values()) {
          float[] estimated = NormalEstimation.estimate(scan.scanMetres(), NormalEstimation.DEFAULT_NEIGHBOURS,
              NormalEstimation.Orientation.PROPAGATED, fit);
          VaeExample signed = NormalSigns.fromModel(calibrated, topology.head(), scan.withScanNormals(estimated), seed);
          double e = error(calibrated, signed, seed);
          if (fit == NormalEstimation.Fit.QUADRIC) {
            quadric += e;
          } else {
            plane += e;
          }
        }
      }
      String figures = String.format(Locale.ROOT, "own normals %.3f mm, quadric %.3f mm, plane %.3f mm",
          own / HEADS, quadric / HEADS, plane / HEADS);
      System.out.println("estimated normals, first " + HEADS + " test heads: " + figures);
      assertTrue(quadric / HEADS <= QUADRIC_MM, figures);
      assertTrue(quadric < plane, figures); // the quadric's directions are worth 0.04 mm here
      assertTrue(own < quadric, figures); // a mesh's own normals remain better
    }
  }

  /** The calibrated feed-forward head's mean per-vertex error, mm. */
  private static double error(Retopologizer fitter, VaeExample scan, long seed) {
    float[] head = scan.frame().fromUnit(fitter.feedForward(scan, seed).positions()); // [V*3], metres
    return Metrics.perVertexError(head, scan.frame().fromUnit(scan.targetPositions())).meanMm();
  }
}
