package dev.topos.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class SetProbeTest {
  @Test
  void setKeepsGradientFlow() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {1, 2, 3});
      w.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(w).sum());
      }
      float[] g = w.getGradient().toFloatArray();
      assertEquals(4f, g[1], 1e-6);
      w.set(new float[] {5, 6, 7});
      assertEquals(6f, w.toFloatArray()[1], 1e-6);
      w.getGradient().subi(w.getGradient());
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(w).sum());
      }
      assertEquals(12f, w.getGradient().toFloatArray()[1], 1e-6);
    }
  }
}
