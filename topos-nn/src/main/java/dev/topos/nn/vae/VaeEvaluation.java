package dev.topos.nn.vae;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.synth.dataset.ProgressBar;
import dev.topos.synth.dataset.Sample;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.pyramid.FaceScanFrame;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs several {@link RetopoMethod}s on the same held-out samples and averages their
 * {@link RetopoMetrics} over all samples and per scan family.
 */
public final class VaeEvaluation {
  /** Metric names in table order. */
  public static final List<String> METRICS = List.of("vertex_mean_mm", "vertex_median_mm", "vertex_p95_mm",
      "face_mean_mm", "chamfer_to_scan_mm", "normal_consistency", "fscore_1mm", "scan_to_surface_mm");

  private final ReferenceTopology topology;
  private final boolean[] faceMask;
  private final FaceCrop faceCrop; // null: whole scans
  private final Preparation preparation; // null: the scans as the samples give them

  /**
   * What {@code retopo} does to a prepared scan before the model reads it (its levelling): the scan
   * with its truth, both turned alike, or the very same example.
   */
  @FunctionalInterface
  public interface Preparation {
    /**
     * @param scan a prepared sample
     * @param index the sample's place in the evaluation (the methods' seed)
     */
    VaeExample apply(VaeExample scan, long index);
  }

  /** On the samples' whole scans. */
  public VaeEvaluation(ReferenceTopology topology) {
    this(topology, null, null);
  }

  /**
   * @param faceCrop how each scan is cropped to the face first ({@link VaeExample#ofFaceOnly}), for the
   *     methods of {@code retopo --face-only}; null for whole scans
   * @param preparation what happens to each prepared scan before the methods run, or null for nothing
   */
  public VaeEvaluation(ReferenceTopology topology, FaceCrop faceCrop, Preparation preparation) {
    this.topology = topology;
    this.faceCrop = faceCrop;
    this.preparation = preparation;
    this.faceMask = FaceScanFrame.faceVertices(topology.regions());
  }

  /**
   * One evaluated sample.
   *
   * @param index its place in the dataset (the methods' seed)
   * @param family its scan family
   * @param metrics method -> its values in {@link #METRICS} order, methods in the order they ran
   */
  public record SampleResult(long index, String family, Map<String, double[]> metrics) {}

  /**
   * Averages: method -> group ("all" or a family) -> metric -> mean over samples; plus a "count"
   * metric per group.
   */
  public Map<String, Map<String, Map<String, Double>>> run(Iterable<Sample> samples, long limit, List<RetopoMethod> methods,
      PrintStream progress) {
    return summarise(evaluate(samples, 0, limit, methods, progress));
  }

  /**
   * Every method on up to {@code limit} samples, one result per sample.
   *
   * @param samples the samples, from the one at {@code first} on
   * @param first the dataset index of the first sample: the methods' seed and the preparation's index
   *     count from it, so that a slice gives the same per-sample values as the whole run
   */
  public List<SampleResult> evaluate(Iterable<Sample> samples, long first, long limit, List<RetopoMethod> methods,
      PrintStream progress) {
    Mesh head = topology.head();
    List<SampleResult> out = new ArrayList<>();
    ProgressBar bar = progress == null ? null : new ProgressBar(progress, "eval", limit, 0);
    long n = 0;
    for (Sample s : samples) {
      if (n >= limit) {
        break;
      }
      long index = first + n;
      VaeExample given = faceCrop != null ? VaeExample.ofFaceOnly(s, head, topology.regions(), faceCrop) : VaeExample.of(s, head);
      VaeExample scan = preparation == null ? given : preparation.apply(given, index);
      float[] truth = scan == given ? Arrays.copyOf(s.vertices(), 3 * head.vertexCount()) // [V*3] metres
          : scan.frame().fromUnit(scan.targetPositions()); // turned as the scan was
      float[] metres = scan.scanMetres(); // [P*3]
      float[] nrm = scan.scanNormals(); // [P*3]
      PointCloud cloud = new PointCloud(metres, nrm);
      Map<String, double[]> byMethod = new LinkedHashMap<>();
      for (RetopoMethod m : methods) {
        float[] predicted = m.retopologize(scan, metres, nrm, index);
        RetopoMetrics r = RetopoMetrics.of(head, faceMask, predicted, truth, cloud);
        byMethod.put(m.name(), new double[] {r.vertex().meanMm(), r.vertex().medianMm(), r.vertex().p95Mm(), r.face().meanMm(),
            r.chamferToScan(), r.normalConsistency(), r.fScore1mm(), r.scanToSurfaceMm()});
      }
      out.add(new SampleResult(index, s.scanFamily(), byMethod));
      n++;
      if (bar != null) {
        bar.advance(1);
      }
    }
    if (bar != null) {
      bar.finish();
    }
    return out;
  }

  /**
   * The averages of {@link #run} from per-sample results, summed in the order given (so results of
   * slices, put back in dataset order, give the whole run's averages to the bit).
   */
  public static Map<String, Map<String, Map<String, Double>>> summarise(List<SampleResult> samples) {
    Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    for (SampleResult s : samples) {
      for (Map.Entry<String, double[]> m : s.metrics().entrySet()) {
        double[] values = m.getValue();
        Map<String, double[]> byGroup = sums.computeIfAbsent(m.getKey(), k -> new TreeMap<>());
        for (String group : new String[] {"all", s.family()}) {
          double[] acc = byGroup.computeIfAbsent(group, k -> new double[values.length + 1]);
          for (int i = 0; i < values.length; i++) {
            acc[i] += values[i];
          }
          acc[values.length]++;
        }
      }
    }
    Map<String, Map<String, Map<String, Double>>> out = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, double[]>> m : sums.entrySet()) {
      Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> g : m.getValue().entrySet()) {
        double[] acc = g.getValue();
        double count = acc[METRICS.size()];
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < METRICS.size(); i++) {
          metrics.put(METRICS.get(i), acc[i] / count);
        }
        metrics.put("count", count);
        groups.put(g.getKey(), metrics);
      }
      out.put(m.getKey(), groups);
    }
    return out;
  }

  /** A Markdown table: one row per method and group. */
  public static String markdown(Map<String, Map<String, Map<String, Double>>> results) {
    StringBuilder sb = new StringBuilder("| method | scans | n | " + String.join(" | ", METRICS) + " |\n|---|---|---|");
    sb.append("---|".repeat(METRICS.size())).append('\n');
    for (Map.Entry<String, Map<String, Map<String, Double>>> m : results.entrySet()) {
      for (Map.Entry<String, Map<String, Double>> g : m.getValue().entrySet()) {
        sb.append("| ").append(m.getKey()).append(" | ").append(g.getKey()).append(" | ")
            .append(String.format(Locale.ROOT, "%.0f", g.getValue().get("count")));
        for (String k : METRICS) {
          sb.append(String.format(Locale.ROOT, " | %.3f", g.getValue().get(k)));
        }
        sb.append(" |\n");
      }
    }
    return sb.toString();
  }
}
