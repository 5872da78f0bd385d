package dev.topos.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** DJL and its PyTorch engine load offline from the jars on the classpath and compute. */
class EngineSmokeTest {

  @Test
  void pyTorchEngineLoadsOfflineAndMultipliesMatrices() {
    assertEquals("true", System.getProperty("ai.djl.offline"));
    assertEquals("PyTorch", Engine.getInstance().getEngineName());
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray a = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
      NDArray b = manager.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
      assertArrayEquals(new float[] {4, 5, 10, 11}, a.matMul(b).toFloatArray());
    }
  }
}
