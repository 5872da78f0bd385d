package dev.topos.cli;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.MeshConcat;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.io.ObjWriter;
import dev.topos.topology.Part;
import dev.topos.topology.ReferenceTopology;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Writes a head (and optionally its parts) in the reference topology as OBJ or GLB. */
final class HeadWriter {
  private HeadWriter() {}

  static void write(ReferenceTopology topology, float[] fullPositions, Path output, String format, boolean withParts)
      throws IOException {
    for (int i = 0; i < fullPositions.length; i++) {
      if (!Float.isFinite(fullPositions[i])) {
        throw new IllegalArgumentException("head has a non-finite coordinate at vertex " + i / 3);
      }
    }
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : extension(output);
    List<String> names = new ArrayList<>(List.of("head"));
    List<Mesh> meshes = new ArrayList<>(List.of(topology.head().withPositions(
        Arrays.copyOf(fullPositions, 3 * topology.vertexCount()))));
    if (withParts) {
      for (Part p : topology.parts()) {
        names.add(p.name());
        meshes.add(p.mesh().withPositions(Arrays.copyOfRange(fullPositions, 3 * p.firstVertex(),
            3 * (p.firstVertex() + p.vertexCount()))));
      }
    }
    switch (fmt) {
      case "obj" -> MeshFiles.writeAtomically(output, out -> ObjWriter.write(MeshConcat.withGroups(meshes, names), out));
      case "glb" -> GlbScene.write(topology, fullPositions, names, meshes, output);
      default -> throw new IllegalArgumentException("unsupported output format '" + fmt + "' (use obj or glb)");
    }
  }

  /** Writes only a head surface (any frame; the reference faces and UVs) as OBJ or GLB. */
  static void writeHead(Mesh head, Path output, String format) throws IOException {
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : extension(output);
    switch (fmt) {
      case "obj" -> MeshFiles.writeAtomically(output, out -> ObjWriter.write(head, out));
      case "glb" -> dev.topos.export.GlbWriter.write(output, List.of(new dev.topos.export.ExportMesh("head", head)), java.util.Map.of());
      default -> throw new IllegalArgumentException("unsupported output format '" + fmt + "' (use obj or glb)");
    }
  }

  /** Fails before any work if the head could not be written: an unknown format or a missing folder. */
  static void checkOutput(Path output, String format) throws IOException {
    String fmt = format != null ? format.toLowerCase(Locale.ROOT) : extension(output);
    if (!fmt.equals("obj") && !fmt.equals("glb")) {
      throw new IllegalArgumentException("unsupported output format '" + fmt + "' (use obj or glb)");
    }
    MeshFiles.requireOutputFolder(output);
  }

  private static String extension(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
