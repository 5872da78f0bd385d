package dev.topos.export;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.io.MeshFormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a mesh from any file type topos reads, by extension (any case): {@code .obj}, {@code .ply}
 * and {@code .stl} with {@link MeshFiles} (topos-geometry), {@code .glb} and {@code .gltf} with
 * {@link GlbReader} (here, since glTF needs jgltf).
 */
public final class MeshFileReader {
  /** The extensions {@link #read} takes, without the dot, in the order messages list them. */
  public static final List<String> EXTENSIONS = List.of("obj", "ply", "stl", "glb", "gltf");

  private MeshFileReader() {}

  /** Whether {@link #read} takes the file's extension. */
  public static boolean reads(Path file) {
    return EXTENSIONS.contains(MeshFiles.extension(file));
  }

  /** Reads the mesh of {@code file}; see the class comment for the types. */
  public static Mesh read(Path file) throws IOException {
    String extension = MeshFiles.extension(file);
    if (!EXTENSIONS.contains(extension)) {
      throw new MeshFormatException(file + ": unsupported mesh file type (expected ." + String.join(", .", EXTENSIONS) + ")");
    }
    return extension.equals("glb") || extension.equals("gltf") ? GlbReader.read(file) : MeshFiles.read(file);
  }
}
