package dev.topos.cli;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.io.ObjWriter;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.AxisSearch;
import dev.topos.pipeline.ScanReader;
import dev.topos.pipeline.ScanRetopologizer;
import dev.topos.synth.scan.QuadricDecimator;
import dev.topos.synth.scan.Subdivision;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topos bench retopo}: wall time of {@code topos retopo} on a large scan, JVM start and model
 * loading excluded (median of repeats after a warm-up), with and without refinement, against a
 * baseline measured in the same run: reading and sampling the scan alone.
 */
@Command(name = "retopo", mixinStandardHelpOptions = true,
    description = "Time retopology of a large scan (default: a 200,000-triangle head): without levelling, as retopo runs by "
        + "default (the pose checked; also on the scan turned 15 degrees aside), with --refine and with --correct.")
final class RetopoBenchCommand implements Callable<Integer> {
  /** Triangles of the default scan. */
  static final int SCAN_TRIANGLES = 200_000;

  @Spec
  CommandSpec spec;

  @Option(names = "--input", description = "Scan to time (default: a sampled head, subdivided, then decimated to 200,000 triangles).")
  Path input;

  @Mixin
  WeightsOption weights = new WeightsOption();

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats after one warm-up (default ${DEFAULT-VALUE}).")
  int repeats;

  @Option(names = "--refine", defaultValue = "" + Retopologizer.DEFAULT_REFINE_STEPS, description = "Refinement steps (default ${DEFAULT-VALUE}).")
  int refine;

  @Override
  public Integer call() throws Exception {
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    Path scanFile = input;
    if (scanFile == null) {
      Mesh head = HeadModel.loadBundled().sample(Long.MAX_VALUE / 3).headMesh();
      // Three midpoint subdivisions (556,288 triangles), then quadric decimation to the size:
      // a dense, irregular scan-like mesh rather than a regular grid.
      Mesh dense = QuadricDecimator.decimate(Subdivision.apply(Subdivision.apply(Subdivision.apply(head,
          Subdivision.Scheme.MIDPOINT), Subdivision.Scheme.MIDPOINT), Subdivision.Scheme.MIDPOINT), SCAN_TRIANGLES);
      scanFile = Files.createTempFile("topos-bench-scan", ".obj");
      scanFile.toFile().deleteOnExit();
      ObjWriter.write(dense, scanFile);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (TopoVae vae = weights.load(topology.head())) {
      dev.topos.nn.vae.FeedForwardCalibration calibration = weights.calibration();
      ScanRetopologizer retopo = new ScanRetopologizer(vae, topology).withCalibration(calibration)
          .withPoseCorrection(weights.poseCorrection());
      Mesh probe = dev.topos.export.MeshFileReader.read(scanFile);
      out.printf(Locale.ROOT, "topos bench retopo: %s, %,d triangles, %d repeats after a warm-up%n", scanFile.getFileName(),
          probe.triangles().length / 3, repeats);
      Path file = scanFile;
      double base = median(time(() -> prepare(file, 0, false)));
      double ff = median(time(() -> retopo.retopologize(prepare(file, 0, false))));
      double levelled = median(time(() -> retopo.retopologize(prepare(file, 0, true))));
      // The same scan turned 15 degrees aside: levelling then also corrects the pose by one more network pass and judges
      // the turn by two more feed-forward passes.
      Path turnedFile = Files.createTempFile("topos-bench-turned", ".obj");
      turnedFile.toFile().deleteOnExit();
      ObjWriter.write(probe.withPositions(dev.topos.topology.fit.ScanPose.turned(0, 15, new double[3]).unlevel(probe.positions())),
          turnedFile);
      double turnedBy = retopo.retopologize(prepare(turnedFile, 0, true)).levelDegrees(); // 0 if it was not levelled
      double turned = median(time(() -> retopo.retopologize(prepare(turnedFile, 0, true))));
      // The same scan in a Blender scene's axes (+Z up, the face along -Y), read with the defaults: the head fits
      // poorly, the other 23 axis conventions are fitted, and the scan is read again in the one found.
      Path blenderFile = Files.createTempFile("topos-bench-blender", ".obj");
      blenderFile.toFile().deleteOnExit();
      float[] p = probe.positions().clone();
      for (int i = 0; i < p.length; i += 3) {
        float y = p[i + 1];
        p[i + 1] = -p[i + 2];
        p[i + 2] = y;
      }
      ObjWriter.write(probe.withPositions(p), blenderFile);
      AxisSearch.Outcome blender = AxisSearch.fit(retopo, read(blenderFile), prepare(blenderFile, 0, true), false);
      String blenderFound = blender.readInFound() ? "found" : "not found";
      double searched = median(time(() -> AxisSearch.fit(retopo, read(blenderFile), prepare(blenderFile, 0, true), false)));
      double refined = median(time(() -> retopo.retopologize(prepare(file, refine, true))));
      dev.topos.nn.vae.ErrorModes modes = weights.errorModes();
      ScanRetopologizer corrector = modes == null ? null : retopo.withErrorModes(modes).withShapeModes(weights.shapeModes());
      double corrected = corrector == null ? Double.NaN
          : median(time(() -> corrector.retopologize(prepare(file, 0, true).withCorrect())));
      out.printf(Locale.ROOT, "%-46s %9s %11s%n", "stage", "median s", "x baseline");
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "baseline: read + sample + condition the scan", base, 1.0);
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "retopo --no-level (encode + decode" + (calibration == null ? ")" : " + calibrate)"), ff,
          ff / base);
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "retopo (+ the pose checked: upright)", levelled, levelled / base);
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", String.format(Locale.ROOT, "retopo (turned 15 deg: levelled by %.1f)", turnedBy),
          turned, turned / base);
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "retopo (Blender's axes: +z up, " + blenderFound + ")", searched,
          searched / base);
      out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "retopo --refine " + refine, refined, refined / base);
      if (corrector != null) {
        out.printf(Locale.ROOT, "%-46s %9.3f %11.2f%n", "retopo --correct", corrected, corrected / base);
      }
    }
    return 0;
  }

  /** What {@code topos retopo} does before the model runs, with its defaults. */
  private static ScanRetopologizer.PreparedScan prepare(Path file, int refineSteps, boolean level) {
    return ScanRetopologizer.prepare(read(file), ScanRetopologizer.Options.DEFAULT.withRefineSteps(refineSteps).withLevel(level));
  }

  private static dev.topos.geometry.PointCloud read(Path file) {
    try {
      return ScanReader.read(file, 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private double[] time(Runnable work) {
    work.run(); // warm-up
    double[] t = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      work.run();
      t[i] = (System.nanoTime() - t0) / 1e9;
    }
    return t;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    return dev.topos.geometry.ErrorStats.percentileOfSorted(s, 50);
  }
}
