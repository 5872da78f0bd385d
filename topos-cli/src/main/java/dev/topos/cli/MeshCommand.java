package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.export.GlbReader;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.io.MeshFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topos mesh info FILE}: what a mesh file holds (OBJ, PLY or GLB), as JSON. */
@Command(name = "mesh", description = "Inspect mesh files.", mixinStandardHelpOptions = true,
    subcommands = {MeshCommand.Info.class})
final class MeshCommand {

  @Command(name = "info", description = "Print vertex/face counts and bounds of an OBJ, PLY or GLB file as JSON.",
      mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Mesh or point cloud file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      Mesh m = read(file);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("file", file.toString());
      json.put("vertices", m.vertexCount());
      json.put("faces", m.faceCount());
      json.put("quads", m.quadCount());
      json.put("hasUvs", m.hasUvs());
      json.put("hasNormals", m.normals() != null);
      json.put("groups", m.groupNames());
      json.put("bounds", m.bounds());
      spec.commandLine().getOut().println(new GsonBuilder().setPrettyPrinting().create().toJson(json));
      return 0;
    }
  }

  /** Reads OBJ or PLY through the geometry readers and GLB through the export reader. */
  static Mesh read(Path file) throws java.io.IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".glb") ? GlbReader.read(file) : MeshFiles.read(file);
  }
}
