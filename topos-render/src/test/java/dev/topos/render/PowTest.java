package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowTest {
  @Test
  void matchesStrictMathWithinOnePartPerBillion() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 100_000; i++) {
      double x = rnd.nextDouble();
      double y = rnd.nextDouble() * (i % 2 == 0 ? 8 : 5000);
      double want = StrictMath.pow(x, y);
      assertEquals(want, Pow.pow(x, y), 1e-9 * want + 1e-300, x + "^" + y);
    }
    assertEquals(1, Pow.pow(0.3, 0));
    assertEquals(0, Pow.pow(0, 2));
    assertEquals(1, Pow.pow(1, 1234.5));
    assertEquals(0.125, Pow.pow(0.5, 3), 1e-15);
  }
}
