package dev.topos.topology.pyramid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VaeFrameTest {

  @Test
  void boxCentreAndLargestNormOfAHandComputedCase() {
    // Box x in [0, 4], y in [-2, 2], z in [1, 1]: centre (2, 0, 1); farthest point (0, 2, 1) at sqrt(8).
    VaeFrame f = VaeFrame.of(new float[] {0, 2, 1, 4, -2, 1, 3, 0, 1});
    assertEquals(2, f.cx());
    assertEquals(0, f.cy());
    assertEquals(1, f.cz());
    assertEquals(Math.sqrt(8), f.scale(), 1e-12);
    float[] u = f.toUnit(new float[] {0, 2, 1});
    assertEquals(-2 / Math.sqrt(8), u[0], 1e-7);
    assertEquals(2 / Math.sqrt(8), u[1], 1e-7);
    assertEquals(0, u[2]);
  }

  @Test
  void unitFrameFitsTheUnitBallAndRoundTrips() {
    SplittableRandom r = new SplittableRandom(7);
    float[] p = new float[3 * 1001];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (r.nextGaussian() * 0.1 + 0.3);
    }
    VaeFrame f = VaeFrame.of(p);
    float[] u = f.toUnit(p);
    double max = 0;
    for (int i = 0; i < u.length; i += 3) {
      max = Math.max(max, Math.sqrt(u[i] * u[i] + u[i + 1] * u[i + 1] + u[i + 2] * u[i + 2]));
    }
    assertEquals(1.0, max, 1e-6);
    float[] back = f.fromUnit(u);
    for (int i = 0; i < p.length; i++) {
      assertEquals(p[i], back[i], 1e-6);
    }
  }

  @Test
  void degenerateInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> VaeFrame.of(new float[0]));
    assertThrows(IllegalArgumentException.class, () -> VaeFrame.of(new float[] {1, 1, 1, 1, 1, 1}));
    assertThrows(IllegalArgumentException.class, () -> VaeFrame.of(new float[] {0, 0, Float.NaN}));
  }
}
