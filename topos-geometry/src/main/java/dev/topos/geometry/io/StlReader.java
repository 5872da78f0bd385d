package dev.topos.geometry.io;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PositionIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads STL triangle meshes, binary or ASCII, into an indexed {@link Mesh}: the format most 3D
 * scanners and scanning apps export besides OBJ and PLY.
 *
 * <p>STL stores every triangle with its own three corners, so a vertex shared by six triangles is
 * written six times. The reader welds corners with bit-identical coordinates ({@code -0} as
 * {@code 0}; {@link PositionIndex}) into one vertex, which is what every STL writer emits for a shared
 * vertex; without it, vertex normals would be the faceted normals of single triangles. Triangles
 * whose corners weld into fewer than three vertices carry no surface and are left out. The facet
 * normals of the file are ignored (often zero or stale); normals come from the winding, as STL's
 * specification makes it counter-clockwise seen from outside. Units are kept as stored (STL has
 * none; scanners mostly write millimetres). Binary files' per-triangle attribute bytes are ignored.
 *
 * <p>Binary or ASCII: a file whose size is exactly {@code 84 + 50 * count} (count being the
 * little-endian uint32 at byte 80) is binary, whatever its header says (many binary files begin
 * {@code "solid"}); otherwise a file that begins with {@code solid} is ASCII, and any other file is
 * binary, bytes after the last triangle being ignored. Anything malformed raises a {@link
 * MeshFormatException} naming the source and the line or byte: a truncated binary file, a bad or
 * non-finite number, a {@code vertex} outside {@code outer loop}, a loop of fewer than three
 * vertices, a file that ends inside a facet, no triangles at all.
 *
 * <p>Hand-written: no maintained STL reader is on Maven Central, and the format is two pages.
 */
public final class StlReader {
  static final int HEADER_BYTES = 80;
  static final int BINARY_PREFIX = HEADER_BYTES + 4;
  static final int TRIANGLE_BYTES = 50;
  private static final java.util.regex.Pattern BLANKS = java.util.regex.Pattern.compile("\\s+");

  private StlReader() {}

  /** Reads an STL file. */
  public static Mesh read(Path path) throws IOException {
    return read(Files.readAllBytes(path), path.toString());
  }

  /** Reads STL from a stream (read to its end); {@code source} names it in error messages. */
  public static Mesh read(InputStream in, String source) throws IOException {
    return read(in.readAllBytes(), source);
  }

