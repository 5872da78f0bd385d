package dev.topos.cli;

import dev.topos.synth.dataset.DatasetReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options shared by the closed-form layers fitted on a trained model's latents ({@code train
 * calibration}, {@code train pose-correction}; a picocli mixin): where the training heads are, and
 * how the ridge regression reads the latent.
 */
final class LatentRegressionOptions {
  @Option(names = "--data", required = true,
      description = "Training dataset folder(s) (`topos synth --split train`), read in order as one (repeatable).")
  List<Path> data;

  @Option(names = "--latent-projections", defaultValue = "0",
      description = "Fit on this many seeded projections of the latent instead of the latent itself (fewer features, so "
          + "fewer heads needed), then carry the weights back onto the latent (default ${DEFAULT-VALUE}: the latent itself).")
  int latentProjections;

  @Option(names = "--ridge", defaultValue = "0.03", description = "Ridge weight per feature, times its variance (default ${DEFAULT-VALUE}).")
  double ridge;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the latent projections (default ${DEFAULT-VALUE}).")
  long seed;

  /** The datasets, opened in order (an unreadable one fails here, before any fitting). */
  List<DatasetReader> openData() throws IOException {
    List<DatasetReader> readers = new ArrayList<>();
    for (Path d : data) {
      readers.add(DatasetReader.open(d));
    }
    return readers;
  }
}
