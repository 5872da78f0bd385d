package dev.topos.topology.makehuman;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.topos.topology.space.HeadSpace;
import dev.topos.topology.space.HeadSpaceFormat;
import dev.topos.topology.space.ShapeTarget;
import dev.topos.topology.space.Slider;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Builds the {@link HeadSpace} from MakeHuman's targets, restricted to the full vertex array of
 * the reference head (head, parts, joint cubes): macro targets, local head and face targets with
 * their slider catalogue, and the 34 expression units of each race. Decimetres become metres;
 * deltas are quantised exactly as the resource stores them, so what the converter computes equals
 * what the product later loads.
 */
final class HeadSpaceBuilder {
  /** MakeHuman target groups that shape the head (issue: head, face, ears, neck, asymmetry). */
  static final List<String> LOCAL_GROUPS =
      List.of("head", "forehead", "eyebrows", "eyes", "nose", "mouth", "ears", "chin", "cheek", "neck", "asym");
  static final List<String> RACES = List.of("african", "asian", "caucasian");
  private static final float DM_TO_M = 0.1f;

  private HeadSpaceBuilder() {}

  static HeadSpace build(Path mh, RawBaseMesh raw, int[] sourceVertex) throws IOException {
    Map<Integer, Integer> fullIndex = new LinkedHashMap<>();
    for (int i = 0; i < sourceVertex.length; i++) {
      fullIndex.put(sourceVertex[i], i);
    }
    float[] base = new float[3 * sourceVertex.length];
    for (int i = 0; i < sourceVertex.length; i++) {
      for (int k = 0; k < 3; k++) {
        base[3 * i + k] = raw.positions()[3 * sourceVertex[i] + k] * DM_TO_M;
      }
    }
    Map<String, ShapeTarget> targets = new LinkedHashMap<>();
    Path macro = mh.resolve("targets/macrodetails");
    for (Path f : targetFiles(macro)) {
      add(targets, "macro/" + stem(f), f, fullIndex);
    }
    for (String sub : List.of("proportions", "height")) {
      for (Path f : targetFiles(macro.resolve(sub))) {
        add(targets, "macro/" + sub + "/" + stem(f), f, fullIndex);
      }
    }
    for (String group : LOCAL_GROUPS) {
      for (Path f : targetFiles(mh.resolve("targets").resolve(group))) {
        add(targets, group + "/" + stem(f), f, fullIndex);
      }
    }
    List<String> units = new ArrayList<>();
    for (Path f : targetFiles(mh.resolve("targets/expression/units/caucasian"))) {
      units.add(stem(f));
    }
    for (String race : RACES) {
      for (Path f : targetFiles(mh.resolve("targets/expression/units").resolve(race))) {
        add(targets, "expression/" + race + "/" + stem(f), f, fullIndex);
      }
    }
    List<Slider> sliders = sliders(mh.resolve("targets/target.json"), targets);
    return new HeadSpace(base, targets, sliders, units);
  }

  private static List<Path> targetFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".target.gz")).sorted().toList();
    }
  }

  private static String stem(Path f) {
    String n = f.getFileName().toString();
    return n.substring(0, n.length() - ".target.gz".length());
  }

  /** Adds the target restricted to the full array; targets that do not touch the head are skipped. */
  private static void add(Map<String, ShapeTarget> targets, String name, Path file, Map<Integer, Integer> fullIndex) throws IOException {
    RawTarget t = RawTarget.read(file);
    // Sort by full-array index so that the stored indices ascend.
    java.util.TreeMap<Integer, float[]> kept = new java.util.TreeMap<>();
    for (int i = 0; i < t.vertices().length; i++) {
      Integer v = fullIndex.get(t.vertices()[i]);
      float dx = t.deltas()[3 * i];
      float dy = t.deltas()[3 * i + 1];
      float dz = t.deltas()[3 * i + 2];
      if (v != null && (dx != 0 || dy != 0 || dz != 0)) {
        kept.put(v, new float[] {dx * DM_TO_M, dy * DM_TO_M, dz * DM_TO_M});
      }
    }
    if (kept.isEmpty()) {
      return;
    }
    int[] vertices = new int[kept.size()];
    float[] deltas = new float[3 * kept.size()];
    int i = 0;
    for (Map.Entry<Integer, float[]> e : kept.entrySet()) {
      vertices[i] = e.getKey();
      System.arraycopy(e.getValue(), 0, deltas, 3 * i, 3);
      i++;
    }
    targets.put(name, new ShapeTarget(name, vertices, HeadSpaceFormat.quantise(deltas)));
  }

  /**
   * Sliders from MakeHuman's catalogue: each category of a local group becomes one slider (two,
   * "l-" and "r-", for left/right categories); target files that no category names become
   * one-sided sliders of their own. Targets that do not touch the head drop out, and a slider with
   * none left is skipped.
   */
  private static List<Slider> sliders(Path catalogue, Map<String, ShapeTarget> targets) throws IOException {
    JsonObject root;
    try (Reader r = Files.newBufferedReader(catalogue, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(r).getAsJsonObject();
    }
    List<Slider> out = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    for (String group : LOCAL_GROUPS) {
      JsonObject g = root.has(group) ? root.getAsJsonObject(group) : null;
      JsonArray cats = g == null ? new JsonArray() : g.getAsJsonArray("categories");
      for (JsonElement el : cats) {
        JsonObject c = el.getAsJsonObject();
        String name = c.get("name").getAsString();
        for (JsonElement t : c.getAsJsonArray("targets")) {
          named.add(group + "/" + t.getAsString());
        }
        if (!c.has("opposites")) {
          List<String> pos = existing(targets, group, List.of(name));
          if (!pos.isEmpty()) {
            out.add(new Slider(group + "/" + name, group, List.of(), pos, null));
          }
          continue;
        }
        JsonObject o = c.getAsJsonObject("opposites");
        if (c.get("has_left_and_right").getAsBoolean()) {
          String left = group + "/l-" + name;
          String right = group + "/r-" + name;
          addTwoSided(out, targets, group, left, o.get("negative-left").getAsString(), o.get("positive-left").getAsString(), right);
          addTwoSided(out, targets, group, right, o.get("negative-right").getAsString(), o.get("positive-right").getAsString(), left);
        } else {
          addTwoSided(out, targets, group, group + "/" + name, o.get("negative-unsided").getAsString(),
              o.get("positive-unsided").getAsString(), null);
        }
      }
    }
    for (String t : targets.keySet()) {
      String group = t.substring(0, t.indexOf('/'));
      if (LOCAL_GROUPS.contains(group) && !named.contains(t)) {
        out.add(new Slider(t, group, List.of(), List.of(t), null));
      }
    }
    return out;
  }

  private static void addTwoSided(List<Slider> out, Map<String, ShapeTarget> targets, String group, String name,
      String negative, String positive, String mirror) {
    List<String> neg = existing(targets, group, negative.isEmpty() ? List.of() : List.of(negative));
    List<String> pos = existing(targets, group, positive.isEmpty() ? List.of() : List.of(positive));
    if (neg.isEmpty() && pos.isEmpty()) {
      return;
    }
    if (neg.isEmpty()) {
      out.add(new Slider(name, group, List.of(), pos, mirror));
    } else {
      out.add(new Slider(name, group, neg, pos, mirror));
    }
  }

  private static List<String> existing(Map<String, ShapeTarget> targets, String group, List<String> names) {
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (targets.containsKey(group + "/" + n)) {
        out.add(group + "/" + n);
      }
    }
    return out;
  }
}
