package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.geometry.Mesh;
import dev.topos.nn.train.TrainConfig;
import dev.topos.nn.train.TrainLoop;
import dev.topos.nn.vae.TopoVae;
import dev.topos.nn.vae.VaeConfig;
import dev.topos.nn.vae.VaeExample;
import dev.topos.nn.vae.VaeTrainTask;
import dev.topos.nn.vae.WarmStart;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.synth.dataset.ProgressBar;
import dev.topos.synth.dataset.Sample;
import dev.topos.topology.ReferenceTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos train vae}: trains TOPOS-VAE on synthetic datasets (resumable). */
@Command(name = "train", description = "Train models.", mixinStandardHelpOptions = true,
    subcommands = {TrainCommand.Vae.class, TrainPlotCommand.class, TrainErrorModesCommand.class, TrainShapeModesCommand.class,
        TrainCalibrationCommand.class, TrainPoseCorrectionCommand.class})
final class TrainCommand {

  @Command(name = "vae", mixinStandardHelpOptions = true,
      description = "Train TOPOS-VAE. Running the same command again resumes from the run folder's checkpoint.")
  static final class Vae implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--preset", defaultValue = "cpu-small", description = "Model preset: cpu-small or paper (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE",
        description = "A model configuration (JSON, as in a run's best/config.json) instead of --preset: other sizes.")
    Path configFile;

    @Option(names = "--init", paramLabel = "DIR",
        description = "Start from a trained model folder (as a run's best/) instead of random weights; the new model may "
            + "have more encoder layers, which start as identity (see WarmStart). Ignored when the run resumes.")
    Path init;

    @Option(names = "--data", required = true, description = "Training dataset folder(s) from `topos synth` (repeatable).")
    List<Path> data;

    @Option(names = "--val", required = true, description = "Validation dataset folder (`topos synth --split val`).")
    Path val;

    @Option(names = "--val-count", defaultValue = "64", description = "Validation samples used (default ${DEFAULT-VALUE}).")
    int valCount;

    @Option(names = {"-o", "--out"}, required = true, description = "Run folder (logs, checkpoints, best weights).")
    Path out;

    @Option(names = "--steps", defaultValue = "40000", description = "Total optimiser steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Peak learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initialisation, batches and noise (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validate-every", defaultValue = "1000", description = "Steps between validations (default ${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints (default ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Override
    public Integer call() throws Exception {
      if (valCount < 1) {
        throw new IllegalArgumentException("--val-count must be at least 1");
      }
      if (init != null && !Files.isRegularFile(init.resolve(TopoVae.CONFIG_FILE))) {
        throw new java.nio.file.NoSuchFileException(init.toString(), null, "--init needs a model folder (config.json, parameters.bin)");
      }
      VaeConfig config = configFile != null ? VaeConfig.fromJson(Files.readString(configFile)) : VaeConfig.preset(preset);
      String modelName = configFile != null ? configFile.getFileName().toString() : preset + " preset";
      TrainConfig train = new TrainConfig(steps, batch, lr, lr / 10, Math.min(500, steps / 10), 0.01, 1.0, 50,
          validateEvery, checkpointEvery, seed);
      Mesh head = ReferenceTopology.loadBundled().head();
      List<VaeExample> examples = new ArrayList<>();
      for (Path d : data) {
        examples.addAll(load(d, Long.MAX_VALUE, head));
      }
      List<VaeExample> validation = load(val, valCount, head);
      Files.createDirectories(out);
      Path resume = TrainLoop.checkpointModel(out);
      if (resume == null) {
        String cmd = "topos " + String.join(" ", spec.commandLine().getParseResult().originalArgs()); // args start "train vae"
        Files.writeString(out.resolve("command.txt"), cmd + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("train-config.json"),
            new GsonBuilder().setPrettyPrinting().create().toJson(train) + "\n", StandardCharsets.UTF_8);
      }
      if (resume != null && init != null) {
        System.err.println("topos: resuming from the run's checkpoint; --init is not used");
      }
      try (TopoVae vae = resume != null ? TopoVae.load(resume, head) : TopoVae.create(config, head, seed)) {
        if (resume == null && init != null) {
          try (TopoVae trained = TopoVae.load(init, head)) {
            WarmStart.Report r = WarmStart.apply(vae, trained);
            System.err.printf("topos: started from %s (%d parameters copied, %d residual-output tensors of new layers zeroed, %d new fresh)%n",
                init, r.copied(), r.zeroed(), r.fresh());
          }
        }
        System.err.printf("topos: %s, %,d parameters, %d training and %d validation examples%s%n", modelName,
            vae.parameters().count(), examples.size(), validation.size(), resume != null ? ", resuming" : "");
        TrainLoop.run(new VaeTrainTask(vae, examples, validation, batch), train, out, System.err);
      }
      spec.commandLine().getOut().println("trained " + steps + " steps"
          + (Files.isDirectory(out.resolve("best")) ? "; best weights in " + out.resolve("best") : ""));
      return 0;
    }

    private static List<VaeExample> load(Path dir, long limit, Mesh head) throws IOException {
      DatasetReader r = DatasetReader.open(dir);
      long n = Math.min(limit, r.size());
      ProgressBar bar = new ProgressBar(System.err, "load " + dir.getFileName(), n, 0);
      List<VaeExample> out = new ArrayList<>();
      for (Sample s : r) {
        if (out.size() >= n) {
          break;
        }
        out.add(VaeExample.of(s, head));
        bar.advance(1);
      }
      bar.finish();
      return out;
    }
  }
}
