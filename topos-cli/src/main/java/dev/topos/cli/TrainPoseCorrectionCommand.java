package dev.topos.cli;

import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.PoseCorrection;
import dev.topos.nn.vae.PoseCorrectionBuilder;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos train pose-correction}: what retopo's levelling adds to the mean head's pose estimate. */
@Command(name = "pose-correction", mixinStandardHelpOptions = true,
    description = "Fit the pose correction of a trained TOPOS-VAE: training heads turned at random, their pose estimated by "
        + "the mean head's fit, levelled by it and encoded; a ridge regression from that latent to the turn the estimate missed.")
final class TrainPoseCorrectionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  LatentRegressionOptions regression = new LatentRegressionOptions();

  @Mixin
  WeightsOption weights = new WeightsOption();

  @Option(names = "--heads", defaultValue = "10000", description = "Turned training heads the regression is fitted on (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--upright-share", defaultValue = "0.3", description = "Share of the heads left upright (default ${DEFAULT-VALUE}).")
  double uprightShare;

  @Option(names = "--max-pitch", defaultValue = "20", description = "Nods drawn within +- this many degrees (default ${DEFAULT-VALUE}).")
  double maxPitch;

  @Option(names = "--max-yaw", defaultValue = "30", description = "Looks aside drawn within +- this many degrees (default ${DEFAULT-VALUE}).")
  double maxYaw;

  @Option(names = "--max-roll", defaultValue = "10", description = "Tilts drawn within +- this many degrees (default ${DEFAULT-VALUE}).")
  double maxRoll;

  @Option(names = "--turn-seed", defaultValue = "15", description = "Seed of the turns (default ${DEFAULT-VALUE}).")
  long turnSeed;

  @Option(names = {"-o", "--output"}, required = true, description = "Output file (pose-correction.bin).")
  Path output;

  @Override
  public Integer call() throws Exception {
    PoseCorrectionBuilder.Settings settings = new PoseCorrectionBuilder.Settings(heads,
        new PoseCorrection.Turns(uprightShare, maxPitch, maxYaw, maxRoll, turnSeed), regression.latentProjections, regression.ridge, regression.seed);
    MeshFiles.requireOutputFolder(output);
    List<DatasetReader> readers = regression.openData();
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    try (TopoVae vae = weights.load(topology.head())) {
      settings.requireMoreHeadsThanFeatures(vae.tokens() * vae.config().latentChannels());
      ProgressBar bar = new ProgressBar(System.err, "pose correction", heads, 0);
      PoseCorrection fitted = PoseCorrectionBuilder.build(new Retopologizer(vae, topology.regions()), topology, readers, settings,
          done -> bar.advance(1));
      bar.finish();
      fitted.write(output);
      spec.commandLine().getOut().printf("wrote %s: %s%n", output, fitted);
    }
    return 0;
  }
}
