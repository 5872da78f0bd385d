package dev.topos.topology.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Metrics;
import dev.topos.geometry.PointCloud;
import dev.topos.topology.space.HeadShape;
import dev.topos.topology.space.LinearHeadFit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearSpaceFitTest {
  /** Most seconds one fit may take after construction. */
  static final double MAX_SECONDS_PER_SCAN = 10;

  /** Mean per-vertex errors (mm) of the mean head and the linear fit on a scan, and the fit's time (s). */
  record Errors(double meanHead, double linear, double seconds) {}

  static Errors errors(PointCloud canonicalScan, HeadShape head) {
    PointCloud scan = FitFixtures.moved(canonicalScan);
    float[] truth = FitFixtures.truth().apply(head.headPositions());
    float[] mean = FitFixtures.mean().fit(scan);
    long start = System.nanoTime();
    LinearSpaceFit.Result r = FitFixtures.linear().solve(scan);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(truth.length, r.positions().length);
    return new Errors(Metrics.perVertexError(mean, truth).meanMm(), Metrics.perVertexError(r.positions(), truth).meanMm(), seconds);
  }

  /** Acceptance: a full, noisy vertex scan of an in-span head is fitted to below 1 mm per vertex. */
  @Test
  void fitsAFullVertexScanBelowOneMillimetre() {
    HeadShape head = FitFixtures.head();
    Errors e = errors(FitFixtures.vertexScan(head), head);
    assertTrue(e.linear() < 1.0, "linear-space fit " + e.linear() + " mm");
    assertTrue(e.linear() < e.meanHead() / 3, e.linear() + " mm vs mean head " + e.meanHead() + " mm");
    assertTrue(e.seconds() < MAX_SECONDS_PER_SCAN, e.seconds() + " s");
  }

  /** Acceptance: 40,000 surface samples of an in-span head are fitted to below 1 mm per vertex. */
  @Test
  void fitsAFullSurfaceScanBelowOneMillimetre() {
    HeadShape head = FitFixtures.head();
    Errors e = errors(FitFixtures.surfaceScan(head), head);
    assertTrue(e.linear() < 1.0, "linear-space fit " + e.linear() + " mm");
    assertTrue(e.linear() < e.meanHead() / 3, e.linear() + " mm vs mean head " + e.meanHead() + " mm");
    assertTrue(e.seconds() < MAX_SECONDS_PER_SCAN, e.seconds() + " s");
  }

  /** Acceptance: with the back of the head removed (z < -3 cm), the linear fit still beats the mean head. */
  @Test
  void beatsTheMeanHeadOnPartialScans() {
    HeadShape head = FitFixtures.head();
    for (PointCloud full : new PointCloud[] {FitFixtures.vertexScan(head), FitFixtures.surfaceScan(head)}) {
      Errors e = errors(FitFixtures.withoutBack(full), head);
      assertTrue(e.linear() < 0.85 * e.meanHead(), e.linear() + " mm vs mean head " + e.meanHead() + " mm");
      assertTrue(e.seconds() < MAX_SECONDS_PER_SCAN, e.seconds() + " s");
    }
  }

  /** Scans without normals fall back to point-to-point targets and still fit. */
  @Test
  void fitsAScanWithoutNormals() {
    HeadShape head = FitFixtures.head();
    PointCloud surface = FitFixtures.surfaceScan(head);
    Errors e = errors(new PointCloud(surface.positions(), null), head);
    assertTrue(e.linear() < 2 && e.linear() < e.meanHead() / 2, e.linear() + " mm vs mean head " + e.meanHead() + " mm");
  }

  @Test
  void sameScanGivesIdenticalOutput() {
    PointCloud scan = FitFixtures.moved(FitFixtures.withoutBack(FitFixtures.vertexScan(FitFixtures.head())));
    LinearSpaceFit.Result a = FitFixtures.linear().solve(scan);
    LinearSpaceFit.Result b = FitFixtures.linear().solve(scan);
    assertArrayEquals(a.positions(), b.positions());
    assertEquals(a.similarity(), b.similarity());
  }

  /** At a fixed ridge weight the eigendecomposed solve is LinearHeadFit's. */
  @Test
  void spectralSolveMatchesLinearHeadFit() {
    float[] h = FitFixtures.head().headPositions();
    Random random = new Random(1);
    for (int i = 0; i < h.length; i++) {
      h[i] += (float) (0.002 * random.nextGaussian());
    }
    SpectralRidgeFit spectral = new SpectralRidgeFit(FitFixtures.model().topology(), FitFixtures.model().space());
    LinearHeadFit cholesky = new LinearHeadFit(FitFixtures.model().topology(), FitFixtures.model().space(), 1e-6);
    assertEquals(cholesky.columns(), spectral.columns());
    assertTrue(Metrics.perVertexError(spectral.fit(h, 1e-6), cholesky.fit(h)).maxMm() < 0.02);
  }

  @Test
  void optionsAnnealTheRidgeAndValidate() {
    LinearSpaceFit.Options o = LinearSpaceFit.Options.defaults();
    assertEquals(o.initialRidge(), o.ridgeAt(0), 1e-18);
    assertEquals(o.ridge(), o.ridgeAt(o.iterations() - 1), 1e-18);
    assertTrue(o.ridgeAt(5) < o.ridgeAt(4));
    assertEquals(1e-5, o.withFixedRidge(1e-5).ridgeAt(7), 1e-18);
    assertThrows(IllegalArgumentException.class, () -> o.withRidge(0));
    assertThrows(IllegalArgumentException.class, () -> new LinearSpaceFit.Options(1e-6, 1e-4, 10, 2.0, 3, 0.01, 0.025, 60, true, o.alignment()));
    LinearSpaceFit none = FitFixtures.linear().withOptions(o.withIterations(0));
    PointCloud scan = FitFixtures.moved(FitFixtures.vertexScan(FitFixtures.head()));
    assertArrayEquals(FitFixtures.mean().fit(scan), none.fit(scan)); // zero rounds: the mean head
  }
}
