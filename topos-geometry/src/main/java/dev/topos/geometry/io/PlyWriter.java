package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes meshes and point clouds as PLY, in any {@link PlyFormat}. Values are float32 and
 * written exactly (binary bits, or ASCII text that parses back to the identical float), so a
 * {@link PlyReader} round trip gives identical arrays. Output is deterministic.
 *
 * <p>Layout: element {@code vertex} with {@code float x y z}, then {@code nx ny nz} and
 * {@code s t} when present; element {@code face} (omitted when the mesh has no faces) with
 * {@code list uchar int vertex_indices} ({@code list int int} when a face has over 255 corners),
 * and {@code list uchar float texcoord} when needed (see below).
 *
 * <p>PLY keeps one normal and one uv per vertex, so per-corner attributes are mapped as follows:
 * uvs that are the same at every corner of a vertex are written per vertex ({@code s t});
 * otherwise (UV seams) as MeshLab's per-corner face list {@code texcoord}. Normals that differ
 * between the corners of a vertex are written as the normalised mean of its corner normals.
 * Face groups are not stored.
 */
public final class PlyWriter {
  private PlyWriter() {}

  /** Writes a mesh atomically (temp file + rename, see {@link MeshFiles#writeAtomically}). */
  public static void write(Mesh mesh, Path path, PlyFormat format) throws IOException {
    MeshFiles.writeAtomically(path, out -> write(mesh, out, format));
  }

  /** Writes a point cloud atomically (temp file + rename). */
  public static void write(PointCloud cloud, Path path, PlyFormat format) throws IOException {
    MeshFiles.writeAtomically(path, out -> write(cloud, out, format));
  }

  /** Writes a mesh to a stream; flushes but does not close it. */
  public static void write(Mesh mesh, OutputStream out, PlyFormat format) throws IOException {
    float[] vertexUvs = null;
    float[] cornerUvs = null;
    if (mesh.uvs() != null) {
      vertexUvs = perVertex(mesh, mesh.uvs(), mesh.faceUvs(), 2);
      if (vertexUvs == null) {
        cornerUvs = new float[mesh.faceUvs().length * 2];
        for (int c = 0; c < mesh.faceUvs().length; c++) {
          cornerUvs[2 * c] = mesh.uvs()[2 * mesh.faceUvs()[c]];
          cornerUvs[2 * c + 1] = mesh.uvs()[2 * mesh.faceUvs()[c] + 1];
        }
      }
    }
    float[] normals = null;
    if (mesh.normals() != null) {
      normals = perVertex(mesh, mesh.normals(), mesh.faceNormals(), 3);
      if (normals == null) {
        normals = meanNormals(mesh);
      }
    }
    new Table(mesh.positions(), normals, vertexUvs, mesh.faceStarts(), mesh.faceVertices(), cornerUvs)
        .write(out, format);
  }

  /** Writes a point cloud (vertices only, with normals when present); flushes but does not close. */
  public static void write(PointCloud cloud, OutputStream out, PlyFormat format) throws IOException {
    new Table(cloud.positions(), cloud.normals(), null, new int[] {0}, new int[0], null).write(out, format);
  }

  /** The attribute per vertex if every corner of each vertex agrees (bitwise), else null. */
  private static float[] perVertex(Mesh mesh, float[] values, int[] cornerIndex, int stride) {
    float[] out = new float[mesh.vertexCount() * stride];
    boolean[] set = new boolean[mesh.vertexCount()];
    int[] fv = mesh.faceVertices();
    for (int c = 0; c < fv.length; c++) {
      int v = fv[c];
      int src = cornerIndex[c] * stride;
      for (int k = 0; k < stride; k++) {
        float value = values[src + k];
        if (!set[v]) {
          out[v * stride + k] = value;
        } else if (Float.floatToIntBits(out[v * stride + k]) != Float.floatToIntBits(value)) {
          return null;
        }
      }
      set[v] = true;
    }
    return out;
  }

  private static float[] meanNormals(Mesh mesh) {
    double[] acc = new double[mesh.vertexCount() * 3];
    int[] fv = mesh.faceVertices();
    for (int c = 0; c < fv.length; c++) {
      for (int k = 0; k < 3; k++) {
        acc[3 * fv[c] + k] += mesh.normals()[3 * mesh.faceNormals()[c] + k];
      }
    }
    float[] out = new float[acc.length];
    for (int v = 0; v < acc.length; v += 3) {
      double len = Math.sqrt(acc[v] * acc[v] + acc[v + 1] * acc[v + 1] + acc[v + 2] * acc[v + 2]);
      for (int k = 0; k < 3 && len > 0; k++) {
        out[v + k] = (float) (acc[v + k] / len);
      }
    }
    return out;
  }

