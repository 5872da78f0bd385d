package dev.topos.cli;

import dev.topos.synth.SynthConfig;
import dev.topos.synth.SyntheticHeadGenerator;
import dev.topos.synth.dataset.Split;
import dev.topos.topology.space.HeadModel;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongConsumer;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topos bench synth}: samples per second of the data engine on all cores, median over
 * repeats after a warm-up, against a baseline measured in the same run (drawing plausible heads
 * from the prior, the first step of every sample).
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
    description = "Measure the data engine's throughput (samples/s, median of repeats) against a head-sampling baseline.")
final class SynthBenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--count", defaultValue = "24", description = "Samples per repeat (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats after one warm-up (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || repeats < 1) {
      throw new IllegalArgumentException("--count and --repeats must be positive");
    }
    int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    HeadModel model = HeadModel.loadBundled();
    SyntheticHeadGenerator geometry = new SyntheticHeadGenerator(model, SynthConfig.defaults());
    SyntheticHeadGenerator withPortraits = new SyntheticHeadGenerator(model, SynthConfig.defaults().withPortraits(true, 256));
    long base = Split.VAL.firstSeed();
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "topos bench synth: %d samples x %d repeats, %d threads, %d cores%n", count, repeats, t,
        Runtime.getRuntime().availableProcessors());
    double baseline = median(rates(t, i -> model.sample(base + i), base));
    double geo = median(rates(t, i -> geometry.generate(i, base + i), base));
    double por = median(rates(t, i -> withPortraits.generate(i, base + i), base));
    out.printf(Locale.ROOT, "%-44s %8s %10s%n", "stage", "samples/s", "x baseline");
    out.printf(Locale.ROOT, "%-44s %8.2f %10.2f%n", "baseline: plausible head from the prior", baseline, 1.0);
    out.printf(Locale.ROOT, "%-44s %8.2f %10.2f%n", "geometry + scan + 4096-point cloud", geo, geo / baseline);
    out.printf(Locale.ROOT, "%-44s %8.2f %10.2f%n", "... + 256 px portrait + 512 px albedo", por, por / baseline);
    return 0;
  }

  /** Samples per second of each timed repeat (one warm-up repeat first); distinct seeds each repeat. */
  private double[] rates(int threads, LongConsumer work, long base) throws Exception {
    double[] r = new double[repeats];
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      for (int k = -1; k < repeats; k++) {
        long first = (long) (k + 1) * count;
        long t0 = System.nanoTime();
        pool.submit(() -> LongStream.range(first, first + count).parallel().forEach(work)).get();
        double secs = (System.nanoTime() - t0) / 1e9;
        if (k >= 0) {
          r[k] = count / secs;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return r;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return dev.topos.geometry.ErrorStats.percentileOfSorted(s, 50);
  }
}
