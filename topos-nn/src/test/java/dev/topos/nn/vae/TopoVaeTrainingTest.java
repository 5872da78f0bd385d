package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.topos.topology.ReferenceTopology;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Training works end to end: autograd reaches every parameter and AdamW overfits one batch. */
class TopoVaeTrainingTest {
  private static final Logger LOG = LoggerFactory.getLogger(TopoVaeTrainingTest.class);

  @Test
  void twentyAdamWStepsOnOneBatchHalveTheLossAndEveryParameterMoves() {
    VaeConfig config = VaeConfig.cpuSmall();
    try (TopoVae vae = TopoVae.create(config, ReferenceTopology.loadBundled().head(), 1)) {
      VaeBatch batch = TestBatches.random(vae.template(), 8, config.points(), 21);
      Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(0.01f).build();
      Map<String, float[]> initial = new java.util.HashMap<>();
      vae.parameters().asMap().forEach((name, p) -> initial.put(name, p.toFloatArray()));
      float first = Float.NaN;
      float last = Float.NaN;
      for (int step = 0; step < 20; step++) {
        try (NDManager scope = NDManager.newBaseManager();
            GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          Map<String, NDArray> losses = vae.losses(scope, batch, step);
          gc.backward(losses.get("total"));
          last = losses.get("total").getFloat();
        }
        double norm = vae.parameters().gradientNorm();
        assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm " + norm);
        if (norm > 1.0) {
          vae.parameters().scaleGradients(1.0 / norm); // clip by global norm, as a training loop would
        }
        vae.parameters().update(adamW);
        if (step == 0) {
          first = last;
        }
        LOG.debug("step {} total {}", step, last);
      }
      assertTrue(last <= 0.5f * first, "total loss " + first + " -> " + last + " after 20 steps");
      for (var e : vae.parameters().asMap().entrySet()) {
        assertTrue(TopoVaeTest.maxAbsDiff(initial.get(e.getKey()), e.getValue().toFloatArray()) > 0,
            e.getKey() + " never moved: no gradient reaches it");
      }
    }
  }
}
