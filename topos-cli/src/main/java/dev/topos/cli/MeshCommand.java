package dev.topos.cli;

import com.google.gson.GsonBuilder;
import dev.topos.export.MeshFileReader;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.io.XyzReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code topos mesh info FILE}: what a mesh or point cloud file holds, as JSON. */
@Command(name = "mesh", description = "Inspect mesh files.", mixinStandardHelpOptions = true,
    subcommands = {MeshCommand.Info.class})
final class MeshCommand {

  @Command(name = "info", description = "Print vertex/face counts and bounds of an OBJ, PLY, STL, GLB or glTF mesh, or an ASCII point cloud (.xyz, .pts, .asc, .csv, .txt), as JSON.",
      mixinStandardHelpOptions = true)
  static final class Info implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "Mesh or point cloud file.")
    Path file;

    @Override
    public Integer call() throws Exception {
      Mesh m = XyzReader.reads(file) ? asMesh(XyzReader.read(file)) : MeshFileReader.read(file);
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


  /** A point cloud as a mesh without faces (its normals, if any, per vertex). */
  private static Mesh asMesh(dev.topos.geometry.PointCloud cloud) {
    float[] normals = cloud.normals();
    return new Mesh(cloud.positions(), new int[] {0}, new int[0], null, null, normals, normals == null ? null : new int[0], null, null);
  }
}
