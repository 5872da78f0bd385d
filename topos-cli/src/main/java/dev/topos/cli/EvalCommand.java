package dev.topos.cli;

import dev.topos.geometry.EdgeLengthRange;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.RetopoMethod;
import dev.topos.nn.vae.Retopologizer;
import dev.topos.nn.vae.TopoVae;
import dev.topos.nn.vae.VaeEvaluation;
import dev.topos.nn.vae.VaeExample;
import dev.topos.synth.dataset.DatasetReader;
import dev.topos.topology.ReferenceTopology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos eval vae}: the model (feed-forward and refined) and the baselines on a held-out split. */
@Command(name = "eval", description = "Evaluate models on held-out synthetic data.", mixinStandardHelpOptions = true,
    subcommands = {EvalCommand.Vae.class, EvalMergeCommand.class})
final class EvalCommand {

  @Command(name = "vae", mixinStandardHelpOptions = true,
      description = "Per-vertex error, Chamfer to the scan, normal consistency and F-score@1mm, by scan family, "
          + "for TOPOS-VAE (feed-forward and --refine) and the baselines.")
  static final class Vae implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "Held-out dataset (`topos synth --split test`).")
    Path data;

    @Option(names = "--json", required = true, description = "Where to write the results (JSON; a Markdown table goes beside it).")
    Path json;

    @Mixin
    WeightsOption weights = new WeightsOption();

    @Option(names = "--limit", description = "Evaluate only N samples (from --first).")
    Long limit;

    @Option(names = "--first", defaultValue = "0",
        description = "Start at sample N (default 0): with --limit, one slice of the split; `topos eval merge` joins the "
            + "slices' files into the whole run's, to the bit, so that slices can run in parallel processes.")
    long first;

    @Option(names = "--refine", defaultValue = "" + Retopologizer.DEFAULT_REFINE_STEPS, description = "Refinement steps (default ${DEFAULT-VALUE}).")
    int refine;

    @Option(names = "--no-baselines", description = "Skip the baselines.")
    boolean noBaselines;

    @Option(names = "--interpolation-pairs", defaultValue = "20",
        description = "Pairs of test heads whose latent interpolations are checked (default ${DEFAULT-VALUE}; 0 = skip).")
    int interpolationPairs;

    @Option(names = "--face-only",
        description = "Crop each scan to the face (the points nearest the true head's face, nose, lips and eye sockets); "
            + "the model's methods run as `retopo --face-only` does, the baselines on the crop as it is. "
            + "chamfer_to_scan_mm then mostly measures the unscanned rest of the head.")
    boolean faceOnly;

    @Option(names = "--face-box", paramLabel = "CM",
        description = "With --face-only: crop each scan as a phone app crops a face capture, by a box CM deep in front of the "
            + "face (the points less than CM behind the nose tip, from 8 cm below it to 9 cm above, at any width), "
            + "instead of to the face regions.")
    Double faceBoxCm;

    @Option(names = "--estimate-normals",
        description = "Drop each scan's normals and estimate them as `retopo` does for a point cloud given without: quadric normals "
            + "over " + dev.topos.geometry.NormalEstimation.DEFAULT_NEIGHBOURS + " neighbours, their signs propagated, then taken "
            + "from the model's own feed-forward heads (NormalSigns). Every method, the baselines too, then sees those normals. "
            + "Without it the scans' own normals are checked for patches wound inward as retopo checks them (NormalSigns.repairPatches).")
    boolean estimateNormals;

    @Option(names = "--level", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Level turned heads first, as `retopo` does (one pose per scan for every method, judged by the "
            + "calibrated feed-forward answer where `retopo --correct` judges by the network's own; the truth turned alike); "
            + "--no-level reads every scan as it is. Not with --face-only.")
    boolean level;

    /** Every method name the table can have, in its order. */
    static final List<String> METHODS = List.of("vae", "vae-network", "vae+refine", "vae+error-modes", "vae+correct", "linear-space",
        "mean-head", "ground-truth");

    @Option(names = "--methods", split = ",", paramLabel = "NAME",
        description = "Run only these methods (comma-separated names as in the table: vae, vae-network, vae+refine, vae+error-modes, "
            + "vae+correct, linear-space, mean-head, ground-truth); default: all.")
    List<String> only;

    @Option(names = "--train", description = "Training dataset: the per-edge length range of its heads (first 1,000) bounds the interpolations.")
    Path train;

    @Override
    public Integer call() throws Exception {
      if (refine < 0) {
        throw new IllegalArgumentException("--refine must be 0 or more");
      }
      if (only != null) {
        for (String name : only) {
          if (!METHODS.contains(name)) {
            throw new IllegalArgumentException("--methods: no method " + name + " (" + String.join(", ", METHODS) + ")");
          }
        }
      }
      if (interpolationPairs > 0 && train == null) {
        throw new IllegalArgumentException("--train is needed for the interpolation check (or --interpolation-pairs 0)");
      }
      if (train != null) {
        DatasetReader.open(train); // fail now, not after the evaluation
      }
      MeshFiles.requireOutputFolder(json); // likewise
      if (faceBoxCm != null && !faceOnly) {
        throw new IllegalArgumentException("--face-box crops face-only scans: give --face-only too");
      }
      if (faceBoxCm != null && !(faceBoxCm > 0 && faceBoxCm <= 30)) {
        throw new IllegalArgumentException("--face-box must be a depth in cm, above 0 and at most 30 (got " + faceBoxCm + ")");
      }
      dev.topos.nn.vae.FaceCrop faceCrop = !faceOnly ? null
          : faceBoxCm == null ? dev.topos.nn.vae.FaceCrop.REGIONS : dev.topos.nn.vae.FaceCrop.box(faceBoxCm / 100);
      ReferenceTopology topology = ReferenceTopology.loadBundled();
      DatasetReader reader = DatasetReader.open(data);
      try (TopoVae vae = weights.load(topology.head())) {
        // --face-only scans are read without it (Retopologizer.forFaceScans): not loaded then
        dev.topos.nn.vae.FeedForwardCalibration calibration = faceOnly ? null : weights.calibration();
        Retopologizer network = new Retopologizer(vae, topology.regions());
        Retopologizer everyRegion = calibration == null ? network : network.withCalibration(calibration);
        Retopologizer retopo = faceOnly ? everyRegion.forFaceScans() : everyRegion;
        List<RetopoMethod> methods = new ArrayList<>();
        dev.topos.nn.vae.ErrorModes modes = weights.errorModes();
        dev.topos.topology.fit.ShapeModes shape = modes == null ? null : weights.shapeModes();
        Retopologizer byErrorModes = modes == null ? null : everyRegion.withErrorModes(modes);
        Retopologizer everyRegionCorrector = shape == null ? byErrorModes : byErrorModes.withShapeModes(shape);
        Retopologizer corrector = faceOnly && everyRegionCorrector != null ? everyRegionCorrector.forFaceScans() : everyRegionCorrector;
        HeadStages stages = new HeadStages(retopo, corrector);
        methods.add(RetopoMethod.of("vae", (scan, metres, normals, seed) -> scan.frame().fromUnit(stages.feedForward(scan, seed).positions())));
        if (retopo.isCalibrated()) { // the network's own answer beside the calibrated one
          methods.add(RetopoMethod.of("vae-network", (scan, metres, normals, seed) ->
              scan.frame().fromUnit(stages.network(scan, seed).positions())));
        }
        methods.add(RetopoMethod.of("vae+refine", (scan, metres, normals, seed) -> scan.frame().fromUnit(retopo.refine(scan, refine, seed).positions())));
        if (corrector != null) {
          if (shape != null) { // the error-mode stage alone, then the whole correction continuing from it
            methods.add(RetopoMethod.of("vae+error-modes", (scan, metres, normals, seed) ->
                scan.frame().fromUnit(stages.correction(scan, seed).byErrorModes().positions())));
          }
          methods.add(RetopoMethod.of("vae+correct", (scan, metres, normals, seed) ->
              scan.frame().fromUnit(stages.correction(scan, seed).corrected().positions())));
        }
        if (!noBaselines) {
          methods.addAll(Baselines.methods(topology));
          // The true head itself: 0 per-vertex error by definition; its scan metrics are the floor
          // that the scan's own noise, holes and hair put under every method's.
          methods.add(RetopoMethod.of("ground-truth", (scan, metres, normals, seed) -> scan.frame().fromUnit(scan.targetPositions())));
        }
        if (only != null) {
          List<String> here = methods.stream().map(RetopoMethod::name).toList();
          for (String name : only) {
            if (!here.contains(name)) { // a known method that these weights cannot run (no calibration, no error modes)
              throw new IllegalArgumentException("--methods: " + name + " cannot run with these weights (here: " + String.join(", ", here) + ")");
            }
          }
          methods.removeIf(m -> !only.contains(m.name()));
        }
        if (first < 0 || first >= reader.size()) {
          throw new IllegalArgumentException("--first must lie in 0.." + (reader.size() - 1) + " (the dataset has " + reader.size() + " samples)");
        }
        long n = limit == null ? reader.size() - first : Math.min(limit, reader.size() - first);
        // retopo's levelling, judged by the feed-forward answer (the calibrated one, where there is a calibration)
        dev.topos.nn.vae.PoseCorrection poseCorrection = level && !faceOnly ? weights.poseCorrection() : null;
        dev.topos.pipeline.ScanLeveling leveling = level && !faceOnly ? new dev.topos.pipeline.ScanLeveling(topology, poseCorrection) : null;
        java.util.List<String> levelled = new ArrayList<>();
        java.util.List<String> repaired = new ArrayList<>();
        // As retopo does (ModelInput): a point cloud's normals estimated on the conditioned points (ScanRetopologizer.prepare),
        // their signs from the model, or given normals checked for patches wound inward; then the levelling.
        // A face scan read where the whole head's scan would lie, as retopo --face-only reads it (FaceFrameChoice).
        dev.topos.nn.vae.FaceFrameChoice faceFrames = faceOnly
            ? new dev.topos.nn.vae.FaceFrameChoice(new dev.topos.topology.fit.MeanHeadFit(topology), topology.regions()) : null;
        VaeEvaluation.Preparation preparation = (framed, index) -> {
          VaeExample scan = faceOnly ? faceFrames.choose(retopo, framed, index) : framed;
          VaeExample given = estimateNormals ? scan.withScanNormals(dev.topos.geometry.NormalEstimation.estimate(scan.scanMetres(),
              dev.topos.geometry.NormalEstimation.DEFAULT_NEIGHBOURS)) : scan;
          dev.topos.pipeline.ModelInput input = dev.topos.pipeline.ModelInput.of(given, estimateNormals ? scan.scanPoints().length / 6 : 0, retopo, everyRegion, leveling,
              topology.head(), index);
          if (!input.pose().isUpright()) {
            levelled.add(String.format(java.util.Locale.ROOT, "%d: %.1f degrees", index, input.pose().angleDegrees()));
          }
          if (input.repairedShare() > 0) {
            repaired.add(String.format(java.util.Locale.ROOT, "%d: %.2f %%", index, 100 * input.repairedShare()));
          }
          return input.scan();
        };
        Iterable<dev.topos.synth.dataset.Sample> fromFirst = () -> java.util.stream.LongStream.range(first, first + n)
            .mapToObj(reader::get).iterator();
        List<VaeEvaluation.SampleResult> samples =
            new VaeEvaluation(topology, faceCrop, preparation).evaluate(fromFirst, first, n, methods, System.err);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("dataset", data.toString());
        header.put("refineSteps", refine);
        header.put("faceOnly", faceOnly);
        if (faceCrop != null) { // face-only runs only, so whole-scan files keep their bytes
          header.put("faceCrop", faceCrop.describe());
        }
        header.put("level", leveling != null);
        header.put("estimateNormals", estimateNormals);
        if (!estimateNormals) { // the scans' normals turned around as patches wound inward: none on clean synthetic scans
          System.err.println("normals repaired on " + repaired.size() + " scans" + (repaired.isEmpty() ? "" : ": " + String.join(", ", repaired)));
        }
        header.put("poseCorrection", poseCorrection != null); // the estimate corrected by the network's latent (session 15)
        header.put("model", weights.describe());
        Object interpolationReport = interpolationPairs > 0 ? interpolation(topology, retopo, reader) : null;
        new EvalReport(header, leveling != null ? levelled : null, estimateNormals ? null : repaired, interpolationReport, samples)
            .write(json, spec.commandLine().getOut());
      }
      return 0;
    }

    private dev.topos.nn.vae.LatentInterpolation.Report interpolation(ReferenceTopology topology, Retopologizer retopo,
        DatasetReader test) throws java.io.IOException {
      java.util.List<float[]> heads = new ArrayList<>();
      DatasetReader trainReader = DatasetReader.open(train);
      for (dev.topos.synth.dataset.Sample s : trainReader) {
        if (heads.size() >= 1000) {
          break;
        }
        heads.add(java.util.Arrays.copyOf(s.vertices(), 3 * topology.vertexCount()));
      }
      EdgeLengthRange range = EdgeLengthRange.of(topology.head(), heads);
      List<VaeExample> examples = new ArrayList<>();
      for (long i = 0; i < Math.min(2L * interpolationPairs, test.size()); i++) {
        examples.add(VaeExample.of(test.get(i), topology.head()));
      }
      dev.topos.nn.vae.LatentInterpolation.Report r =
          dev.topos.nn.vae.LatentInterpolation.check(retopo, topology.head(),
              new dev.topos.topology.space.LipParting(dev.topos.topology.space.HeadModel.loadBundled()), examples, range, 0);
      spec.commandLine().getOut().printf(java.util.Locale.ROOT,
          "latent interpolation: %d pairs, %d decoded heads, %d self-intersecting as decoded, %d after lip parting; "
              + "%d with an edge outside the range of all training edges (%.4f-%.4f m); %d with an edge outside its own "
              + "edge's training range, worst %.2fx (of the %d plain reconstructions of the pairs' heads: %d, worst %.2fx)%n",
          r.pairs(), r.heads(), r.selfIntersecting(), r.selfIntersectingAfterLipParting(), r.edgesOutOfGlobalRange(),
          range.globalMin(), range.globalMax(), r.edgesOutOfRange(), r.worstExcess(), 2 * r.pairs(),
          r.endpointsOutOfRange(), r.endpointsWorstExcess());
      return r;
    }
  }

  /**
   * The network's head, the feed-forward (calibrated) head and the correction's stages of the head
   * being evaluated, computed once and shared by the methods that start from them (the evaluation
   * runs the methods one head at a time, in order, so the last head's results are all that is kept).
   */
  private static final class HeadStages {
    private final Retopologizer retopo;
    private final Retopologizer corrector; // null: no correction
    private VaeExample scan;
    private long seed;
    private Retopologizer.Result network;
    private Retopologizer.Result feedForward;
    private Retopologizer.Correction correction;

    HeadStages(Retopologizer retopo, Retopologizer corrector) {
      this.retopo = retopo;
      this.corrector = corrector;
    }

    /** The network's own answer, from which the correction starts (refinement starts from the feed-forward answer). */
    Retopologizer.Result network(VaeExample scan, long seed) {
      if (scan != this.scan || seed != this.seed) {
        Retopologizer.Result head = retopo.encodeDecode(scan, seed); // before the key changes, so a failure keeps none
        this.network = head;
        this.feedForward = null;
        this.correction = null;
        this.scan = scan;
        this.seed = seed;
      }
      return network;
    }

    /** The feed-forward answer: the network's, calibrated if the model has a calibration. */
    Retopologizer.Result feedForward(VaeExample scan, long seed) {
      Retopologizer.Result head = network(scan, seed);
      if (feedForward == null) {
        feedForward = retopo.calibrate(head);
      }
      return feedForward;
    }

    /** Both stages of the corrector's correction of the network's head. */
    Retopologizer.Correction correction(VaeExample scan, long seed) {
      Retopologizer.Result head = network(scan, seed);
      if (correction == null) {
        correction = corrector.correctInStages(scan, head);
      }
      return correction;
    }
  }
}
