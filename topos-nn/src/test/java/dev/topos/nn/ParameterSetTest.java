package dev.topos.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ParameterSetTest {

  private static ParameterSet declare(NDManager m, long seed) {
    ParameterSet p = ParameterSet.fresh(m, seed);
    p.add("a.w", new Shape(3, 4), Init.normal(1));
    p.add("a.b", new Shape(4), Init.zeros());
    p.add("n.gamma", new Shape(5), Init.ones());
    return p;
  }

  @Test
  void sameSeedSameValuesAndValuesDoNotDependOnDeclarationOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet one = declare(m, 7);
      ParameterSet two = declare(m, 7);
      ParameterSet other = declare(m, 8);
      assertArrayEquals(one.values("a.w"), two.values("a.w"));
      assertFalse(Arrays.equals(one.values("a.w"), other.values("a.w")));
      ParameterSet reordered = ParameterSet.fresh(m, 7);
      reordered.add("x", new Shape(9), Init.normal(1));
      reordered.add("a.w", new Shape(3, 4), Init.normal(1));
      assertArrayEquals(one.values("a.w"), reordered.values("a.w"));
      assertArrayEquals(new float[] {1, 1, 1, 1, 1}, one.values("n.gamma"));
      assertEquals(12 + 4 + 5, one.count());
    }
  }

  @Test
  void writeThenReadIsExact() throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet p = declare(m, 3);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      p.write(out);
      ParameterSet back = ParameterSet.read(m, new ByteArrayInputStream(out.toByteArray()));
      back.add("a.w", new Shape(3, 4), Init.zeros());
      back.add("a.b", new Shape(4), Init.ones());
      back.add("n.gamma", new Shape(5), Init.zeros());
      back.checkAllClaimed();
      for (String name : p.asMap().keySet()) {
        assertArrayEquals(p.values(name), back.values(name), name);
      }
    }
  }

  @Test
  void readRejectsAShapeMismatchUnclaimedParametersAndForeignFiles() throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      declare(m, 3).write(out);
      byte[] bytes = out.toByteArray();
      ParameterSet wrongShape = ParameterSet.read(m, new ByteArrayInputStream(bytes));
      assertThrows(IllegalArgumentException.class, () -> wrongShape.add("a.w", new Shape(4, 3), Init.zeros()));
      ParameterSet partial = ParameterSet.read(m, new ByteArrayInputStream(bytes));
      partial.add("a.w", new Shape(3, 4), Init.zeros());
      assertThrows(IllegalArgumentException.class, partial::checkAllClaimed);
      assertThrows(IllegalArgumentException.class, () -> partial.add("missing", new Shape(1), Init.zeros()));
      assertThrows(IOException.class, () -> ParameterSet.read(m, new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})));
    }
  }

  /**
   * zeroGradients clears NaN, and the gradient keeps storage of its own: after many garbage
   * collections (which free any direct buffer a transient wrapper held), backward passes still
   * accumulate the exact gradient of sum(w * c) = c. The first version pointed the gradient at a
   * buffer freed by the collector, which corrupted the native heap of a training run.
   */
  @Test
  void zeroGradientsClearsNanAndTheGradientSurvivesGarbageCollection() {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet p = declare(m, 5);
      NDArray w = p.get("a.w");
      float[] c = new float[12];
      for (int i = 0; i < c.length; i++) {
        c[i] = i - 5.5f;
      }
      NDArray coefficients = m.create(c, new Shape(3, 4));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(w.mul(Float.NaN).sum());
      }
      p.zeroGradients();
      assertArrayEquals(new float[12], w.getGradient().toFloatArray());
      for (int round = 1; round <= 3; round++) {
        for (int i = 0; i < 5; i++) {
          System.gc();
          byte[][] churn = new byte[64][];
          for (int k = 0; k < churn.length; k++) {
            churn[k] = new byte[1 << 16];
          }
          java.nio.ByteBuffer.allocateDirect(1 << 20).put(0, (byte) 1);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          gc.backward(w.mul(coefficients).sum());
        }
        float[] g = w.getGradient().toFloatArray();
        for (int i = 0; i < c.length; i++) {
          assertEquals(round * c[i], g[i], 1e-5, "round " + round + " element " + i);
        }
      }
      p.zeroGradients();
      assertArrayEquals(new float[12], w.getGradient().toFloatArray());
    }
  }

  /**
   * The per-step gradient bookkeeping leaves nothing behind in the model's manager: results of
   * operations on a gradient are attached there, and one unclosed intermediate per parameter per
   * step (in gradientNorm) grew a training run to 24 GB.
   */
  @Test
  void gradientBookkeepingLeavesNoArraysInTheModelsManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet p = declare(m, 9);
      NDManager model = p.get("a.w").getManager();
      dev.topos.nn.train.AdamW adam = dev.topos.nn.train.AdamW.standard();
      int after = -1;
      for (int step = 0; step < 4; step++) {
        try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray x = scope.ones(new Shape(2, 3));
          gc.backward(Scope.into(x.matMul(p.get("a.w")), x).add(p.get("a.b")).sum());
        }
        double norm = p.gradientNorm();
        p.scaleGradients(0.5);
        adam.step(p, 1e-3, 0.01, 1 / Math.max(1, norm));
        p.zeroGradients();
        if (step == 0) {
          after = model.getManagedArrays().size();
        }
      }
      assertEquals(after, model.getManagedArrays().size());
    }
  }

  /**
   * The first AdamW step moves every weight by lr against the sign of its gradient (m/sqrt(v) = +-1);
   * the values live in the parameter's own storage (they survive collections), and autograd still
   * reaches the parameter afterwards.
   */
  @Test
  void adamWritesItsUpdateIntoTheParametersOwnStorage() {
    try (NDManager m = NDManager.newBaseManager()) {
      ParameterSet p = declare(m, 5);
      float[] expected = p.values("a.w");
      for (int i = 0; i < expected.length; i++) {
        expected[i] -= 0.1f;
      }
      backwardOfSum(m, p);
      dev.topos.nn.train.AdamW.standard().step(p, 0.1, 0, 1);
      for (int i = 0; i < 5; i++) {
        System.gc();
        java.nio.ByteBuffer.allocateDirect(1 << 20).put(0, (byte) 1);
      }
      assertArrayEquals(expected, p.values("a.w"), 1e-6f);
      float[] zero = new float[expected.length];
      assertArrayEquals(zero, p.get("a.w").getGradient().toFloatArray(), 0f, "the step zeroes the gradient");
      backwardOfSum(m, p);
      float[] two = zero.clone();
      Arrays.fill(two, 2f);
      assertArrayEquals(two, p.get("a.w").getGradient().toFloatArray(), 1e-6f, "gradients reach the updated parameter");
    }
  }

  /** Backward of sum(ones[2, 3] x a.w): the gradient of every weight is 2. */
  private static void backwardOfSum(NDManager m, ParameterSet p) {
    try (NDManager scope = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray x = scope.ones(new Shape(2, 3)); // [2, 3]
      gc.backward(Scope.into(x.matMul(p.get("a.w")), x).sum()); // [] ; d/dw = 2
    }
  }
}
