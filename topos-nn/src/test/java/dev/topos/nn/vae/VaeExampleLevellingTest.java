package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.fit.ScanPose;
import dev.topos.topology.pyramid.VaeFrame;
import dev.topos.topology.space.HeadModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link VaeExample#levelled} and the evaluation's {@link VaeEvaluation.Preparation} (retopo's levelling). */
class VaeExampleLevellingTest {
  static ReferenceTopology topology;
  static List<Sample> tests;

  @BeforeAll
  static void build() {
    topology = ReferenceTopology.loadBundled();
    tests = SyntheticSplits.first(SyntheticSplits.generator(HeadModel.loadBundled()), Split.TEST, 2);
  }

  static double[] centroid(float[] xyz) {
    double[] c = new double[3];
    for (int i = 0; i < xyz.length; i++) {
      c[i % 3] += xyz[i] / (xyz.length / 3.0);
    }
    return c;
  }

  @Test
  void theScanAndItsTruthTurnAlikeAndAreFramedAnew() {
    VaeExample scan = VaeExample.of(tests.get(0), topology.head());
    assertSame(scan, scan.levelled(ScanPose.upright()));
    ScanPose pose = ScanPose.turned(8, 12, centroid(scan.scanMetres()));
    VaeExample levelled = scan.levelled(pose);
    float[] truth = pose.level(scan.frame().fromUnit(scan.targetPositions())); // [V*3] metres
    float[] got = levelled.frame().fromUnit(levelled.targetPositions());
    float[] normals = pose.levelDirections(scan.targetNormals());
    for (int i = 0; i < truth.length; i++) {
      assertEquals(truth[i], got[i], 1e-6, "target coordinate " + i);
      assertEquals(normals[i], levelled.targetNormals()[i], 1e-6, "target normal " + i);
    }
    VaeFrame expected = VaeFrame.of(levelled.scanMetres()); // the frame of the levelled points (up to float round trips)
    assertEquals(expected.cx(), levelled.frame().cx(), 1e-7);
    assertEquals(expected.cy(), levelled.frame().cy(), 1e-7);
    assertEquals(expected.cz(), levelled.frame().cz(), 1e-7);
    assertEquals(expected.scale(), levelled.frame().scale(), 1e-7);
    // Cropped below the neck again, in the levelled frame: nothing lies more than 0.31 m below the top.
    float[] points = levelled.scanMetres();
    float top = Float.NEGATIVE_INFINITY;
    float bottom = Float.POSITIVE_INFINITY;
    for (int i = 1; i < points.length; i += 3) {
      top = Math.max(top, points[i]);
      bottom = Math.min(bottom, points[i]);
    }
    assertTrue(top - bottom <= dev.topos.topology.scan.ScanConditioning.KEEP_BELOW_TOP_M + 1e-6, "spans " + (top - bottom) + " m");
    assertTrue(levelled.pointCount() <= scan.pointCount());
  }

  /**
   * The evaluation of levelled scans compares each answer with the truth turned alike: the truth
   * itself is 0 mm from it, and its distance to the scan (a look aside keeps every height, so the
   * crop keeps every point) is that of the scans as given.
   */
  @Test
  void theEvaluationComparesInTheLevelledFrame() {
    RetopoMethod groundTruth = RetopoMethod.of("ground-truth", (scan, metres, normals, seed) -> scan.frame().fromUnit(scan.targetPositions()));
    VaeEvaluation.Preparation turnAside = (scan, index) -> scan.levelled(ScanPose.turned(0, 20, centroid(scan.scanMetres())));
    Map<String, Double> given = new VaeEvaluation(topology).run(tests, 2, List.of(groundTruth), null).get("ground-truth").get("all");
    Map<String, Double> turned = new VaeEvaluation(topology, null, turnAside).run(tests, 2, List.of(groundTruth), null)
        .get("ground-truth").get("all");
    assertEquals(0, turned.get("vertex_mean_mm"), 1e-3);
    assertEquals(given.get("scan_to_surface_mm"), turned.get("scan_to_surface_mm"), 1e-3);
    assertEquals(given.get("chamfer_to_scan_mm"), turned.get("chamfer_to_scan_mm"), 1e-3);
  }
}