  /** Everything one PLY file holds, in PLY's per-vertex form. */
  private record Table(float[] positions, float[] normals, float[] vertexUvs,
                       int[] faceStarts, int[] faceVertices, float[] cornerUvs) {

    int vertexCount() {
      return positions.length / 3;
    }

    int faceCount() {
      return faceStarts.length - 1;
    }

    void write(OutputStream out, PlyFormat format) throws IOException {
      checkFinite(positions, "position");
      checkFinite(normals, "normal");
      checkFinite(vertexUvs, "uv");
      checkFinite(cornerUvs, "uv");
      int maxCorners = 0;
      for (int f = 0; f < faceCount(); f++) {
        maxCorners = Math.max(maxCorners, faceStarts[f + 1] - faceStarts[f]);
      }
      boolean wideCount = maxCorners > 255;
      boolean wideUvCount = 2 * maxCorners > 255;
      OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
      buffered.write(header(format, wideCount, wideUvCount).getBytes(StandardCharsets.US_ASCII));
      Sink sink = format == PlyFormat.ASCII ? new AsciiSink(buffered) : new BinarySink(buffered, format);
      for (int v = 0; v < vertexCount(); v++) {
        sink.floats(positions, 3 * v, 3);
        if (normals != null) {
          sink.floats(normals, 3 * v, 3);
        }
        if (vertexUvs != null) {
          sink.floats(vertexUvs, 2 * v, 2);
        }
        sink.endRecord();
      }
      for (int f = 0; f < faceCount(); f++) {
        int n = faceStarts[f + 1] - faceStarts[f];
        sink.count(n, wideCount);
        for (int c = faceStarts[f]; c < faceStarts[f + 1]; c++) {
          sink.integer(faceVertices[c]);
        }
        if (cornerUvs != null) {
          sink.count(2 * n, wideUvCount);
          sink.floats(cornerUvs, 2 * faceStarts[f], 2 * n);
        }
        sink.endRecord();
      }
      sink.flush();
      buffered.flush();
    }

    private String header(PlyFormat format, boolean wideCount, boolean wideUvCount) {
      StringBuilder h = new StringBuilder();
      h.append("ply\nformat ").append(format.headerName()).append(" 1.0\n");
      h.append("comment written by topos\n");
      h.append("element vertex ").append(vertexCount()).append('\n');
      h.append("property float x\nproperty float y\nproperty float z\n");
      if (normals != null) {
        h.append("property float nx\nproperty float ny\nproperty float nz\n");
      }
      if (vertexUvs != null) {
        h.append("property float s\nproperty float t\n");
      }
      if (faceCount() > 0) {
        h.append("element face ").append(faceCount()).append('\n');
        h.append("property list ").append(wideCount ? "int" : "uchar").append(" int vertex_indices\n");
        if (cornerUvs != null) {
          h.append("property list ").append(wideUvCount ? "int" : "uchar").append(" float texcoord\n");
        }
      }
      return h.append("end_header\n").toString();
    }

    private static void checkFinite(float[] values, String what) {
      if (values == null) {
        return;
      }
      for (int i = 0; i < values.length; i++) {
        if (!Float.isFinite(values[i])) {
          throw new IllegalArgumentException(what + " value " + i + " is " + values[i] + "; PLY output must be finite");
        }
      }
    }
  }

  /** Where values go: ASCII text or binary. */
  private interface Sink {
    void floats(float[] values, int offset, int length) throws IOException;

    void integer(int value) throws IOException;

    void count(int value, boolean wide) throws IOException;

    void endRecord() throws IOException;

    void flush() throws IOException;
  }

  private static final class AsciiSink implements Sink {
    private final OutputStream out;
    private final StringBuilder line = new StringBuilder(128);

    AsciiSink(OutputStream out) {
      this.out = out;
    }

    private StringBuilder sep() {
      return line.length() > 0 ? line.append(' ') : line;
    }

    @Override
    public void floats(float[] values, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        sep().append(FloatText.format(values[i]));
      }
    }

    @Override
    public void integer(int value) {
      sep().append(value);
    }

    @Override
    public void count(int value, boolean wide) {
      sep().append(value);
    }

    @Override
    public void endRecord() throws IOException {
      line.append('\n');
      out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
      line.setLength(0);
    }

    @Override
    public void flush() {}
  }

  private static final class BinarySink implements Sink {
    private final OutputStream out;
    private final ByteBuffer buf;

    BinarySink(OutputStream out, PlyFormat format) {
      this.out = out;
      this.buf = ByteBuffer.allocate(1 << 16).order(format.byteOrder());
    }

    private void room(int bytes) throws IOException {
      if (buf.remaining() < bytes) {
        flush();
      }
    }

    @Override
    public void floats(float[] values, int offset, int length) throws IOException {
      for (int i = offset; i < offset + length; i++) {
        room(4);
        buf.putFloat(values[i]);
      }
    }

    @Override
    public void integer(int value) throws IOException {
      room(4);
      buf.putInt(value);
    }

    @Override
    public void count(int value, boolean wide) throws IOException {
      if (wide) {
        integer(value);
      } else {
        room(1);
        buf.put((byte) value);
      }
    }

    @Override
    public void endRecord() {}

    @Override
    public void flush() throws IOException {
      out.write(buf.array(), 0, buf.position());
      buf.clear();
    }
  }
}
