package dev.topos.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.nn.vae.VaeEvaluation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code topos eval merge}: joins the files of {@code eval vae} runs over slices of one split
 * ({@code --first}/{@code --limit}) into the file of the whole run. The averages are summed again from
 * every sample's values in dataset order, as the whole run sums them, so the result has the same
 * bytes as one process evaluating the whole split.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Join `eval vae` results of slices of one split (--first/--limit, e.g. run in parallel processes) into one "
        + "result: the same JSON and table as one run over the whole range.")
final class EvalMergeCommand implements Callable<Integer> {
  /** Settings every slice must share. */
  private static final List<String> SHARED = List.of("dataset", "refineSteps", "faceOnly", "faceCrop", "level", "estimateNormals", "poseCorrection", "model");

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "SLICE.json", description = "The slices' JSON files, in any order.")
  List<Path> slices;

  @Option(names = "--json", required = true, description = "Where to write the merged results (a Markdown table goes beside it).")
  Path json;

  @Override
  public Integer call() throws IOException {
    MeshFiles.requireOutputFolder(json);
    Map<String, Object> header = null;
    JsonObject headerSource = null;
    Path headerFile = null;
    List<VaeEvaluation.SampleResult> samples = new ArrayList<>();
    List<String> levelled = null;
    List<String> repaired = null;
    JsonElement interpolation = null;
    for (Path file : slices) {
      JsonObject slice = read(file);
      if (headerSource == null) {
        headerSource = slice;
        headerFile = file;
        header = new LinkedHashMap<>();
        for (String key : SHARED) {
          header.put(key, slice.get(key));
        }
      } else {
        for (String key : SHARED) {
          if (!String.valueOf(slice.get(key)).equals(String.valueOf(headerSource.get(key)))) {
            boolean missing = !slice.has(key) || !headerSource.has(key);
            throw new IllegalArgumentException(file + " and " + headerFile + " differ in " + key + ": not slices of one run"
                + (missing ? " (one of them lacks it: written by an older topos?)" : ""));
          }
        }
      }
      levelled = entries(slice, "levelled", levelled);
      repaired = entries(slice, "repaired", repaired);
      if (slice.has("interpolation")) {
        if (interpolation != null && !interpolation.equals(slice.get("interpolation"))) {
          throw new IllegalArgumentException("two slices hold different interpolation checks (run it in one slice: "
              + "--interpolation-pairs 0 in the others)");
        }
        interpolation = slice.get("interpolation");
      }
      for (JsonElement e : slice.getAsJsonArray("perSample")) {
        samples.add(sampleOf(e.getAsJsonObject()));
      }
    }
    samples.sort(Comparator.comparingLong(VaeEvaluation.SampleResult::index));
    for (int i = 1; i < samples.size(); i++) {
      long previous = samples.get(i - 1).index();
      long index = samples.get(i).index();
      if (index == previous) {
        throw new IllegalArgumentException("sample " + index + " is in two slices");
      }
      if (index != previous + 1) {
        throw new IllegalArgumentException("no slice holds samples " + (previous + 1) + "-" + (index - 1));
      }
    }
    for (List<String> list : java.util.Arrays.asList(levelled, repaired)) { // "27: 4.2 degrees", in sample order
      if (list != null) {
        list.sort(Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf(':')))));
      }
    }
    new EvalReport(header, levelled, repaired, interpolation, samples).write(json, spec.commandLine().getOut());
    return 0;
  }

  /** {@code into} with the slice's entries under {@code key} added (a new list if it was null), or {@code into} if it has none. */
  private static List<String> entries(JsonObject slice, String key, List<String> into) {
    if (!slice.has(key)) {
      return into;
    }
    List<String> out = into == null ? new ArrayList<>() : into;
    for (JsonElement e : slice.getAsJsonArray(key)) {
      out.add(e.getAsString());
    }
    return out;
  }

  private static JsonObject read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
      if (!o.has("perSample")) {
        throw new IllegalArgumentException(file + " holds no per-sample results (written by an older `eval vae`?)");
      }
      return o;
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException(file + " is not an `eval vae` result: " + e.getMessage());
    }
  }

  private static VaeEvaluation.SampleResult sampleOf(JsonObject row) {
    Map<String, double[]> metrics = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> m : row.getAsJsonObject("methods").entrySet()) {
      JsonObject values = m.getValue().getAsJsonObject();
      double[] v = new double[VaeEvaluation.METRICS.size()];
      for (int i = 0; i < v.length; i++) {
        v[i] = values.get(VaeEvaluation.METRICS.get(i)).getAsDouble();
      }
      metrics.put(m.getKey(), v);
    }
    return new VaeEvaluation.SampleResult(row.get("index").getAsLong(), row.get("family").getAsString(), metrics);
  }
}
