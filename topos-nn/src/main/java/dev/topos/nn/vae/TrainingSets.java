package dev.topos.nn.vae;

import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.Sample;
import java.util.Iterator;
import java.util.List;
import java.util.stream.StreamSupport;

/** Training datasets read in order as one, for the closed-form layers fitted on the network's answers. */
final class TrainingSets {
  private TrainingSets() {}

  /** Fails, before any work, unless the datasets hold at least {@code heads} samples. */
  static void requireHeads(List<DatasetReader> train, int heads) {
    long available = 0;
    for (DatasetReader r : train) {
      available += r.size();
    }
    if (heads > available) {
      throw new IllegalArgumentException("the training data has " + available + " samples, fewer than " + heads + " heads");
    }
  }

  /** Their samples in order, one dataset after the other (an unreadable shard is an {@link java.io.UncheckedIOException}). */
  static Iterator<Sample> samples(List<DatasetReader> train) {
    return train.stream().flatMap(r -> StreamSupport.stream(r.spliterator(), false)).iterator();
  }
}
