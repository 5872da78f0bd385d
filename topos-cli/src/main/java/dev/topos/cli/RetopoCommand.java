package dev.topos.cli;

import dev.topos.geometry.PointCloud;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.ScanReader;
import dev.topos.pipeline.ScanRetopologizer;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.Units;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code topos retopo INPUT -o OUT}: any head scan or point cloud in, the head in the reference
 * topology out, in the input's own axes and units so that it overlays the scan.
 */
@Command(name = "retopo", mixinStandardHelpOptions = true,
    description = "Retopologise a head scan (OBJ, PLY or GLB mesh or point cloud) into the reference topology.")
final class RetopoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "INPUT", description = "Scan file: .obj, .ply (mesh or point cloud) or .glb.")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, description = "Output head (.obj or .glb), in the input's axes and units.")
  Path output;

  @Option(names = "--refine", arity = "0..1", fallbackValue = "" + Retopologizer.DEFAULT_REFINE_STEPS, paramLabel = "STEPS",
      description = "Optimise the latent to fit the scan (default steps when given without a number: ${FALLBACK-VALUE}).")
  Integer refine;

  @Option(names = "--up", defaultValue = "y", description = "The input's up axis, e.g. y, z, -y (default ${DEFAULT-VALUE}).")
  String up;

  @Option(names = "--forward", defaultValue = "z", description = "The axis the face looks along (default ${DEFAULT-VALUE}).")
  String forward;

  @Option(names = "--units", description = "mm, cm, dm or m (default: detected from the head's size).")
  String units;

  @Mixin
  WeightsOption weights = new WeightsOption();

  @Option(names = "--fit-scalp-and-neck",
      description = "With --refine: pull the scalp and the neck onto the scan too (a bald, clean scan). "
          + "By default they follow the rest of the head, since hair hides a scalp and necks are cut anywhere.")
  boolean fitScalpAndNeck;

  @Option(names = "--correct",
      description = "Correct the head by the model's error modes: its offsets from the scan along the normals predict its "
          + "whole error, along the surface too (closed form, repeated with robust weights so that hair and leftover body "
          + "fade out), then fit the shape modes (a Gaussian over training heads) to the scan the same way; "
          + "best on the feed-forward head, see docs/VAE.md.")
  boolean correct;

  @Option(names = "--face-only",
      description = "The scan shows the face alone (forehead to chin, cheek to cheek, as a phone's depth capture or a face "
          + "mask): the model reads it where a whole head's scan would lie, instead of squeezing a whole head into the face. "
          + "The rest of the head is then a guess; best with --correct. Give --units if the face is under 12 cm at its largest.")
  boolean faceOnly;

  @Option(names = "--level", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "A head turned from upright (nodding, looking aside, tilted) by more than a few degrees is turned upright "
          + "before the model reads it, where the model then fits the scan better, and the head turned back (the model "
          + "knows upright heads only: 10 degrees cost it millimetres). On by default; --no-level reads the scan as it is. "
          + "Scans of the face alone are read as they are.")
  boolean level;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of point sampling (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(input)) {
      throw new NoSuchFileException(input.toString());
    }
    HeadWriter.checkOutput(output, null);
    if (refine != null && refine < 0) {
      throw new IllegalArgumentException("--refine must be 0 or more");
    }
    Axis upAxis = Axis.parse(up);
    Axis forwardAxis = Axis.parse(forward);
    Units u = units == null ? null : Units.parse(units);
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    PointCloud cloud = ScanReader.read(input, seed);
    // Prepared before the model loads, so a bad scan is reported as such even when weights are missing.
    ScanRetopologizer.PreparedScan scan = ScanRetopologizer.prepare(cloud,
        new ScanRetopologizer.Options(upAxis, forwardAxis, u, refine == null ? 0 : refine, seed, fitScalpAndNeck, correct, faceOnly,
            level));
    try (TopoVae vae = weights.load(topology.head())) {
      dev.topos.nn.vae.ErrorModes modes = correct ? weights.errorModes() : null; // after the weights: a missing folder is named as such
      if (correct && modes == null) {
        throw new IllegalArgumentException("--correct: these weights have no error modes (error-modes.bin beside them); "
            + "fit them with `topos train error-modes`");
      }
      // The calibration serves the feed-forward answer and refinement, not the correction or a face
      // scan: not loaded where it is not used.
      boolean calibrated = !correct && !faceOnly;
      ScanRetopologizer retopologizer = new ScanRetopologizer(vae, topology).withCalibration(calibrated ? weights.calibration() : null)
          .withPoseCorrection(level && !faceOnly ? weights.poseCorrection() : null);
      ScanRetopologizer.Result r = (modes == null ? retopologizer : retopologizer.withErrorModes(modes).withShapeModes(weights.shapeModes()))
          .retopologize(scan);
      HeadWriter.writeHead(r.head(), output, null);
      if (r.levelDegrees() > 0) { // worth knowing: the model read the scan turned upright
        spec.commandLine().getOut().printf(java.util.Locale.ROOT,
            "the head was turned %.1f degrees from upright: levelled for the model, the result turned back (--no-level to skip)%n",
            r.levelDegrees());
        spec.commandLine().getOut().flush();
      }
    }
    return 0;
  }
}
