package dev.topos.cli;

import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.FeedForwardCalibration;
import dev.topos.nn.vae.FeedForwardCalibrationBuilder;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.ProgressBar;
import dev.topos.topology.ReferenceTopology;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code topos train calibration}: the linear output layer that the feed-forward answer adds to the network's head. */
@Command(name = "calibration", mixinStandardHelpOptions = true,
    description = "Fit the feed-forward calibration of a trained TOPOS-VAE: a ridge regression from its decoded head and latent "
        + "to its error, over training heads.")
final class TrainCalibrationCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LatentRegressionOptions regression = new LatentRegressionOptions();

  @Mixin
  WeightsOption weights = new WeightsOption();

  @Option(names = "--heads", defaultValue = "24000", description = "Training heads the regression is fitted on (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--basis-heads", defaultValue = "2000",
      description = "The first of them, on which the principal directions are fitted (default ${DEFAULT-VALUE}).")
  int basisHeads;

  @Option(names = "--head-modes", defaultValue = "250", description = "Directions of the decoded heads used as features (default ${DEFAULT-VALUE}).")
  int headModes;

  @Option(names = "--error-modes", defaultValue = "256", description = "Directions of the error regressed (default ${DEFAULT-VALUE}).")
  int errorModes;

  @Option(names = {"-o", "--output"}, required = true, description = "Output file (calibration.bin).")
  Path output;

  @Override
  public Integer call() throws Exception {
    FeedForwardCalibrationBuilder.Settings settings = new FeedForwardCalibrationBuilder.Settings(heads, basisHeads, headModes,
        regression.latentProjections, errorModes, regression.ridge, regression.seed);
    MeshFiles.requireOutputFolder(output);
    List<DatasetReader> readers = regression.openData();
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    try (TopoVae vae = weights.load(topology.head())) {
      FeedForwardCalibrationBuilder.requireMoreHeadsThanFeatures(settings, vae.tokens() * vae.config().latentChannels());
      ProgressBar bar = new ProgressBar(System.err, "calibration", heads, 0);
      FeedForwardCalibration fitted = FeedForwardCalibrationBuilder.build(new Retopologizer(vae, topology.regions()), topology.head(),
          readers, settings, done -> bar.advance(1));
      bar.finish();
      fitted.write(output);
      spec.commandLine().getOut().printf("wrote %s: %s%n", output, fitted);
    }
    return 0;
  }
}
