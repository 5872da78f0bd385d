package dev.topos.nn.vae;

import dev.topos.synth.SynthConfig;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The synthetic splits made in process, sample for sample as {@code topos synth --split S} makes
 * them (seed offset 0, 4,096 scan points), so tests of the shipped model need no dataset on disk.
 */
final class SyntheticSplits {
  private SyntheticSplits() {}

  /** The generator {@code topos synth} uses, with its default configuration. */
  static SyntheticHeadGenerator generator(HeadModel model) {
    return new SyntheticHeadGenerator(model, SynthConfig.defaults().withPoints(4096));
  }

  /** The first {@code n} samples of a split. */
  static List<Sample> first(SyntheticHeadGenerator generator, Split split, int n) {
    List<Sample> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      out.add(generator.generate(i, split.sampleSeed(0, i)));
    }
    return out;
  }
}
