package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a {@link Mesh} as Wavefront OBJ: {@code v}, {@code vt}, {@code vn} lines, then faces as
 * they are (quads stay quads) with per-corner {@code v/vt/vn} indices (1-based), preceded by a
 * {@code g name} line whenever the face group changes.
 *
 * <p>Output is deterministic: UTF-8, {@code \n} line ends, locale-free shortest float text
 * that parses back to the identical float32 ({@link Float#toString(float)}), no timestamps. So
 * writing then {@link ObjReader reading} gives back identical arrays, and for meshes whose group
 * names are listed in order of first use by the faces (as {@link ObjReader} produces them) an
 * {@code equals} mesh. Group names not used by any face are not written.
 */
public final class ObjWriter {
  private ObjWriter() {}

  /** Writes atomically (temp file + rename, see {@link MeshFiles#writeAtomically}). */
  public static void write(Mesh mesh, Path path) throws IOException {
    MeshFiles.writeAtomically(path, out -> write(mesh, out));
  }

  /** Writes OBJ text to the stream; flushes but does not close it. */
  public static void write(Mesh mesh, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    write(mesh, w);
    w.flush();
  }

  /** Writes OBJ text; does not flush or close the writer. */
  public static void write(Mesh mesh, Writer w) throws IOException {
    checkFinite(mesh.positions(), "position");
    w.write("# topos mesh: " + mesh.vertexCount() + " vertices, " + mesh.faceCount() + " faces\n");
    writeVectors(w, "v ", mesh.positions(), 3);
    if (mesh.uvs() != null) {
      checkFinite(mesh.uvs(), "texture coordinate");
      writeVectors(w, "vt ", mesh.uvs(), 2);
    }
    if (mesh.normals() != null) {
      checkFinite(mesh.normals(), "normal");
      writeVectors(w, "vn ", mesh.normals(), 3);
    }
    int[] starts = mesh.faceStarts();
    int[] fv = mesh.faceVertices();
    int[] fuv = mesh.faceUvs();
    int[] fn = mesh.faceNormals();
    int[] groups = mesh.faceGroups();
    int currentGroup = -1;
    StringBuilder sb = new StringBuilder(64);
    for (int f = 0; f < mesh.faceCount(); f++) {
      if (groups != null && groups[f] != currentGroup) {
        currentGroup = groups[f];
        w.write("g " + mesh.groupNames().get(currentGroup) + "\n");
      }
      sb.setLength(0);
      sb.append('f');
      for (int c = starts[f]; c < starts[f + 1]; c++) {
        sb.append(' ').append(fv[c] + 1);
        if (fuv != null || fn != null) {
          sb.append('/');
          if (fuv != null) {
            sb.append(fuv[c] + 1);
          }
          if (fn != null) {
            sb.append('/').append(fn[c] + 1);
          }
        }
      }
      sb.append('\n');
      w.append(sb);
    }
  }

  private static void writeVectors(Writer w, String prefix, float[] values, int stride) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < values.length; i += stride) {
      sb.setLength(0);
      sb.append(prefix);
      for (int k = 0; k < stride; k++) {
        if (k > 0) {
          sb.append(' ');
        }
        sb.append(FloatText.format(values[i + k]));
      }
      sb.append('\n');
      w.append(sb);
    }
  }

  private static void checkFinite(float[] values, String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new IllegalArgumentException(what + " value " + i + " is " + values[i] + "; OBJ output must be finite");
      }
    }
  }
}
