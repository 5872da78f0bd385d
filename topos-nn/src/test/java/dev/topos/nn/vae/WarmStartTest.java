package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.topos.topology.ReferenceTopology;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Growing the encoder: the grown model starts as the trained one, and its new layers can learn. */
class WarmStartTest {
  /** {@code c} with other attention heads and latent channels. */
  static VaeConfig with(VaeConfig c, int heads, int headWidth, int latentChannels) {
    return new VaeConfig(c.points(), c.fourierFrequencies(), c.width(), c.encoderLayers(), heads, headWidth, c.ffnMultiplier(),
        latentChannels, c.logVarMin(), c.logVarMax(), c.pyramid(), c.decoderWidths(), c.decoderBlocks(), c.normGroups(),
        c.graphOp(), c.klWeight(), c.positionWeight(), c.normalWeight(), c.faceNormalWeight(), c.angleWeight(),
        c.dihedralWeight(), c.localAttention(), c.localPatch(), c.globalRank());
  }

  @Test
  void aGrownEncoderComputesExactlyWhatTheTrainedOneDidAndItsNewLayersGetGradients() {
    VaeConfig small = VaeConfig.cpuSmall();
    VaeTemplate template = VaeTemplate.of(ReferenceTopology.loadBundled().head(), small.pyramid());
    VaeBatch batch = TestBatches.random(template, 2, 200, 3);
    try (TopoVae trained = TopoVae.create(small, template, 11);
        TopoVae grown = TopoVae.create(small.withEncoderLayers(4).withPoints(2048), template, 12)) {
      float[] before = TopoVaeTest.reconstruct(grown, batch.inputs(), 2);
      WarmStart.Report report = WarmStart.apply(grown, trained);
      assertEquals(trained.parameters().asMap().size(), report.copied());
      assertEquals(2 * 4, report.zeroed()); // two new layers, two residual outputs of w and b each
      assertEquals(grown.parameters().asMap().size(), report.copied() + report.zeroed() + report.fresh());
      float[] expected = TopoVaeTest.reconstruct(trained, batch.inputs(), 2);
      float[] actual = TopoVaeTest.reconstruct(grown, batch.inputs(), 2);
      assertArrayEquals(expected, actual); // bit for bit: the new layers add exact zeros
      assertFalse(Arrays.equals(before, actual));

      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(grown.losses(scope, batch, 5).get("total"));
      }
      double newLayerGradient = grown.parameters().get("encoder.layers.3.ffn_out.w").getGradient().abs().sum().getFloat();
      assertTrue(newLayerGradient > 0, "new layer's zeroed output gets a gradient: " + newLayerGradient);
      grown.parameters().zeroGradients();
    }
  }

  @Test
  void anythingButDeeperIsRefused() {
    VaeConfig small = VaeConfig.cpuSmall();
    VaeTemplate template = VaeTemplate.of(ReferenceTopology.loadBundled().head(), small.pyramid());
    try (TopoVae trained = TopoVae.create(small, template, 11);
        TopoVae shallower = TopoVae.create(small.withEncoderLayers(1), template, 1);
        TopoVae otherLatent = TopoVae.create(with(small, 2, 64, 8).withEncoderLayers(3), template, 1);
        TopoVae sameShapes = TopoVae.create(with(small, 4, 32, 16).withEncoderLayers(3), template, 1)) {
      String shallow = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(shallower, trained)).getMessage();
      assertTrue(shallow.contains("deeper"), shallow);
      String latent = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(otherLatent, trained)).getMessage();
      assertTrue(latent.contains("only those may change"), latent);
      // 4 heads of 32 give every projection the shape of 2 heads of 64, but not the same meaning
      String heads = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(sameShapes, trained)).getMessage();
      assertTrue(heads.contains("only those may change"), heads);
    }
  }

  @Test
  void switchingOnLocalAttentionStartsFromTheTrainedModelAndItsLocalityLearns() {
    VaeConfig small = VaeConfig.cpuSmall();
    VaeTemplate template = VaeTemplate.of(ReferenceTopology.loadBundled().head(), small.pyramid());
    VaeBatch batch = TestBatches.random(template, 2, 200, 3);
    try (TopoVae trained = TopoVae.create(small, template, 11);
        TopoVae local = TopoVae.create(small.withLocalAttention(true), template, 12)) {
      WarmStart.Report report = WarmStart.apply(local, trained);
      assertEquals(trained.parameters().asMap().size(), report.copied());
      assertEquals(2 * 3, report.zeroed()); // two layers: anchor w and b, locality
      assertEquals(0, report.fresh());
      assertArrayEquals(TopoVaeTest.reconstruct(trained, batch.inputs(), 2), TopoVaeTest.reconstruct(local, batch.inputs(), 2));
      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(local.losses(scope, batch, 5).get("total"));
      }
      double localityGradient = local.parameters().get("encoder.layers.1.locality").getGradient().abs().sum().getFloat();
      assertTrue(localityGradient > 0, "the zeroed locality weights get a gradient: " + localityGradient);
      local.parameters().zeroGradients();
      String back = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(trained, local)).getMessage();
      assertTrue(back.contains("without local attention"), back);
    }
  }

  @Test
  void switchingOnLocalPatchesStartsFromTheTrainedModelAndTheirAnchorsAndFeaturesLearn() {
    VaeConfig small = VaeConfig.cpuSmall();
    VaeTemplate template = VaeTemplate.of(ReferenceTopology.loadBundled().head(), small.pyramid());
    VaeBatch batch = TestBatches.random(template, 2, 200, 3);
    try (TopoVae trained = TopoVae.create(small, template, 11);
        TopoVae patched = TopoVae.create(small.withLocalPatch(8), template, 12)) {
      WarmStart.Report report = WarmStart.apply(patched, trained);
      assertEquals(trained.parameters().asMap().size(), report.copied());
      assertEquals(4, report.zeroed()); // anchor head and output projection, w and b
      assertEquals(patched.parameters().asMap().size(), report.copied() + report.zeroed() + report.fresh());
      assertArrayEquals(TopoVaeTest.reconstruct(trained, batch.inputs(), 2), TopoVaeTest.reconstruct(patched, batch.inputs(), 2));
      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        var losses = patched.losses(scope, batch, 5);
        assertTrue(losses.get("anchor_l1").getFloat() > 0);
        gc.backward(losses.get("total"));
      }
      for (String name : new String[] {"encoder.patch.out.w", "encoder.patch.anchor.w"}) {
        double g = patched.parameters().get(name).getGradient().abs().sum().getFloat();
        assertTrue(g > 0, name + " gets a gradient: " + g);
      }
      patched.parameters().zeroGradients();
      String off = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(trained, patched)).getMessage();
      assertTrue(off.contains("local patches"), off);
    }
  }

  @Test
  void switchingOnTheDecodersGlobalPathStartsFromTheTrainedModelAndThePathLearns() {
    VaeConfig small = VaeConfig.cpuSmall();
    VaeTemplate template = VaeTemplate.of(ReferenceTopology.loadBundled().head(), small.pyramid());
    VaeBatch batch = TestBatches.random(template, 2, 200, 3);
    try (TopoVae trained = TopoVae.create(small, template, 11);
        TopoVae global = TopoVae.create(small.withGlobalRank(8), template, 12)) {
      WarmStart.Report report = WarmStart.apply(global, trained);
      assertEquals(trained.parameters().asMap().size(), report.copied());
      assertEquals(2, report.zeroed()); // the output projection, w and b
      assertEquals(2, report.fresh()); // the input projection, w and b
      assertEquals(template.pyramid().coarsest().size() * small.latentChannels(),
          global.parameters().get("decoder.global.in.w").getShape().get(0)); // the whole latent
      assertArrayEquals(TopoVaeTest.reconstruct(trained, batch.inputs(), 2), TopoVaeTest.reconstruct(global, batch.inputs(), 2));
      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(global.losses(scope, batch, 5).get("total"));
      }
      double g = global.parameters().get("decoder.global.out.w").getGradient().abs().sum().getFloat();
      assertTrue(g > 0, "the zeroed output projection gets a gradient: " + g);
      global.parameters().zeroGradients();
      String off = assertThrows(IllegalArgumentException.class, () -> WarmStart.apply(trained, global)).getMessage();
      assertTrue(off.contains("global path"), off);
    }
  }
}
