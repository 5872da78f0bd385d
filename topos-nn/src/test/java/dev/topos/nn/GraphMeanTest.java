package dev.topos.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.pyramid.Adjacency;
import dev.topos.topology.pyramid.GraphPyramid;
import dev.topos.topology.pyramid.PyramidSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every GraphOp against a dense adjacency computed in Java (the oracle), values and gradients. */
class GraphMeanTest {

  @ParameterizedTest
  @EnumSource(GraphOp.class)
  void matchesDenseMeanOnAPyramidLevel(GraphOp op) {
    GraphPyramid pyramid = GraphPyramid.of(ReferenceTopology.loadBundled().head(), PyramidSpec.cpuSmall());
    check(op, pyramid.level(2).adjacency(), 3, 13);
  }

  @ParameterizedTest
  @EnumSource(GraphOp.class)
  void matchesDenseMeanWithAnIsolatedNode(GraphOp op) {
    // Node 3 has no neighbours: its mean is 0.
    check(op, Adjacency.fromEdges(5, new int[] {0, 1, 1, 2, 2, 0, 2, 4}), 2, 5);
  }

  private static void check(GraphOp op, Adjacency g, int batch, int width) {
    int n = g.size();
    SplittableRandom r = new SplittableRandom(n * 31L + width);
    float[] x = random(r, n * batch * width);
    float[] probe = random(r, n * batch * width);
    double[][] dense = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int c = g.rowStart()[i]; c < g.rowStart()[i + 1]; c++) {
        dense[i][g.cols()[c]] = 1.0 / g.degree(i);
      }
    }
    int row = batch * width;
    double[] expected = new double[n * row];
    double[] expectedGrad = new double[n * row]; // d/dx sum(probe * A x) = A^T probe
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (dense[i][j] != 0) {
          for (int k = 0; k < row; k++) {
            expected[i * row + k] += dense[i][j] * x[j * row + k];
            expectedGrad[j * row + k] += dense[i][j] * probe[i * row + k];
          }
        }
      }
    }
    try (NDManager m = NDManager.newBaseManager()) {
      GraphMean mean = op.over(g, m);
      try (NDManager scope = m.newSubManager()) {
        NDArray input = scope.create(x, new Shape(n, batch, width));
        input.setRequiresGradient(true);
        float[] got;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray y = mean.apply(input);
          assertEquals(new Shape(n, batch, width), y.getShape());
          assertEquals(scope, y.getManager(), "result must live in the input's scope");
          got = y.toFloatArray();
          gc.backward(y.mul(scope.create(probe, new Shape(n, batch, width))).sum());
        }
        float[] grad = input.getGradient().toFloatArray();
        for (int i = 0; i < got.length; i++) {
          assertEquals(expected[i], got[i], 1e-5, op + " value " + i);
          assertEquals(expectedGrad[i], grad[i], 1e-5, op + " gradient " + i);
        }
      }
    }
  }

  private static float[] random(SplittableRandom r, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }
}
