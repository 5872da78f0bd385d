package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Metrics;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.Similarity;
import dev.topos.topology.space.HeadShape;
import org.junit.jupiter.api.Test;

class MeanHeadFitTest {

  /** The reference head itself, moved by the known similarity, is put back exactly. */
  @Test
  void recoversTheSimilarityOfTheReferenceHead() {
    float[] reference = FitFixtures.model().topology().head().positions();
    PointCloud scan = FitFixtures.moved(new PointCloud(reference, FitFixtures.model().topology().head().vertexNormals()));
    Similarity s = FitFixtures.mean().align(scan);
    assertTrue(FitFixtures.distanceMm(s.translation(), FitFixtures.TRUE_TRANSLATION) < 0.1, "translation " + s);
    assertEquals(FitFixtures.TRUE_SCALE, s.scale(), 1e-4);
    assertTrue(rotationErrorDegrees(s.rotation(), FitFixtures.truth().rotation()) < 0.05, "rotation " + s);
    assertTrue(Metrics.perVertexError(s.apply(reference), FitFixtures.truth().apply(reference)).meanMm() < 0.05);
  }

  /**
   * Acceptance: on a sampled head (noisy vertices, and surface samples) moved by 5 degrees, x1.03
   * and (10, -20, 15) mm, the aligned mean head is far closer to the truth than the unaligned one,
   * and the recovered transform is the scan's: aligning the moved scan gives the alignment of the
   * unmoved scan followed by the true similarity, translation within 3 mm.
   */
  @Test
  void alignsTheMeanHeadToASampledHead() {
    HeadShape head = FitFixtures.head();
    float[] reference = FitFixtures.model().topology().head().positions();
    float[] truth = FitFixtures.truth().apply(head.headPositions());
    double unaligned = Metrics.perVertexError(reference, truth).meanMm();
    for (PointCloud canonical : new PointCloud[] {FitFixtures.vertexScan(head), FitFixtures.surfaceScan(head)}) {
      Similarity still = FitFixtures.mean().align(canonical);
      Similarity moved = FitFixtures.mean().align(FitFixtures.moved(canonical));
      double aligned = Metrics.perVertexError(moved.apply(reference), truth).meanMm();
      assertTrue(aligned < unaligned / 3, "aligned " + aligned + " mm vs unaligned " + unaligned + " mm");
      assertTrue(aligned < 7, "aligned mean head error " + aligned + " mm");
      Similarity expected = still.andThen(FitFixtures.truth());
      double translationError = FitFixtures.distanceMm(moved.translation(), expected.translation());
      assertTrue(translationError < 3, "translation off by " + translationError + " mm");
      assertEquals(expected.scale(), moved.scale(), 0.01 * expected.scale());
      double rotationError = rotationErrorDegrees(moved.rotation(), expected.rotation());
      assertTrue(rotationError < 2, "rotation off by " + rotationError + " degrees");
    }
  }

  /** A face-only scan (everything behind z = -3 cm removed) is still aligned. */
  @Test
  void alignsAPartialScan() {
    HeadShape head = FitFixtures.head();
    float[] reference = FitFixtures.model().topology().head().positions();
    float[] truth = FitFixtures.truth().apply(head.headPositions());
    double unaligned = Metrics.perVertexError(reference, truth).meanMm();
    PointCloud canonical = FitFixtures.withoutBack(FitFixtures.surfaceScan(head));
    Similarity still = FitFixtures.mean().align(canonical);
    Similarity moved = FitFixtures.mean().align(FitFixtures.moved(canonical));
    double aligned = Metrics.perVertexError(moved.apply(reference), truth).meanMm();
    assertTrue(aligned < unaligned / 3 && aligned < 8, "aligned " + aligned + " mm vs unaligned " + unaligned + " mm");
    assertTrue(FitFixtures.distanceMm(moved.translation(), still.andThen(FitFixtures.truth()).translation()) < 3);
  }

  @Test
  void isDeterministicAndIndifferentToNormalOrientation() {
    PointCloud scan = FitFixtures.moved(FitFixtures.surfaceScan(FitFixtures.head()));
    float[] a = FitFixtures.mean().fit(scan);
    float[] b = FitFixtures.mean().fit(scan);
    assertArrayEquals(a, b);
    float[] inward = scan.normals().clone();
    for (int i = 0; i < inward.length; i++) {
      inward[i] = -inward[i];
    }
    assertArrayEquals(a, FitFixtures.mean().fit(new PointCloud(scan.positions(), inward)));
    assertEquals(3 * FitFixtures.model().topology().vertexCount(), a.length);
  }

  @Test
  void rejectsUnusableScansAndOptions() {
    assertThrows(IllegalArgumentException.class, () -> FitFixtures.mean().align(new PointCloud(new float[9], null)));
    float[] p = FitFixtures.surfaceScan(FitFixtures.head()).positions().clone();
    p[7] = Float.NaN;
    assertThrows(IllegalArgumentException.class, () -> FitFixtures.mean().fit(new PointCloud(p, null)));
    assertThrows(IllegalArgumentException.class, () -> new MeanHeadFit.Options(30, 1000, 1.0, 60, 100));
    assertThrows(IllegalArgumentException.class, () -> new MeanHeadFit.Options(30, 1000, 0.1, 0, 100));
  }

  /** Angle of R_a R_b^T, degrees. */
  static double rotationErrorDegrees(double[] a, double[] b) {
    double trace = 0;
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 3; k++) {
        trace += a[3 * i + k] * b[3 * i + k];
      }
    }
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (trace - 1) / 2))));
  }
}
