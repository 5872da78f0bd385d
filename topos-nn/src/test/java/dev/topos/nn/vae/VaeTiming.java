package dev.topos.nn.vae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measurements, not checks: the class name matches no surefire pattern, so no suite runs it. Run
 * it alone with {@code mvn -o test -pl topos-nn -Dtest=VaeTiming}. Logs, per preset: the parameter
 * count, the median training step (forward, losses, backward, AdamW) at batch 8 for cpu-small, and
 * the median batch-1 encode and decode times.
 */
class VaeTiming {
  private static final Logger LOG = LoggerFactory.getLogger(VaeTiming.class);

  @Test
  void measure() {
    Mesh head = ReferenceTopology.loadBundled().head();
    for (String preset : VaeConfig.PRESETS.keySet()) {
      VaeConfig config = VaeConfig.preset(preset);
      try (TopoVae vae = TopoVae.create(config, head, 1)) {
        LOG.info("{}: {} parameters, {} tokens, pyramid {}", preset, vae.parameters().count(), vae.tokens(),
            Arrays.toString(vae.template().pyramid().sizes()));
        if (preset.equals("cpu-small")) {
          LOG.info("{}: median training step at batch 8: {} s", preset, trainingStep(vae, 8, 15));
        }
        VaeBatch one = TestBatches.random(vae.template(), 1, config.points(), 4);
        int runs = 7;
        double[] enc = new double[runs];
        double[] dec = new double[runs];
        for (int r = 0; r < runs; r++) {
          try (NDManager scope = NDManager.newBaseManager()) {
            NDArray points = scope.create(one.inputs(), new Shape(1, config.points(), 6));
            long t0 = System.nanoTime();
            NDArray mean = vae.encode(points).mean();
            mean.toFloatArray();
            long t1 = System.nanoTime();
            vae.decode(mean).toFloatArray();
            long t2 = System.nanoTime();
            enc[r] = (t1 - t0) / 1e9;
            dec[r] = (t2 - t1) / 1e9;
          }
        }
        LOG.info("{}: batch 1, {} points: median encode {} s, median decode {} s (runs: encode {}, decode {})", preset,
            config.points(), median(enc), median(dec), Arrays.toString(enc), Arrays.toString(dec));
      }
    }
  }

  private static double trainingStep(TopoVae vae, int batchSize, int steps) {
    VaeBatch batch = TestBatches.random(vae.template(), batchSize, vae.config().points(), 3);
    Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build();
    double[] times = new double[steps];
    for (int s = 0; s < steps; s++) {
      long t0 = System.nanoTime();
      try (NDManager step = NDManager.newBaseManager();
          GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        Map<String, NDArray> losses = vae.losses(step, batch, s);
        gc.backward(losses.get("total"));
      }
      vae.parameters().update(adamW);
      times[s] = (System.nanoTime() - t0) / 1e9;
    }
    LOG.info("step times (the first two warm up): {}", Arrays.toString(times));
    return median(Arrays.copyOfRange(times, 2, steps));
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
