package dev.topos.cli;

import dev.topos.export.ExportMesh;
import dev.topos.export.GlbWriter;
import dev.topos.geometry.Mesh;
import dev.topos.topology.Joint;
import dev.topos.topology.ReferenceTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A head as a GLB scene: one node per mesh (head, parts) and one empty node per joint. */
final class GlbScene {
  private GlbScene() {}

  static void write(ReferenceTopology topology, float[] fullPositions, List<String> names, List<Mesh> meshes, Path output)
      throws IOException {
    List<ExportMesh> scene = new ArrayList<>();
    for (int i = 0; i < meshes.size(); i++) {
      scene.add(new ExportMesh(names.get(i), meshes.get(i)));
    }
    Map<String, float[]> joints = new LinkedHashMap<>();
    for (Joint j : topology.joints()) {
      joints.put(j.name(), j.position(fullPositions));
    }
    GlbWriter.write(output, scene, joints);
  }
}
