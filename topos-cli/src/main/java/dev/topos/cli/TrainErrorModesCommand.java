package dev.topos.cli;

import dev.topos.nn.vae.ErrorModes;
import dev.topos.nn.vae.ErrorModesBuilder;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.ProgressBar;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.topology.ReferenceTopology;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code topos train error-modes}: the Gaussian over a model's feed-forward error that {@code retopo --correct} uses. */
@Command(name = "error-modes", mixinStandardHelpOptions = true,
    description = "Fit the error modes of a trained TOPOS-VAE (its feed-forward error on training heads) for `retopo --correct`.")
final class TrainErrorModesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data", required = true, description = "Training dataset (`topos synth --split train`).")
  Path data;

  @Mixin
  WeightsOption weights = new WeightsOption();

  @Option(names = "--heads", defaultValue = "1500", description = "Training heads used (default ${DEFAULT-VALUE}).")
  int heads;

  @Option(names = "--modes", defaultValue = "256", description = "Principal directions kept (default ${DEFAULT-VALUE}).")
  int modes;

  @Option(names = "--residual-heads", defaultValue = "500",
      description = "Training heads after those that measure the mean error the correction still leaves (0: none; default ${DEFAULT-VALUE}).")
  int residualHeads;

  @Option(names = {"-o", "--output"}, required = true, description = "Output file (error-modes.bin).")
  Path output;

  @Override
  public Integer call() throws Exception {
    if (modes < 1 || heads <= modes) {
      throw new IllegalArgumentException("need 1 <= --modes < --heads, got " + modes + " and " + heads);
    }
    if (residualHeads < 0) {
      throw new IllegalArgumentException("--residual-heads must be 0 or more, got " + residualHeads);
    }
    MeshFiles.requireOutputFolder(output);
    DatasetReader reader = DatasetReader.open(data);
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    try (TopoVae vae = weights.load(topology.head())) {
      ProgressBar bar = new ProgressBar(System.err, "error-modes", heads + residualHeads, 0);
      ErrorModes fitted = ErrorModesBuilder.build(new Retopologizer(vae, topology.regions()), topology.head(), reader, heads, modes,
          residualHeads, done -> bar.advance(1));
      bar.finish();
      fitted.write(output);
      spec.commandLine().getOut().printf("wrote %s: %d modes of the feed-forward error on %d training heads, the correction's residual mean on %d more%n",
          output, fitted.count(), heads, residualHeads);
    }
    return 0;
  }
}
