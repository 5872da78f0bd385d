package dev.topos.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final float[] CUBE = TestMeshes.cubeQuads().positions();

  private static float[] shiftX(float[] p, float dx) {
    float[] out = p.clone();
    for (int i = 0; i < out.length; i += 3) {
      out[i] += dx;
    }
    return out;
  }

  @Test
  void chamferOfCubeVertices() {
    ChamferDistance self = Metrics.chamfer(CUBE, CUBE);
    assertEquals(new ChamferDistance(0, 0, 0), self);
    // Each vertex's nearest neighbour is its own copy 1 mm away (all others are >= 999 mm away).
    ChamferDistance shifted = Metrics.chamfer(CUBE, shiftX(CUBE, 0.001f));
    assertEquals(1.0, shifted.forwardMm(), 1e-4);
    assertEquals(1.0, shifted.backwardMm(), 1e-4);
    assertEquals(1.0, shifted.symmetricMm(), 1e-4);
  }

  @Test
  void chamferIsAsymmetricPerDirection() {
    // A = {0, 1 m} on x, B = {0}: A->B = (0 + 1000) / 2 mm, B->A = 0, symmetric 250 mm.
    ChamferDistance c = Metrics.chamfer(new float[] {0, 0, 0, 1, 0, 0}, new float[] {0, 0, 0});
    assertEquals(new ChamferDistance(500, 0, 250), c);
  }

  @Test
  void perVertexStatistics() {
    // Displacements of 1..10 mm along y.
    float[] a = new float[30];
    float[] b = new float[30];
    for (int v = 0; v < 10; v++) {
      b[3 * v + 1] = (v + 1) / 1000f;
    }
    ErrorStats s = Metrics.perVertexError(a, b);
    assertEquals(10, s.count());
    assertEquals(5.5, s.meanMm(), 1e-4);
    assertEquals(5.5, s.medianMm(), 1e-4);  // mean of the 5th and 6th values
    assertEquals(9.55, s.p95Mm(), 1e-4);    // rank 0.95 * 9 = 8.55: 9 + 0.55 * (10 - 9)
    assertEquals(10.0, s.maxMm(), 1e-4);

    ErrorStats subset = Metrics.perVertexError(a, b, new int[] {0, 1, 2});
    assertEquals(3, subset.count());
    assertEquals(2.0, subset.meanMm(), 1e-4);
    assertEquals(2.0, subset.medianMm(), 1e-4);
    assertEquals(2.9, subset.p95Mm(), 1e-4); // rank 1.9: 2 + 0.9 * (3 - 2)
    boolean[] mask = new boolean[10];
    mask[9] = true;
    mask[4] = true;
    ErrorStats masked = Metrics.perVertexError(a, b, mask);
    assertEquals(7.5, masked.meanMm(), 1e-4);
    assertEquals(10.0, masked.maxMm(), 1e-4);

    assertEquals(Double.NaN, Metrics.perVertexError(a, b, new int[0]).meanMm());
  }

  @Test
  void fScoreAtOneAndTwoAndAHalfMillimetres() {
    // Four ground-truth points a metre apart; predictions offset by 0.5, 2, 3 and 0 mm, plus an outlier.
    float[] gt = {0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0};
    float[] pred = {0, 0.0005f, 0, 1, 0.002f, 0, 2, 0.003f, 0, 3, 0, 0, 10, 10, 10};
    List<FScore> f = Metrics.fScores(pred, gt, Metrics.TAU_1_MM, Metrics.TAU_2_5_MM);
    // 1 mm: precision 2/5, recall 2/4, F = 2 * 0.4 * 0.5 / 0.9.
    assertEquals(1.0, f.get(0).tauMm());
    assertEquals(0.4, f.get(0).precision(), 1e-12);
    assertEquals(0.5, f.get(0).recall(), 1e-12);
    assertEquals(0.4 / 0.9, f.get(0).fScore(), 1e-12);
    // 2.5 mm: precision 3/5, recall 3/4, F = 2 * 0.6 * 0.75 / 1.35.
    assertEquals(0.6, f.get(1).precision(), 1e-12);
    assertEquals(0.75, f.get(1).recall(), 1e-12);
    assertEquals(0.9 / 1.35, f.get(1).fScore(), 1e-12);
    assertEquals(new FScore(1.0, 1, 1, 1), Metrics.fScore(gt, gt, 1.0));
    assertEquals(0.0, Metrics.fScore(gt, shiftX(gt, 0.01f), 1.0).fScore());
  }

  @Test
  void normalConsistency() {
    float[] up = {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    float[] down = new float[up.length];
    float[] side = new float[up.length];
    for (int i = 0; i < up.length; i += 3) {
      down[i + 2] = -1;
      side[i] = 1;
    }
    PointCloud a = new PointCloud(CUBE, up);
    assertEquals(1.0, Metrics.normalConsistency(a, new PointCloud(CUBE, down)), 1e-12); // orientation ignored
    assertEquals(0.0, Metrics.normalConsistency(a, new PointCloud(CUBE, side)), 1e-12);
    // Half the points of the other cloud at 60 degrees: mean |cos| = (1 + 0.5) / 2 both ways.
    float[] mixed = up.clone();
    for (int i = 0; i < 4; i++) {
      mixed[3 * i] = (float) Math.sin(Math.PI / 3);
      mixed[3 * i + 2] = 0.5f;
    }
    assertEquals(0.75, Metrics.normalConsistency(a, new PointCloud(CUBE, mixed)), 1e-6);
  }

  @Test
  void pointToSurface() {
    ClosestPointOnMesh cube = new ClosestPointOnMesh(TestMeshes.cubeQuads());
    // 1 mm and 3 mm above the top face.
    ErrorStats s = Metrics.pointToSurface(new float[] {0.5f, 0.5f, 1.001f, 0.2f, 0.7f, 1.003f}, cube);
    assertEquals(2.0, s.meanMm(), 1e-4);
    assertEquals(3.0, s.maxMm(), 1e-4);
  }
}
