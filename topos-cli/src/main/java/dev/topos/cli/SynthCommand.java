package dev.topos.cli;

import dev.topos.synth.SynthConfig;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.DatasetCard;
import dev.topos.synth.dataset.DatasetWriter;
import dev.topos.synth.dataset.Manifest;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos synth}: writes a synthetic dataset (resumable, deterministic per seed). */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Generate a synthetic head dataset: ground-truth heads, scan point clouds, optional portraits and albedo.")
final class SynthCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--count", required = true, description = "Number of samples.")
  long count;

  @Option(names = "--seed", defaultValue = "0", description = "First seed within the split (sample i has seed split start + S + i; default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--split", defaultValue = "train", description = "train, val or test: disjoint seed ranges (default ${DEFAULT-VALUE}).")
  String split;

  @Option(names = {"-o", "--out"}, required = true, description = "Output folder (running again resumes).")
  Path out;

  @Option(names = "--portraits", description = "Also render a portrait and synthesise the albedo.")
  boolean portraits;

  @Option(names = "--size", defaultValue = "256", description = "Portrait size in pixels (default ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--points", defaultValue = "4096", description = "Scan points per sample (default ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--shard-size", defaultValue = "32", description = "Samples per shard file (default ${DEFAULT-VALUE}).")
  int shardSize;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    Split s = Split.parse(split);
    SynthConfig config = SynthConfig.defaults().withPortraits(portraits, size).withPoints(points);
    DatasetWriter writer = new DatasetWriter(out, s, seed, count, shardSize, config.toJson(),
        DatasetCard.markdown(s, seed, count, config));
    SyntheticHeadGenerator generator = new SyntheticHeadGenerator(HeadModel.loadBundled(), config);
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Manifest m = writer.run(generator, t, System.err);
    spec.commandLine().getOut().println("wrote " + m.count() + " samples in " + m.shards().size() + " shards to " + out);
    return 0;
  }
}
