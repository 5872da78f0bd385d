package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.topos.geometry.EdgeLengthRange;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.Sample;
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
 * 0.25, 0.5, 0.75) between the latents of 20 pairs of held-out test heads gives heads
 * <ul>
 *   <li>without self-intersections (after {@link LipParting}, the prior's own rule for lips
 *       pressed into each other; the raw count is reported by {@code topos eval vae});
 *   <li>with every edge within the range of edge lengths seen in the first 500 training heads
 *       (no edge shorter than the shortest training edge, none longer than the longest);
 *   <li>no less regular than the model's plain reconstructions of the pairs' own heads against
 *       each edge's own range: the stricter per-edge bound, which the decoder's accuracy does
 *       not meet yet for reconstructions either (counts in {@code topos eval vae}).
 * </ul>
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
    SyntheticHeadGenerator generator = SyntheticSplits.generator(model);
    int v = topology.vertexCount();
    List<float[]> training = new ArrayList<>();
    for (long i = 0; i < TRAINING_HEADS; i++) {
      training.add(Arrays.copyOf(generator.headPositions(Split.TRAIN.sampleSeed(0, i)), 3 * v));
    }
    EdgeLengthRange range = EdgeLengthRange.of(topology.head(), training);
    List<VaeExample> tests = new ArrayList<>();
    for (Sample s : SyntheticSplits.first(generator, Split.TEST, 2 * PAIRS)) {
      tests.add(VaeExample.of(s, topology.head()));
    }
    try (TopoVae vae = ShippedWeights.load(topology.head())) {
      LatentInterpolation.Report r =
          LatentInterpolation.check(new Retopologizer(vae, topology.regions()), topology.head(), new LipParting(model), tests,
              range, 0);
      assertEquals(PAIRS, r.pairs());
      assertEquals(PAIRS * LatentInterpolation.WEIGHTS.length, r.heads());
      assertEquals(0, r.selfIntersectingAfterLipParting(), "interpolated heads intersecting themselves after lip parting");
      assertEquals(0, r.edgesOutOfGlobalRange(), "interpolated heads with an edge outside the training edges' range");
      assertTrue(r.noWorseThanReconstructions(), "per edge, " + r.edgesOutOfRange() + " of " + r.heads()
          + " interpolated heads out of range (worst " + r.worstExcess() + "x) against " + r.endpointsOutOfRange()
          + " of " + 2 * PAIRS + " reconstructions (worst " + r.endpointsWorstExcess() + "x)");
    }
  }
}