  /** Reads STL bytes; {@code source} names them in error messages. */
  public static Mesh read(byte[] data, String source) throws MeshFormatException {
    long count = data.length >= BINARY_PREFIX
        ? Integer.toUnsignedLong(ByteBuffer.wrap(data, HEADER_BYTES, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
        : -1;
    boolean exactBinarySize = count >= 0 && data.length == BINARY_PREFIX + TRIANGLE_BYTES * count;
    if (!exactBinarySize && beginsWithSolid(data)) {
      return readAscii(data, source);
    }
    if (count < 0) {
      throw new MeshFormatException(source + ": not an STL file: " + data.length
          + " bytes, too short for a binary STL (" + BINARY_PREFIX + " bytes of header) and not ASCII STL (no 'solid' at the start)");
    }
    return readBinary(data, count, source);
  }

  /** Whether the first word of the data (after blanks) is {@code solid}, any case. */
  private static boolean beginsWithSolid(byte[] data) {
    int i = 0;
    while (i < data.length && Character.isWhitespace(data[i])) {
      i++;
    }
    if (i + 5 > data.length) {
      return false;
    }
    String word = new String(data, i, 5, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
    return word.equals("solid") && (i + 5 == data.length || Character.isWhitespace(data[i + 5]));
  }

  private static Mesh readBinary(byte[] data, long count, String source) throws MeshFormatException {
    long needed = BINARY_PREFIX + TRIANGLE_BYTES * count;
    if (data.length < needed) {
      throw MeshFormatException.atByte(source, data.length, "truncated binary STL: the header says " + count
          + " triangles (" + needed + " bytes), the file has " + data.length + " bytes");
    }
    ByteBuffer bytes = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    Welder welder = new Welder((int) Math.min(count * 3, Integer.MAX_VALUE / 4));
    int[] corner = new int[3];
    for (int t = 0; t < count; t++) {
      int base = BINARY_PREFIX + TRIANGLE_BYTES * t + 12; // the facet normal's 12 bytes skipped
      for (int k = 0; k < 3; k++) {
        int at = base + 12 * k;
        float x = bytes.getFloat(at);
        float y = bytes.getFloat(at + 4);
        float z = bytes.getFloat(at + 8);
        if (!Float.isFinite(x) || !Float.isFinite(y) || !Float.isFinite(z)) {
          throw MeshFormatException.atByte(source, at, "triangle " + t + " has a non-finite coordinate (" + x + ", " + y + ", " + z + ")");
        }
        corner[k] = welder.vertex(x, y, z);
      }
      welder.triangle(corner);
    }
    return welder.toMesh(source);
  }

  private static Mesh readAscii(byte[] data, String source) throws MeshFormatException {
    Welder welder = new Welder(Math.max(16, data.length / 80));
    int[] loop = new int[3];
    int loopSize = -1; // -1: outside a loop
    boolean inFacet = false;
    long lineNumber = 0;
    for (String line : (Iterable<String>) new String(data, StandardCharsets.US_ASCII).lines()::iterator) {
      lineNumber++;
      String[] words = BLANKS.split(line.trim());
      String keyword = words[0].toLowerCase(Locale.ROOT);
      switch (keyword) {
        case "", "solid", "endsolid" -> {
          if (inFacet && !keyword.isEmpty()) {
            throw MeshFormatException.atLine(source, lineNumber, "'" + words[0] + "' inside a facet");
          }
        }
        case "facet" -> {
          if (inFacet) {
            throw MeshFormatException.atLine(source, lineNumber, "'facet' before the previous facet's 'endfacet'");
          }
          inFacet = true;
        }
        case "outer" -> {
          if (!inFacet || loopSize >= 0) {
            throw MeshFormatException.atLine(source, lineNumber, "'outer loop' outside a facet or inside a loop");
          }
          loopSize = 0;
        }
        case "vertex" -> {
          if (loopSize < 0) {
            throw MeshFormatException.atLine(source, lineNumber, "'vertex' outside 'outer loop'");
          }
          if (words.length < 4) {
            throw MeshFormatException.atLine(source, lineNumber, "a vertex needs 3 coordinates, found " + (words.length - 1));
          }
          float x = FloatText.parseFinite(words[1], source, lineNumber);
          float y = FloatText.parseFinite(words[2], source, lineNumber);
          float z = FloatText.parseFinite(words[3], source, lineNumber);
          if (loopSize == loop.length) {
            loop = java.util.Arrays.copyOf(loop, 2 * loop.length);
          }
          loop[loopSize++] = welder.vertex(x, y, z);
        }
        case "endloop" -> {
          if (loopSize < 3) {
            throw MeshFormatException.atLine(source, lineNumber, loopSize < 0
                ? "'endloop' without 'outer loop'" : "a facet with " + loopSize + " vertices (at least 3 needed)");
          }
          for (int k = 1; k + 1 < loopSize; k++) { // a polygon facet, as some writers emit: a fan
            welder.triangle(new int[] {loop[0], loop[k], loop[k + 1]});
          }
          loopSize = -1;
        }
        case "endfacet" -> {
          if (!inFacet || loopSize >= 0) {
            throw MeshFormatException.atLine(source, lineNumber, "'endfacet' without a facet or inside a loop");
          }
          inFacet = false;
        }
        default -> throw MeshFormatException.atLine(source, lineNumber, "unexpected '" + FloatText.shorten(words[0]) + "' in ASCII STL");
      }
    }
    if (inFacet) {
      throw MeshFormatException.atLine(source, lineNumber, "truncated ASCII STL: the file ends inside a facet");
    }
    return welder.toMesh(source);
  }


  /** Joins corners with bit-identical coordinates into one vertex and collects the triangles that keep an area. */
  private static final class Welder {
    private final PositionIndex index;
    private final IntList triangles;
    private int dropped;

    Welder(int expectedCorners) {
      index = new PositionIndex(Math.max(16, expectedCorners / 6)); // a closed mesh has about half as many vertices as triangles
      triangles = new IntList(Math.max(12, expectedCorners));
    }

    int vertex(float x, float y, float z) {
      return index.add(x, y, z);
    }

    void triangle(int[] corner) {
      if (corner[0] == corner[1] || corner[1] == corner[2] || corner[0] == corner[2]) {
        dropped++;
        return;
      }
      triangles.add(corner[0]);
      triangles.add(corner[1]);
      triangles.add(corner[2]);
    }

    Mesh toMesh(String source) throws MeshFormatException {
      if (triangles.size() == 0) {
        throw new MeshFormatException(source + ": no triangles" + (dropped > 0 ? " (" + dropped + " without area)" : ""));
      }
      return Mesh.ofTriangles(index.positions(), triangles.toArray());
    }
  }
}
