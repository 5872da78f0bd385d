package dev.topos.cli;

import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.ErrorStats;
import dev.topos.geometry.Metrics;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.io.ObjWriter;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.ShippedWeights;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.ScanReader;
import dev.topos.pipeline.ScanRetopologizer;
import dev.topos.synth.scan.Scan;
import dev.topos.synth.scan.ScanFamily;
import dev.topos.synth.scan.ScanOptions;
import dev.topos.synth.scan.ScanSimulator;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import dev.topos.topology.space.LipParting;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code topos demo}: the main job on the shipped defaults. For this milestone it exports the
 * reference head and a sampled head (OBJ and GLB, with parts) and a contact sheet of 12 heads; with
 * the shipped TOPOS-VAE weights it also simulates a scan of the sampled head (a marching-cubes
 * mesh of another topology) and retopologizes it as {@code topos retopo --refine} does, and as
 * {@code --correct} does, reading the scan back from its file, and reports how far each result is
 * from the head it was scanned from.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Export the reference head, a sampled head and a contact sheet into a folder; "
        + "scan the sampled head and retopologize the scan.")
final class DemoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-o", "--out"}, defaultValue = "out", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the sampled head (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(out);
    PrintWriter console = spec.commandLine().getOut();
    HeadModel model = HeadModel.loadBundled();
    ReferenceTopology t = model.topology();
    HeadShape head = model.sample(seed);
    for (String ext : new String[] {"obj", "glb"}) {
      HeadWriter.write(t, t.neutralFullPositions(), out.resolve("reference-head." + ext), null, true);
      HeadWriter.write(t, head.fullPositions(), out.resolve("head-seed" + seed + "." + ext), null, true);
    }
    HeadSheetCommand.write(model, 12, seed, 6, 256, 25, false, out.resolve("heads.png"));
    console.println("wrote " + out.resolve("reference-head.obj") + ", reference-head.glb, head-seed"
        + seed + ".obj, head-seed" + seed + ".glb and heads.png into " + out);
    if (ShippedWeights.available()) {
      retopologizeAScan(model, head, console);
    } else {
      console.println("this build ships no TOPOS-VAE weights: skipped the scan and its retopology");
    }
    return 0;
  }

  /** Scans the sampled head, writes the scan, and retopologizes it from the file. */
  private void retopologizeAScan(HeadModel model, HeadShape head, PrintWriter console) throws Exception {
    ReferenceTopology t = model.topology();
    Scan scan = new ScanSimulator(t, ScanOptions.defaults()).simulate(head.headMesh(), seed, ScanFamily.MARCHING_CUBES);
    Path scanFile = out.resolve("scan-seed" + seed + ".obj");
    ObjWriter.write(scan.mesh(), scanFile);
    PointCloud cloud = ScanReader.read(scanFile, 0);
    ScanRetopologizer.Result r;
    ScanRetopologizer.Result corrected = null;
    dev.topos.nn.vae.ErrorModes modes = ShippedWeights.loadErrorModes(null);
    try (TopoVae vae = ShippedWeights.load(t.head())) {
      ScanRetopologizer retopo = new ScanRetopologizer(vae, t, new LipParting(model))
          .withPoseCorrection(ShippedWeights.loadPoseCorrection(null)); // levelling as retopo levels
      r = retopo.withCalibration(ShippedWeights.loadCalibration(null)) // refinement starts from the calibrated head
          .retopologize(cloud, ScanRetopologizer.Options.DEFAULT.withRefineSteps(Retopologizer.DEFAULT_REFINE_STEPS));
      if (modes != null) { // the correction starts from the network's own head: no calibration
        corrected = retopo.withErrorModes(modes).withShapeModes(ShippedWeights.loadShapeModes(null))
            .retopologize(cloud, ScanRetopologizer.Options.DEFAULT.withCorrect(true));
      }
    }
    for (String ext : new String[] {"obj", "glb"}) {
      HeadWriter.writeHead(r.head(), out.resolve("retopo-seed" + seed + "." + ext), null);
    }
    ErrorStats vertexError = Metrics.perVertexError(r.head().positions(), head.headPositions());
    ErrorStats scanToHead = Metrics.pointToSurface(cloud.positions(), new ClosestPointOnMesh(r.head()));
    console.printf(Locale.ROOT, "wrote scan-seed%d.obj (%,d faces, marching cubes) and its retopology "
        + "retopo-seed%d.obj and .glb (--refine %d): %.2f mm mean per-vertex error against the scanned head, "
        + "scan points %.2f mm from the result's surface (mean)%n", seed, scan.mesh().faceCount(), seed,
        Retopologizer.DEFAULT_REFINE_STEPS, vertexError.meanMm(), scanToHead.meanMm());
    if (corrected != null) {
      for (String ext : new String[] {"obj", "glb"}) {
        HeadWriter.writeHead(corrected.head(), out.resolve("retopo-correct-seed" + seed + "." + ext), null);
      }
      console.printf(Locale.ROOT, "and with --correct, retopo-correct-seed%d.obj and .glb: %.2f mm mean per-vertex error "
          + "against the scanned head, scan points %.2f mm from the result's surface (mean)%n", seed,
          Metrics.perVertexError(corrected.head().positions(), head.headPositions()).meanMm(),
          Metrics.pointToSurface(cloud.positions(), new ClosestPointOnMesh(corrected.head())).meanMm());
    }
  }
}
