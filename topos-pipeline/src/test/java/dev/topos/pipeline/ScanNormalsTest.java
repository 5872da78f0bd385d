package dev.topos.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.NormalEstimation;
import dev.topos.geometry.PointCloud;
import dev.topos.topology.scan.Units;
import org.junit.jupiter.api.Test;

/** How {@link ScanRetopologizer#prepare} reads a scan's normals: given, inside out, mixed, or none. */
class ScanNormalsTest {
  static final int N = 800;

  /** A 0.2 m ball (head-sized, metres) and its outward normals, with those of points x > min turned inward. */
  static PointCloud ball(boolean inwardAll, double flipAboveX) {
    float[] unit = ScanReaderTest.spherePoints(N);
    float[] p = new float[unit.length];
    float[] n = new float[unit.length];
    for (int i = 0; i < N; i++) {
      boolean flip = inwardAll || unit[3 * i] > flipAboveX;
      for (int c = 0; c < 3; c++) {
        p[3 * i + c] = 0.1f * unit[3 * i + c];
        n[3 * i + c] = flip ? -unit[3 * i + c] : unit[3 * i + c];
      }
    }
    return new PointCloud(p, n);
  }

  static ScanRetopologizer.PreparedScan prepare(PointCloud scan) {
    return ScanRetopologizer.prepare(scan, ScanRetopologizer.Options.DEFAULT.withUnits(Units.M));
  }

  /** Share of the prepared normals that face outward (the ball is centred at the origin). */
  static double outwardShare(ScanRetopologizer.PreparedScan s) {
    float[] p = s.conditioned().positions();
    float[] n = s.conditioned().normals();
    int out = 0;
    for (int i = 0; i < p.length / 3; i++) {
      out += n[3 * i] * p[3 * i] + n[3 * i + 1] * p[3 * i + 1] + n[3 * i + 2] * p[3 * i + 2] > 0 ? 1 : 0;
    }
    return out / (double) (p.length / 3);
  }

  @Test
  void theBalanceTellsOutwardInwardAndMixedNormalsApart() {
    PointCloud out = ball(false, 2);
    assertEquals(1, NormalEstimation.outwardBalance(out.positions(), out.normals()), 1e-6);
    PointCloud in = ball(true, 2);
    assertEquals(-1, NormalEstimation.outwardBalance(in.positions(), in.normals()), 1e-6);
    PointCloud half = ball(false, 0);
    assertEquals(0, NormalEstimation.outwardBalance(half.positions(), half.normals()), 0.05);
  }

  @Test
  void givenNormalsAreKeptInsideOutOnesTurnedAroundAndMixedOnesEstimatedAnew() {
    ScanRetopologizer.PreparedScan given = prepare(ball(false, 2));
    assertEquals(ScanRetopologizer.Normals.GIVEN, given.normals());
    assertEquals(1, outwardShare(given), 1e-9);

    ScanRetopologizer.PreparedScan insideOut = prepare(ball(true, 2));
    assertEquals(ScanRetopologizer.Normals.INSIDE_OUT_FLIPPED, insideOut.normals());
    assertEquals(1, outwardShare(insideOut), 1e-9);

    ScanRetopologizer.PreparedScan mixed = prepare(ball(false, 0)); // half the ball inward
    assertEquals(ScanRetopologizer.Normals.MIXED_REESTIMATED, mixed.normals());
    assertTrue(mixed.normalsEstimated());
    assertEquals(1, outwardShare(mixed), 1e-9); // PCA normals, propagated: a ball gets them all right

    ScanRetopologizer.PreparedScan a = prepare(ball(false, 0.8)); // a cap of 10 % inward: still given
    assertEquals(ScanRetopologizer.Normals.GIVEN, a.normals());
    ScanRetopologizer.PreparedScan none = prepare(new PointCloud(ball(false, 2).positions(), null));
    assertEquals(ScanRetopologizer.Normals.ESTIMATED, none.normals());
  }
}
