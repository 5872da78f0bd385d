package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.VaeEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files {@code topos eval vae} and {@code topos eval merge} write: the JSON report (settings,
 * averages, the interpolation check, every sample's values) and a Markdown table of the averages beside
 * it. Both commands build it here, in one key order, so that merged slices give the whole run's bytes.
 *
 * @param header dataset, model and settings, in the order they are written
 * @param levelled which scans were levelled and by how much, or null when the run did not level
 * @param repaired which scans had given normals turned around as patches wound inward, and what share
 *     ("12: 2.50 %"), or null when the run estimated every scan's normals (nothing is checked then)
 * @param interpolation the latent interpolation check (any JSON-serialisable value), or null
 * @param samples every sample's values, in dataset order
 */
record EvalReport(Map<String, Object> header, List<String> levelled, List<String> repaired, Object interpolation,
    List<VaeEvaluation.SampleResult> samples) {

  /** Writes {@code json} and its {@code .md} sibling atomically, and prints the table. */
  void write(Path json, PrintWriter out) throws IOException {
    Map<String, Map<String, Map<String, Double>>> results = VaeEvaluation.summarise(samples);
    Map<String, Object> report = new LinkedHashMap<>(header);
    report.put("samples", (long) samples.size());
    report.put("first", samples.isEmpty() ? 0L : samples.get(0).index());
    if (levelled != null) {
      report.put("levelled", levelled); // which scans were turned upright, and by how much
    }
    if (repaired != null) {
      report.put("repaired", repaired); // which scans' given normals were turned around, and what share
    }
    report.put("results", results);
    if (interpolation != null) {
      report.put("interpolation", interpolation);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (VaeEvaluation.SampleResult s : samples) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("index", s.index());
      row.put("family", s.family());
      Map<String, Map<String, Double>> byMethod = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> m : s.metrics().entrySet()) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 0; i < VaeEvaluation.METRICS.size(); i++) {
          metrics.put(VaeEvaluation.METRICS.get(i), m.getValue()[i]);
        }
        byMethod.put(m.getKey(), metrics);
      }
      row.put("methods", byMethod);
      rows.add(row);
    }
    report.put("perSample", rows); // for statistics of one's own, and for `eval merge`
    String text = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(report) + "\n";
    MeshFiles.writeAtomically(json, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    String table = VaeEvaluation.markdown(results);
    Path md = json.resolveSibling(json.getFileName().toString().replaceAll("\\.json$", "") + ".md");
    MeshFiles.writeAtomically(md, o -> o.write(table.getBytes(StandardCharsets.UTF_8)));
    out.print(table);
    out.flush(); // print does not flush picocli's writer, and the process exits right after
  }
}
