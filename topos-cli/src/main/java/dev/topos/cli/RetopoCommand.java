package dev.topos.cli;

import dev.topos.geometry.PointCloud;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.pipeline.AxisSearch;
import dev.topos.pipeline.ScanReader;
import dev.topos.pipeline.ScanRetopologizer;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.Units;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * {@code topos retopo A.ply B.obj ... -o DIR}: a batch, the model loaded once; one head per scan in
 * DIR, named after the scan; a scan that fails is reported on one line and the rest go on;
 * {@code --skip-existing} resumes a batch that was stopped.
 */
@Command(name = "retopo", mixinStandardHelpOptions = true,
    description = "Retopologise a head scan (an OBJ, PLY, STL or glTF mesh, or a point cloud) into the reference topology.")
final class RetopoCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "INPUT", arity = "1..*",
      description = "Scan files: .obj, .ply, .stl, .glb, .gltf (meshes or point clouds) or .xyz, .pts, .asc, .csv, .txt "
          + "(ASCII points: x y z per line, then optional columns; unit normals are found by value or by a header). "
          + "Several scans go to the folder -o names.")
  List<Path> inputs;

  @Option(names = {"-o", "--output"}, required = true,
      description = "Output head (.obj or .glb), in the input's axes and units; with several scans (or an existing folder) "
          + "the folder for the heads, created if missing, one per scan named after it.")
  Path output;

  @Option(names = "--format", paramLabel = "obj|glb",
      description = "The heads' format when -o is a folder (default obj).")
  String format;

  @Option(names = "--skip-existing",
      description = "When -o is a folder: leave out scans whose head is already there (resumes a stopped batch).")
  boolean skipExisting;

  @Option(names = "--refine", arity = "0..1", fallbackValue = "" + Retopologizer.DEFAULT_REFINE_STEPS, paramLabel = "STEPS",
      description = "Optimise the latent to fit the scan (default steps when given without a number: ${FALLBACK-VALUE}).")
  Integer refine;

  @Option(names = "--up", defaultValue = "y", description = "The input's up axis, e.g. y, z, -y (default ${DEFAULT-VALUE}). "
      + "Where neither --up nor --forward is given and the head fits the scan poorly in the default axes, the scan is "
      + "fitted in the other 23 too, and read in one it fits far better in, which is said.")
  String up;

  @Option(names = "--forward", defaultValue = "z", description = "The axis the face looks along (default ${DEFAULT-VALUE}).")
  String forward;

  @Option(names = "--units", description = "mm, cm, dm, m or in (default: detected from the head's size among mm, cm, dm and m).")
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
    for (Path input : inputs) { // a mistyped name fails at once, before any scan is read
      if (Files.isDirectory(input)) {
        throw new IllegalArgumentException(input + " is a folder, not a scan file");
      }
      if (!Files.isRegularFile(input)) {
        throw new NoSuchFileException(input.toString());
      }
    }
    if (refine != null && refine < 0) {
      throw new IllegalArgumentException("--refine must be 0 or more");
    }
    Axis upAxis = Axis.parse(up);
    Axis forwardAxis = Axis.parse(forward);
    if (upAxis.sameLine(forwardAxis)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--up %s and --forward %s name the same axis (the defaults are --up y --forward z: give both)", up, forward));
    }
    Units u = units == null ? null : Units.parse(units);
    ScanRetopologizer.Options options =
        new ScanRetopologizer.Options(upAxis, forwardAxis, u, refine == null ? 0 : refine, seed, fitScalpAndNeck, correct, faceOnly, level);
    ReferenceTopology topology = ReferenceTopology.loadBundled();
    if (inputs.size() > 1 || Files.isDirectory(output)) {
      return batch(topology, options);
    }
    if (format != null || skipExisting) {
      throw new IllegalArgumentException((format != null ? "--format" : "--skip-existing")
          + " is for a folder output (several scans, or -o an existing folder); one head's format follows -o's extension");
    }
    HeadWriter.checkOutput(output, null);
    if (key(output).equals(key(inputs.get(0)))) {
      throw new IllegalArgumentException("the head would overwrite the scan " + inputs.get(0) + " (give -o another name)");
    }
    MeshFiles.deleteStaleTemps(output); // a killed earlier run's half-written head
    // Prepared before the model loads, so a bad scan is reported as such even when weights are missing.
    PointCloud cloud = ScanReader.read(inputs.get(0), seed);
    ScanRetopologizer.PreparedScan prepared = ScanRetopologizer.prepare(cloud, options);
    try (TopoVae vae = weights.load(topology.head())) {
      Fit fit = fit(retopologizer(vae, topology), cloud, prepared);
      ScanRetopologizer.PreparedScan scan = fit.scan();
      ScanRetopologizer.Result r = fit.result();
      HeadWriter.writeHead(r.head(), output, null);
      String note = scanNote(scan, r);
      if (note != null) {
        spec.commandLine().getOut().println(note);
        spec.commandLine().getOut().flush();
      }
      String warning = fit.axesNote() != null ? fit.axesNote() : fitWarning(scan, r);
      if (warning != null) {
        spec.commandLine().getOut().println(warning);
        spec.commandLine().getOut().flush();
      }
      if (r.levelDegrees() > 0) { // worth knowing: the model read the scan turned upright
        spec.commandLine().getOut().printf(Locale.ROOT,
            "the head was turned %.1f degrees from upright: levelled for the model, the result turned back (--no-level to skip)%n",
            r.levelDegrees());
        spec.commandLine().getOut().flush();
      }
    }
    return 0;
  }

  /** Several scans into the folder {@link #output}; exit code 1 when any scan failed. */
  private int batch(ReferenceTopology topology, ScanRetopologizer.Options options) throws Exception {
    String fmt = format == null ? "obj" : format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("obj") && !fmt.equals("glb")) {
      throw new IllegalArgumentException("unsupported output format '" + format + "' (use obj or glb)");
    }
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new IllegalArgumentException("with several scans -o names a folder, but " + output + " is a file");
    }
    String outputName = output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.exists(output) && (outputName.endsWith(".obj") || outputName.endsWith(".glb"))) {
      throw new IllegalArgumentException("with several scans -o names a folder for their heads, but " + output
          + " looks like a file name");
    }
    Map<Path, Path> targets = new java.util.LinkedHashMap<>();
    // Keyed by the lower-cased absolute path: on a case-insensitive file system Head.obj and head.obj are one file.
    Map<String, Path> scans = new HashMap<>();
    for (Path input : inputs) {
      scans.put(key(input), input);
    }
    Map<String, Path> writers = new HashMap<>();
    for (Path input : inputs) {
      String name = input.getFileName().toString();
      int dot = name.lastIndexOf('.');
      Path target = output.resolve((dot > 0 ? name.substring(0, dot) : name) + "." + fmt);
      Path scan = scans.get(key(target));
      if (scan != null) {
        throw new IllegalArgumentException("the head of " + input + " would overwrite the scan " + scan
            + " (write the heads into another folder)");
      }
      Path other = writers.putIfAbsent(key(target), input);
      if (other != null) {
        throw new IllegalArgumentException("two scans would both write " + target + ": " + other + " and " + input
            + " (give scans different names, or run them into different folders)");
      }
      targets.put(input, target);
    }
    Files.createDirectories(output);
    for (Path target : targets.values()) {
      MeshFiles.requireOutputFolder(target); // writable, and no folder in a head's way: before any scan is fitted
      MeshFiles.deleteStaleTemps(target); // a killed earlier batch's half-written heads
    }
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    int done = 0;
    int skipped = 0;
    int failed = 0;
    int k = 0;
    try (TopoVae vae = weights.load(topology.head())) {
      ScanRetopologizer retopologizer = retopologizer(vae, topology);
      for (Map.Entry<Path, Path> e : targets.entrySet()) {
        String prefix = String.format(Locale.ROOT, "[%d/%d] %s", ++k, targets.size(), e.getKey());
        if (skipExisting && Files.exists(e.getValue())) {
          out.println(prefix + ": kept " + e.getValue() + " (--skip-existing)");
          out.flush();
          skipped++;
          continue;
        }
        long start = System.nanoTime();
        try {
          PointCloud cloud = ScanReader.read(e.getKey(), seed);
          Fit fit = fit(retopologizer, cloud, ScanRetopologizer.prepare(cloud, options));
          ScanRetopologizer.PreparedScan scan = fit.scan();
          ScanRetopologizer.Result r = fit.result();
          HeadWriter.writeHead(r.head(), e.getValue(), fmt);
          String note = scanNote(scan, r);
          String warning = fit.axesNote() != null ? fit.axesNote() : fitWarning(scan, r);
          note = warning == null ? note : note == null ? warning : note + "; " + warning;
          out.printf(Locale.ROOT, "%s -> %s (%.1f s%s)%s%n", prefix, e.getValue(), (System.nanoTime() - start) / 1e9,
              r.levelDegrees() > 0 ? String.format(Locale.ROOT, "; turned %.1f degrees from upright, levelled", r.levelDegrees()) : "",
              note == null ? "" : "; " + note);
          done++;
        } catch (Exception ex) { // this scan only: the next ones go on
          String message = OneLineErrors.describe(ex);
          err.println("topos: error: " + (message.contains(e.getKey().toString()) ? message : e.getKey() + ": " + message));
          if (System.getenv("TOPOS_DEBUG") != null) {
            ex.printStackTrace(err);
          }
          failed++;
        }
        out.flush();
        err.flush();
      }
    }
    out.printf(Locale.ROOT, "retopologized %d of %d scans into %s%s%s%n", done, targets.size(), output,
        skipped > 0 ? ", " + skipped + " kept from before" : "", failed > 0 ? ", " + failed + " failed" : "");
    out.flush();
    return failed > 0 ? 1 : 0;
  }

  /** A path as a file system may compare it: absolute, normalised, lower-cased. */
  private static String key(Path p) {
    return p.toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * A scan fitted ({@link AxisSearch#fit}: read in the axes its head fits far better in where the user
   * named none), and what the user should know of its axes, or null.
   */
  private record Fit(ScanRetopologizer.PreparedScan scan, ScanRetopologizer.Result result, String axesNote) {}

  private Fit fit(ScanRetopologizer retopologizer, PointCloud cloud, ScanRetopologizer.PreparedScan prepared) {
    var parsed = spec.commandLine().getParseResult();
    AxisSearch.Outcome f = AxisSearch.fit(retopologizer, cloud, prepared,
        parsed.hasMatchedOption("--up") || parsed.hasMatchedOption("--forward"));
    if (f.found() == null) {
      return new Fit(f.scan(), f.result(), null);
    }
    String flags = "--up " + f.found().up().flag() + " --forward " + f.found().forward().flag();
    ScanRetopologizer.Options given = prepared.options();
    if (!f.readInFound()) {
      return new Fit(f.scan(), f.result(), String.format(Locale.ROOT, "warning: the head fits the scan poorly as read (%s up, "
          + "the face along %s: %.1f mm apart, in the median), far better with %s (%.1f mm)", given.up().signed(),
          given.forward().signed(), 1000 * f.givenDistance(), flags, 1000 * f.found().fitDistance()));
    }
    return new Fit(f.scan(), f.result(), String.format(Locale.ROOT, "read as %s (%s up, the face along %s): the head fits the "
        + "scan far better so, %.1f mm apart in the median against %.1f mm in the default axes (+y up, the face along +z); give "
        + "--up and --forward to read it otherwise", flags, f.found().up().signed(), f.found().forward().signed(),
        1000 * f.result().fitDistance(), 1000 * f.givenDistance()));
  }

  /**
   * A warning where the head fits the scan poorly ({@link ScanRetopologizer.Result#poorFit}), else null: the
   * model reads any points as a head, and a scan read in the wrong axes gives a wrong head without a word.
   */
  static String fitWarning(ScanRetopologizer.PreparedScan scan, ScanRetopologizer.Result result) {
    if (!result.poorFit()) {
      return null;
    }
    // A scan of the face alone read as a whole head also fits poorly (the demo's face as a mask: 5.4 mm, a head 53 mm off).
    String otherwise = scan.options().faceOnly()
        ? "; a face scan reads best cropped like the training ones, forehead to chin and cheek to cheek"
        : "; if the scan shows the face alone, give --face-only";
    return String.format(Locale.ROOT, "warning: the head fits the scan poorly (%.1f mm apart, in the median; about 1 mm "
        + "where a head fits): was the scan read in the right axes (%s up, the face along %s)? If not, give --up and "
        + "--forward (a Blender scene's: --up z --forward -y)%s", 1000 * result.fitDistance(), scan.options().up().signed(),
        scan.options().forward().signed(), otherwise);
  }


  /** What the user should know of how the scan was read (strays dropped, its normals), or null. */
  static String scanNote(ScanRetopologizer.PreparedScan scan, ScanRetopologizer.Result result) {
    String strays = scan.strays().dropped() == 0 ? null : String.format(Locale.ROOT,
        "dropped %d stray point%s, %d piece%s of the scan lying apart from the head (floating specks, detached bits)",
        scan.strays().dropped(), scan.strays().dropped() == 1 ? "" : "s", scan.strays().droppedPieces(),
        scan.strays().droppedPieces() == 1 ? "" : "s");
    String normals = normalsNote(scan, result);
    return strays == null ? normals : normals == null ? strays : strays + "; " + normals;
  }

  /** What the user should know of the scan's normals, or null. */
  static String normalsNote(ScanRetopologizer.PreparedScan scan, ScanRetopologizer.Result result) {
    if (scan.tooSparseForEstimatedNormals()) {
      return String.format(Locale.ROOT, "warning: %d points without normals (above the neck) are too few to estimate them well "
          + "(%d or more: on a test head 4,000 points gave 2.6 mm, 1,000 gave 9.5 mm); a denser cloud, or one with normals, fits "
          + "far better", scan.conditioned().size(), ScanRetopologizer.FEWEST_POINTS_FOR_ESTIMATED_NORMALS);
    }
    return switch (scan.normals()) {
      case INSIDE_OUT_FLIPPED -> "the scan's normals faced inward (an inside-out mesh): they were read turned around";
      case MIXED_REESTIMATED -> "the scan's normals disagreed in sign (faces wound both ways, or unoriented normals): "
          + "they were estimated anew from its points";
      default -> result.turnedNormals() > 0 ? String.format(Locale.ROOT,
          "%.1f %% of the scan's normals faced inward (patches of faces wound the wrong way): they were read turned around",
          100 * result.turnedNormals()) : null;
    };
  }

  /** The retopologizer these options ask for, with what of the weights folder it needs. */
  private ScanRetopologizer retopologizer(TopoVae vae, ReferenceTopology topology) throws java.io.IOException {
    dev.topos.nn.vae.ErrorModes modes = correct ? weights.errorModes() : null; // after the weights: a missing folder is named as such
    if (correct && modes == null) {
      throw new IllegalArgumentException("--correct: these weights have no error modes (error-modes.bin beside them); "
          + "fit them with `topos train error-modes`");
    }
    // The calibration serves the feed-forward answer, refinement and the signs of estimated normals
    // (ScanRetopologizer fits --correct without it), not a face scan: not loaded there.
    boolean calibrated = !faceOnly;
    ScanRetopologizer retopologizer = new ScanRetopologizer(vae, topology).withCalibration(calibrated ? weights.calibration() : null)
        .withPoseCorrection(level && !faceOnly ? weights.poseCorrection() : null);
    return modes == null ? retopologizer : retopologizer.withErrorModes(modes).withShapeModes(weights.shapeModes());
  }
}
