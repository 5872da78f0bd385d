package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.io.PlyHeader.Element;
import dev.topos.geometry.io.PlyHeader.Property;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads PLY meshes and point clouds ({@code ascii}, {@code binary_little_endian},
 * {@code binary_big_endian}). Coordinates are taken as they are in the file (topos writes metres).
 *
 * <p>Understood: element {@code vertex} with {@code x y z} (any numeric type), optional
 * {@code nx ny nz}, optional texture coordinates {@code u v}, {@code s t},
 * {@code texture_u texture_v} or {@code texture_s texture_t}; element {@code face} with a list
 * {@code vertex_indices} (or {@code vertex_index}) of any integer count and index type, and
 * optionally MeshLab's per-corner list {@code texcoord} (u0 v0 u1 v1 ...). Every other property
 * (colours, confidence, doubles, lists, ...) and every other element is skipped, in both ASCII
 * and binary. Elements may come in any order.
 *
 * <p>In the resulting {@link Mesh}, per-vertex normals and texture coordinates are indexed per
 * corner by the vertex index ({@code faceNormals}/{@code faceUvs} equal {@code faceVertices});
 * per-corner {@code texcoord} lists give one uv per corner ({@code faceUvs[c] == c}) and take
 * precedence. A file without faces gives a mesh with zero faces ({@code faceStarts == {0}}).
 *
 * <p>Malformed input (bad header, bad number, truncated data, index out of range, face with
 * fewer than three corners, non-finite value, no vertices) raises a {@link MeshFormatException}
 * naming the source and the line (ASCII) or byte offset (binary).
 */
public final class PlyReader {
  private static final int X = 0;
  private static final int NX = 3;
  private static final int U = 6;
  private static final int SLOTS = 8;

  private PlyReader() {}

  /** Reads a PLY mesh file. */
  public static Mesh read(Path path) throws IOException {
    return read(Files.readAllBytes(path), path.toString());
  }

  /** Reads a PLY mesh from a stream (read to its end, not closed); {@code source} names it in errors. */
  public static Mesh read(InputStream in, String source) throws IOException {
    return read(in.readAllBytes(), source);
  }

  /** Reads a PLY mesh from the bytes of a file; {@code source} names it in errors. */
  public static Mesh read(byte[] data, String source) throws MeshFormatException {
    return new Parser(data, source, true).parse().toMesh(source);
  }

  /** Reads the vertices of a PLY file (positions and, when present, normals), ignoring faces. */
  public static PointCloud readPointCloud(Path path) throws IOException {
    return readPointCloud(Files.readAllBytes(path), path.toString());
  }

  /** Reads the vertices of PLY data from a stream (read to its end, not closed), ignoring faces. */
  public static PointCloud readPointCloud(InputStream in, String source) throws IOException {
    return readPointCloud(in.readAllBytes(), source);
  }

  /** Reads the vertices of PLY data (positions and, when present, normals), ignoring faces. */
  public static PointCloud readPointCloud(byte[] data, String source) throws MeshFormatException {
    Parsed p = new Parser(data, source, false).parse();
    return new PointCloud(p.positions, p.normals);
  }

  /** What a file held, before it becomes a Mesh or a PointCloud. */
  private record Parsed(float[] positions, float[] normals, float[] vertexUvs,
                        int[] faceStarts, int[] faceVertices, float[] cornerUvs) {

    Mesh toMesh(String source) throws MeshFormatException {
      float[] uvs = cornerUvs != null ? cornerUvs : vertexUvs;
      int[] faceUvs = null;
      if (cornerUvs != null) {
        faceUvs = new int[faceVertices.length];
        for (int c = 0; c < faceUvs.length; c++) {
          faceUvs[c] = c;
        }
      } else if (vertexUvs != null) {
        faceUvs = faceVertices.clone();
      }
      try {
        return new Mesh(positions, faceStarts, faceVertices, uvs, faceUvs,
            normals, normals == null ? null : faceVertices.clone(), null, List.of());
      } catch (IllegalArgumentException e) {
        throw new MeshFormatException(source + ": " + e.getMessage(), e);
      }
    }
  }

