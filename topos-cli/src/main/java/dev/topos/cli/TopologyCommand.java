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
    subcommands = {TopologyCommand.Info.class, TopologyCommand.Export.class, TopologyCommand.Regions.class})
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

  @Command(name = "regions", description = "Render the reference head coloured by region (front and side) as PNG.",
      mixinStandardHelpOptions = true)
  static final class Regions implements Callable<Integer> {
    /** sRGB colour per {@link Region}, in declaration order. */
    private static final int[] COLOURS = {0x7a1f2b, 0xe0506a, 0x3c78d8, 0xf1a340, 0x6aa84f, 0xe8d7c3, 0x9e9e9e, 0x8e6bbf};

    @Option(names = {"-o", "--output"}, required = true, description = "Output PNG.")
    Path output;

    @Option(names = "--size", defaultValue = "384", description = "Tile size in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
      ReferenceTopology t = ReferenceTopology.loadBundled();
      float[] colours = new float[3 * t.vertexCount()];
      for (int i = 0; i < t.vertexCount(); i++) {
        int c = COLOURS[t.regions()[i].ordinal()];
        for (int k = 0; k < 3; k++) {
          colours[3 * i + k] = (float) dev.topos.render.Srgb.decode(((c >> (16 - 8 * k)) & 255) / 255.0);
        }
      }
      dev.topos.render.RenderMesh mesh = dev.topos.render.RenderMesh.of(t.head())
          .withColors(dev.topos.render.VertexAttribute.perVertex(colours, 3));
      dev.topos.render.PreviewRenderer r = dev.topos.render.PreviewRenderer.of(size, size)
          .withMaterial(dev.topos.render.Material.clay().withAlbedo(new dev.topos.render.Albedo.VertexColors()));
      java.util.List<java.awt.image.BufferedImage> tiles = new java.util.ArrayList<>();
      for (double yaw : new double[] {0, 60, 120, 180}) {
        tiles.add(r.image(mesh, yaw));
      }
      dev.topos.render.ContactSheet.of(4).write(tiles, output);
      return 0;
    }
  }
}
