package dev.topos.synth.deform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import dev.topos.topology.space.LinearHeadFit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OffSpanDeformerTest {
  static HeadModel model;
  static OffSpanDeformer deformer;

  @BeforeAll
  static void load() {
    model = HeadModel.loadBundled();
    deformer = new OffSpanDeformer(model.topology(), OffSpanDeformer.Options.defaults());
  }

  /**
   * Acceptance: the best least-squares fit of the linear head space leaves >= 0.5 mm mean
   * per-vertex residual on held-out deformed heads, while undeformed heads fit almost exactly.
   */
  @Test
  void deformedHeadsLeaveTheLinearSpan() {
    LinearHeadFit fit = new LinearHeadFit(model.topology(), model.space(), 1e-8);
    double deformed = 0;
    double plain = 0;
    int n = 8;
    for (int i = 0; i < n; i++) {
      long seed = Split.TEST.sampleSeed(0, i);
      HeadShape head = model.sample(seed);
      OffSpanDeformer.Result r = deformer.deform(head, new SplittableRandom(seed));
      assertTrue(model.validity().check(r.head().headMesh()).valid(), "deformed head " + i + " is plausible");
      plain += residualMm(head.headPositions(), fit.fit(head.headPositions()));
      deformed += residualMm(r.head().headPositions(), fit.fit(r.head().headPositions()));
    }
    assertTrue(plain / n < 0.05, "undeformed residual " + plain / n + " mm");
    assertTrue(deformed / n >= 0.5, "deformed residual " + deformed / n + " mm");
  }

  @Test
  void deformationIsSeededAndMovesPartsWithTheSurface() {
    HeadShape head = model.sample(3);
    float[] a = deformer.deform(head, new SplittableRandom(9)).head().fullPositions();
    float[] b = deformer.deform(head, new SplittableRandom(9)).head().fullPositions();
    assertArrayEquals(a, b);
    // A bump centred on an eyeball's front moves that eye's vertices too (full-array field).
    float[] eye = head.partMesh("eye.L").bounds();
    float[] centre = {(eye[0] + eye[3]) / 2, (eye[1] + eye[4]) / 2, eye[5]};
    OffSpanDeformation d = new OffSpanDeformation(java.util.List.of(new RbfBump(centre, 0.02f, new float[] {0, 0, 0.003f})), 1f);
    float[] moved = d.apply(head.fullPositions());
    int first = model.topology().part("eye.L").orElseThrow().firstVertex();
    assertTrue(moved[3 * first + 2] - head.fullPositions()[3 * first + 2] > 0.0005);
  }

  static double residualMm(float[] p, float[] q) {
    double d = 0;
    for (int v = 0; v < p.length; v += 3) {
      double dx = p[v] - q[v];
      double dy = p[v + 1] - q[v + 1];
      double dz = p[v + 2] - q[v + 2];
      d += Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
    return 1000 * d / (p.length / 3);
  }
}