  /** One read of one file; not shared. */
  private static final class Parser {
    private final String source;
    private final boolean wantFaces;
    private final PlyHeader header;
    private final Input in;
    private final int dataLength;
    private Parsed vertices;
    private IntList faceStarts;
    private IntList faceVertices;
    private FloatList cornerUvs;

    Parser(byte[] data, String source, boolean wantFaces) throws MeshFormatException {
      this.source = source;
      this.wantFaces = wantFaces;
      this.header = PlyHeader.parse(data, source);
      this.dataLength = data.length - header.dataOffset();
      this.in = header.format() == PlyFormat.ASCII
          ? new AsciiInput(data, header.dataOffset(), header.dataLine(), source)
          : new BinaryInput(data, header, source);
    }

    Parsed parse() throws MeshFormatException {
      for (Element e : header.elements()) {
        if (e.name().equals("vertex")) {
          if (vertices != null) {
            throw new MeshFormatException(source + ": PLY header declares element 'vertex' twice");
          }
          vertices = readVertices(e);
        } else if (e.name().equals("face") && wantFaces) {
          if (faceStarts != null) {
            throw new MeshFormatException(source + ": PLY header declares element 'face' twice");
          }
          readFaces(e);
        } else {
          skipElement(e);
        }
      }
      if (vertices == null || vertices.positions.length == 0) {
        throw new MeshFormatException(source + ": PLY file has no vertices");
      }
      if (faceStarts == null) {
        return new Parsed(vertices.positions, vertices.normals, vertices.vertexUvs, new int[] {0}, new int[0], null);
      }
      int[] fv = faceVertices.toArray();
      int[] starts = faceStarts.toArray();
      int vertexCount = vertices.positions.length / 3;
      for (int f = 0; f + 1 < starts.length; f++) {
        for (int c = starts[f]; c < starts[f + 1]; c++) {
          if (fv[c] >= vertexCount) {
            throw new MeshFormatException(source + ": face " + f + " refers to vertex " + fv[c]
                + ", but there are only " + vertexCount + " vertices");
          }
        }
      }
      return new Parsed(vertices.positions, vertices.normals, vertices.vertexUvs, starts, fv,
          cornerUvs == null ? null : cornerUvs.toArray());
    }

