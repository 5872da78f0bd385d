package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topos.synth.SynthConfig;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.LipParting;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped model's latent is usable for generation: decoding linear interpolations (weights
 * 0.25, 0.5, 0.75) between the latents of 20 pairs of held-out test heads gives heads without
 * self-intersections (after {@link LipParting}, the prior's own rule for lips pressed into each
 * other; the raw count is reported by {@code topos eval vae}) whose every edge lies within the range of the first 500 training heads (the eval uses 1,000: a wider range).
 * The heads are made in process by the same generator and seeds as {@code topos synth --split test}
 * and {@code --split train} (4,096 scan points), so the check needs no dataset on disk.
 */
class LatentInterpolationTest {
  static final int PAIRS = 20;
  static final int TRAINING_HEADS = 500;

  @Test
  void interpolatingTwentyPairsOfTestHeadsGivesPlausibleHeads() throws IOException {
    assumeTrue(ShippedWeights.available(), "this build ships no TOPOS-VAE weights yet");
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    HeadModel model = HeadModel.loadBundled();
    SyntheticHeadGenerator generator = new SyntheticHeadGenerator(model, SynthConfig.defaults().withPoints(4096));
    int v = topology.vertexCount();
    List<float[]> training = new ArrayList<>();
    for (long i = 0; i < TRAINING_HEADS; i++) {
      training.add(Arrays.copyOf(generator.headPositions(Split.TRAIN.sampleSeed(0, i)), 3 * v));
    }
    double[][] range = LatentInterpolation.edgeRange(topology.head(), training);
    List<VaeExample> tests = new ArrayList<>();
    for (long i = 0; i < 2 * PAIRS; i++) {
      tests.add(VaeExample.of(generator.generate(i, Split.TEST.sampleSeed(0, i)), topology.head()));
    }
    try (TopoVae vae = ShippedWeights.load(topology.head())) {
      LatentInterpolation.Report r =
          LatentInterpolation.check(new Retopologizer(vae, topology.regions()), topology.head(), new LipParting(model), tests,
              range, 0);
      assertEquals(PAIRS, r.pairs());
      assertEquals(PAIRS * LatentInterpolation.WEIGHTS.length, r.heads());
      assertEquals(0, r.selfIntersectingAfterLipParting(), "interpolated heads intersecting themselves after lip parting");
      assertEquals(0, r.edgesOutOfRange(), "interpolated heads with an edge outside the training range (plain "
          + "reconstructions of the pairs' heads out of range: " + r.endpointsOutOfRange() + " of " + 2 * PAIRS + ")");
    }
  }
}
