package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.topology.ReferenceTopology;
import org.junit.jupiter.api.Test;

class RetopoMetricsTest {
  @Test
  void aPerfectPredictionScoresPerfectlyAndAShiftedOneByItsShift() {
    Mesh head = ReferenceTopology.loadBundled().head();
    boolean[] all = new boolean[head.vertexCount()];
    java.util.Arrays.fill(all, true);
    PointCloud scan = new SurfaceSampler(head).samplePoints(4096, 3, SurfaceSampler.NormalMode.FACE);
    RetopoMetrics same = RetopoMetrics.of(head, all, head.positions(), head.positions(), scan);
    assertEquals(0, same.vertex().meanMm(), 1e-9);
    assertEquals(1.0, same.fScore1mm(), 1e-9);
    assertTrue(same.scanToSurfaceMm() < 1e-3);
    assertTrue(same.normalConsistency() > 0.95);
    float[] shifted = head.positions().clone();
    for (int i = 0; i < shifted.length; i += 3) {
      shifted[i] += 0.002f; // 2 mm along x
    }
    RetopoMetrics off = RetopoMetrics.of(head, all, shifted, head.positions(), scan);
    assertEquals(2.0, off.vertex().meanMm(), 1e-3);
    assertTrue(off.fScore1mm() < 0.8, "f " + off.fScore1mm());
  }
}