    private Parsed readVertices(Element e) throws MeshFormatException {
      List<Property> props = e.properties();
      int[] slots = new int[props.size()];
      boolean[] seen = new boolean[SLOTS];
      for (int i = 0; i < slots.length; i++) {
        Property p = props.get(i);
        slots[i] = p.isList() ? -1 : slotOf(p.name());
        if (slots[i] >= 0) {
          if (seen[slots[i]]) {
            slots[i] = -1; // a second alias of the same quantity: keep the first
          } else {
            seen[slots[i]] = true;
          }
        }
      }
      if (!seen[0] || !seen[1] || !seen[2]) {
        throw new MeshFormatException(source + ": element 'vertex' lacks one of the properties x, y, z");
      }
      boolean hasNormals = seen[NX] && seen[NX + 1] && seen[NX + 2];
      boolean hasUvs = seen[U] && seen[U + 1];
      for (int i = 0; i < slots.length; i++) {
        if ((slots[i] >= NX && slots[i] < U && !hasNormals) || (slots[i] >= U && !hasUvs)) {
          slots[i] = -1; // an incomplete normal or uv set is skipped like any unknown property
        }
      }
      int n = e.count();
      if (n > dataLength) {
        throw new MeshFormatException(source + ": PLY header declares " + n + " vertices, more than the "
            + dataLength + " data bytes can hold");
      }
      float[] positions = new float[n * 3];
      float[] normals = hasNormals ? new float[n * 3] : null;
      float[] uvs = hasUvs ? new float[n * 2] : null;
      float[] v = new float[SLOTS];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < slots.length; k++) {
          Property p = props.get(k);
          if (slots[k] < 0) {
            in.skip(p, e);
          } else {
            float value = (float) in.read(p.type(), p, e);
            if (!Float.isFinite(value)) {
              throw in.error("vertex " + i + " has a non-finite " + p.name() + " (" + value + ")");
            }
            v[slots[k]] = value;
          }
        }
        System.arraycopy(v, X, positions, 3 * i, 3);
        if (normals != null) {
          System.arraycopy(v, NX, normals, 3 * i, 3);
        }
        if (uvs != null) {
          System.arraycopy(v, U, uvs, 2 * i, 2);
        }
      }
      return new Parsed(positions, normals, uvs, null, null, null);
    }

    private static int slotOf(String name) {
      return switch (name) {
        case "x" -> 0;
        case "y" -> 1;
        case "z" -> 2;
        case "nx" -> 3;
        case "ny" -> 4;
        case "nz" -> 5;
        case "u", "s", "texture_u", "texture_s" -> 6;
        case "v", "t", "texture_v", "texture_t" -> 7;
        default -> -1;
      };
    }

    private void readFaces(Element e) throws MeshFormatException {
      List<Property> props = e.properties();
      int indexProp = e.indexOf("vertex_indices");
      if (indexProp < 0) {
        indexProp = e.indexOf("vertex_index");
      }
      if (indexProp < 0 || !props.get(indexProp).isList() || !props.get(indexProp).type().integer) {
        throw new MeshFormatException(source + ": element 'face' has no integer list 'vertex_indices'");
      }
      int uvProp = e.indexOf("texcoord");
      if (uvProp >= 0 && (!props.get(uvProp).isList() || props.get(uvProp).type().integer)) {
        uvProp = -1;
      }
      int expected = Math.min(e.count(), dataLength / 4); // capacity hint only, bounded by the data
      faceStarts = new IntList(expected + 1);
      faceVertices = new IntList(expected * 4);
      cornerUvs = uvProp >= 0 ? new FloatList(expected * 8) : null;
      faceStarts.add(0);
      for (int f = 0; f < e.count(); f++) {
        int corners = -1;
        int uvCount = -1;
        for (int k = 0; k < props.size(); k++) {
          Property p = props.get(k);
          if (k == indexProp) {
            corners = in.count(p, e);
            if (corners < 3) {
              throw in.error("face " + f + " has " + corners + " corners, needs at least 3");
            }
            for (int c = 0; c < corners; c++) {
              long index = in.readLong(p.type(), p, e);
              if (index < 0 || index > Integer.MAX_VALUE) {
                throw in.error("face " + f + " has vertex index " + index);
              }
              faceVertices.add((int) index);
            }
          } else if (k == uvProp) {
            uvCount = in.count(p, e);
            for (int c = 0; c < uvCount; c++) {
              float value = (float) in.read(p.type(), p, e);
              if (!Float.isFinite(value)) {
                throw in.error("face " + f + " has a non-finite texcoord (" + value + ")");
              }
              cornerUvs.add(value);
            }
          } else {
            in.skip(p, e);
          }
        }
        if (uvProp >= 0 && uvCount != 2 * corners) {
          throw in.error("face " + f + " has " + uvCount + " texcoord values for " + corners + " corners");
        }
        faceStarts.add(faceVertices.size());
      }
    }

    private void skipElement(Element e) throws MeshFormatException {
      for (int i = 0; i < e.count(); i++) {
        for (Property p : e.properties()) {
          in.skip(p, e);
        }
      }
    }
  }

  /** Sequential access to PLY data values, ASCII or binary. */
  private abstract static class Input {
    /** Reads one scalar of type {@code t}, as a double. */
    abstract double read(PlyType t, Property p, Element e) throws MeshFormatException;

    /** Reads one integer of type {@code t}. */
    abstract long readLong(PlyType t, Property p, Element e) throws MeshFormatException;

    /** An error at the current position. */
    abstract MeshFormatException error(String problem);

    /** Reads a list's count. */
    int count(Property p, Element e) throws MeshFormatException {
      long n = readLong(p.countType(), p, e);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw error("bad list length " + n + " for property '" + p.name() + "' of element '" + e.name() + "'");
      }
      return (int) n;
    }

    /** Skips one value of a property, scalar or list. */
    void skip(Property p, Element e) throws MeshFormatException {
      if (!p.isList()) {
        read(p.type(), p, e);
        return;
      }
      int n = count(p, e);
      for (int i = 0; i < n; i++) {
        read(p.type(), p, e);
      }
    }
  }

  /** Binary data in either byte order. */
  private static final class BinaryInput extends Input {
    private final ByteBuffer buf;
    private final String source;

    BinaryInput(byte[] data, PlyHeader header, String source) {
      this.buf = ByteBuffer.wrap(data).order(header.format().byteOrder());
      this.buf.position(header.dataOffset());
      this.source = source;
    }

    private void need(int bytes, Property p, Element e) throws MeshFormatException {
      if (buf.remaining() < bytes) {
        throw error("unexpected end of data in property '" + p.name() + "' of element '" + e.name() + "'");
      }
    }

    @Override
    double read(PlyType t, Property p, Element e) throws MeshFormatException {
      need(t.size, p, e);
      return t.read(buf);
    }

    @Override
    long readLong(PlyType t, Property p, Element e) throws MeshFormatException {
      need(t.size, p, e);
      if (!t.integer) {
        throw error("property '" + p.name() + "' of element '" + e.name() + "' must be an integer type");
      }
      return t.readLong(buf);
    }

    @Override
    void skip(Property p, Element e) throws MeshFormatException {
      long bytes = p.type().size;
      if (p.isList()) {
        bytes *= count(p, e);
      }
      if (buf.remaining() < bytes) {
        throw error("unexpected end of data in property '" + p.name() + "' of element '" + e.name() + "'");
      }
      buf.position(buf.position() + (int) bytes);
    }

    @Override
    MeshFormatException error(String problem) {
      return MeshFormatException.atByte(source, buf.position(), problem);
    }
  }

  /** Whitespace-separated ASCII tokens, tracking line numbers. */
  private static final class AsciiInput extends Input {
    private final byte[] data;
    private final String source;
    private int pos;
    private int line;

    AsciiInput(byte[] data, int offset, int firstLine, String source) {
      this.data = data;
      this.pos = offset;
      this.line = firstLine;
      this.source = source;
    }

    private String next(Property p, Element e) throws MeshFormatException {
      while (pos < data.length && data[pos] <= ' ') {
        if (data[pos] == '\n') {
          line++;
        }
        pos++;
      }
      if (pos == data.length) {
        throw error("unexpected end of data in property '" + p.name() + "' of element '" + e.name() + "'");
      }
      int start = pos;
      while (pos < data.length && data[pos] > ' ') {
        pos++;
      }
      return new String(data, start, pos - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    double read(PlyType t, Property p, Element e) throws MeshFormatException {
      String token = next(p, e);
      try {
        return t.parse(token);
      } catch (NumberFormatException ex) {
        throw error((FloatText.isNonFiniteWord(token) ? "non-finite " : "bad ") + t.headerName() + " value '" + token
            + "' for property '" + p.name() + "' of element '" + e.name() + "'");
      }
    }

    @Override
    long readLong(PlyType t, Property p, Element e) throws MeshFormatException {
      String token = next(p, e);
      try {
        return t.parseLong(token);
      } catch (NumberFormatException ex) {
        throw error("bad " + t.headerName() + " value '" + token + "' for property '" + p.name()
            + "' of element '" + e.name() + "'");
      }
    }

    @Override
    MeshFormatException error(String problem) {
      return MeshFormatException.atLine(source, line, problem);
    }
  }
}
