package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.topology.Joint;
import dev.topos.topology.LandmarkSet;
import dev.topos.topology.Part;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code topos topology info|export}: the reference head. */
@Command(name = "topology", description = "The reference head topology.", mixinStandardHelpOptions = true,
    subcommands = {TopologyCommand.Info.class, TopologyCommand.Export.class})
final class TopologyCommand {

  @Command(name = "info", description = "Print counts of the reference topology as JSON.", mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      ReferenceTopology t = ReferenceTopology.loadBundled();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("vertices", t.vertexCount());
      json.put("faces", t.head().faceCount());
      json.put("quads", t.head().quadCount());
      json.put("triangles", t.head().faceCount() - t.head().quadCount());
      json.put("quadFraction", (double) t.head().quadCount() / t.head().faceCount());
      json.put("uvCoordinates", t.head().uvs().length / 2);
      Map<String, Integer> regions = new LinkedHashMap<>();
      for (Map.Entry<Region, Integer> e : t.regionSizes().entrySet()) {
        regions.put(e.getKey().key(), e.getValue());
      }
      json.put("regions", regions);
      Map<String, Integer> landmarks = new LinkedHashMap<>();
      for (LandmarkSet s : t.landmarks().values()) {
        landmarks.put(s.name(), s.size());
      }
      json.put("landmarks", landmarks);
      json.put("invalidLandmarks", t.invalidLandmarkCount());
      Map<String, Map<String, Integer>> parts = new LinkedHashMap<>();
      for (Part p : t.parts()) {
        parts.put(p.name(), Map.of("vertices", p.vertexCount(), "faces", p.mesh().faceCount()));
      }
      json.put("parts", parts);
      Map<String, float[]> joints = new LinkedHashMap<>();
      float[] full = t.neutralFullPositions();
      for (Joint j : t.joints()) {
        joints.put(j.name(), j.position(full));
      }
      json.put("jointsMetres", joints);
      int mirrored = 0;
      for (int i = 0; i < t.mirror().length; i++) {
        mirrored += t.mirror()[t.mirror()[i]] == i ? 1 : 0;
      }
      json.put("symmetricPairsConsistent", mirrored == t.vertexCount());
      spec.commandLine().getOut().println(new GsonBuilder().setPrettyPrinting().create().toJson(json));
      return 0;
    }
  }

  @Command(name = "export", description = "Write the neutral reference head (with UVs).", mixinStandardHelpOptions = true)
  static final class Export implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, required = true, description = "Output file (.obj or .glb).")
    Path output;

    @Option(names = "--format", description = "obj or glb (default: from the file extension).")
    String format;

    @Mixin
    PartsOption parts;

    @Override
    public Integer call() throws Exception {
      ReferenceTopology t = ReferenceTopology.loadBundled();
      HeadWriter.write(t, t.neutralFullPositions(), output, format, parts.withParts);
      return 0;
    }
  }
}
