package dev.topos.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through {@link Scalars} survive a garbage collection between the forward and the backward
 * pass; DJL's own {@code mul(Number)}, under the same provocation, reads freed memory (the control
 * that shows the provocation reaches it).
 */
class ScalarsTest {
  private static final int TRIES = 5;

  /** The gradient of sum(op(x)) at x = (1, 2, 4), with the garbage collector run and its memory refilled in between. */
  private static float[] gradientAfterCollection(UnaryOperator<NDArray> op) {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = manager.create(new float[] {1f, 2f, 4f}); // [3]
      x.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray loss = op.apply(x).sum(); // []
        List<ByteBuffer> refill = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          System.gc(); // frees unreachable direct buffers (their cleaners run on a reference queue)
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        for (int i = 0; i < 20_000; i++) { // small allocations that land where freed buffers were
          ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
          b.putFloat(0, 7f);
          refill.add(b);
        }
        gc.backward(loss);
        return x.getGradient().toFloatArray();
      }
    }
  }

  @Test
  void timesKeepsItsGradientWhereDjlsMulLosesIt() {
    int djlWrong = 0;
    for (int t = 0; t < TRIES; t++) {
      assertArrayEquals(new float[] {3f, 3f, 3f}, gradientAfterCollection(x -> Scalars.times(x, 3f)), "Scalars.times, try " + t);
      float[] djl = gradientAfterCollection(x -> x.mul(3f));
      if (djl[0] != 3f) {
        djlWrong++;
      }
    }
    assertTrue(djlWrong > 0, "DJL's mul(Number) kept its gradient in all " + TRIES + " tries: either DJL no longer frees the"
        + " constant (then Scalars may go) or this test no longer provokes the collection it needs");
  }

  @Test
  void atLeastKeepsItsGradient() {
    for (int t = 0; t < TRIES; t++) { // max(x, 1.5): x = 1 is below, so its gradient is 0
      assertArrayEquals(new float[] {0f, 1f, 1f}, gradientAfterCollection(x -> Scalars.atLeast(x, 1.5f)), "try " + t);
    }
  }
}
