package dev.topos.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binary and ASCII STL read into the same welded triangle mesh; malformed files fail on one line. */
class StlReaderTest {
  @TempDir
  Path dir;

  /** The corners of the twelve triangles of a unit cube, wound outward, as STL stores them: [12*9]. */
  static float[] cubeCorners() {
    float[] p = new float[24];
    for (int i = 0; i < 8; i++) {
      p[3 * i] = i & 1;
      p[3 * i + 1] = (i >> 1) & 1;
      p[3 * i + 2] = (i >> 2) & 1;
    }
    int[] quads = {0, 2, 3, 1, 4, 5, 7, 6, 0, 1, 5, 4, 2, 6, 7, 3, 0, 4, 6, 2, 1, 3, 7, 5};
    float[] corners = new float[12 * 9];
    int t = 0;
    for (int q = 0; q < 6; q++) {
      int[][] halves = {{0, 1, 2}, {0, 2, 3}};
      for (int[] half : halves) {
        for (int k = 0; k < 3; k++) {
          System.arraycopy(p, 3 * quads[4 * q + half[k]], corners, 9 * t + 3 * k, 3);
        }
        t++;
      }
    }
    return corners;
  }

  static byte[] binary(String header, float[] corners, int extraBytes) {
    int count = corners.length / 9;
    ByteBuffer b = ByteBuffer.allocate(84 + 50 * count + extraBytes).order(ByteOrder.LITTLE_ENDIAN);
    byte[] h = Arrays.copyOf(header.getBytes(StandardCharsets.US_ASCII), 80);
    b.put(h).putInt(count);
    for (int t = 0; t < count; t++) {
      b.putFloat(0).putFloat(0).putFloat(0);
      for (int k = 0; k < 9; k++) {
        b.putFloat(corners[9 * t + k]);
      }
      b.putShort((short) 0);
    }
    return b.array();
  }

  static String ascii(float[] corners) {
    StringBuilder s = new StringBuilder("solid cube\n");
    for (int t = 0; t < corners.length / 9; t++) {
      s.append("  facet normal 0 0 0\n    outer loop\n");
      for (int k = 0; k < 3; k++) {
        s.append(String.format(Locale.ROOT, "      vertex %s %s %s%n",
            corners[9 * t + 3 * k], corners[9 * t + 3 * k + 1], corners[9 * t + 3 * k + 2]));
      }
      s.append("    endloop\n  endfacet\n");
    }
    return s.append("endsolid cube\n").toString();
  }

  /** The triangles' corner positions as the mesh gives them back, [T*9]. */
  static float[] cornersOf(Mesh m) {
    int[] tri = m.triangles();
    float[] out = new float[3 * tri.length];
    for (int c = 0; c < tri.length; c++) {
      System.arraycopy(m.positions(), 3 * tri[c], out, 3 * c, 3);
    }
    return out;
  }

  @Test
  void binaryAndAsciiGiveTheSameWeldedMesh() throws IOException {
    float[] corners = cubeCorners();
    Mesh b = StlReader.read(binary("binary cube", corners, 0), "b.stl");
    Mesh a = StlReader.read(ascii(corners).getBytes(StandardCharsets.US_ASCII), "a.stl");
    assertEquals(8, b.vertexCount(), "36 corners weld into the cube's 8 vertices");
    assertEquals(12, b.faceCount());
    assertArrayEquals(corners, cornersOf(b), "every triangle in file order, winding kept");
    assertArrayEquals(b.positions(), a.positions());
    assertArrayEquals(b.faceVertices(), a.faceVertices());
    // Welded, each corner's vertex normal blends its three faces and points out along the diagonal
    // (0.82-0.87 of the corner's 0.87 distance from the centre); unwelded it would be one face's (0.5).
    float[] n = b.vertexNormals();
    for (int v = 0; v < 8; v++) {
      double dot = 0;
      for (int k = 0; k < 3; k++) {
        dot += n[3 * v + k] * (b.positions()[3 * v + k] - 0.5);
      }
      assertTrue(dot > 0.8, "vertex " + v + ": " + dot);
    }
  }

  @Test
  void aBinaryFileWhoseHeaderSaysSolidIsReadAsBinary() throws IOException {
    float[] corners = cubeCorners();
    Mesh m = StlReader.read(binary("solid exported by a scanner", corners, 0), "s.stl");
    assertArrayEquals(corners, cornersOf(m));
    Path file = dir.resolve("CUBE.STL");
    Files.write(file, binary("solid x", corners, 0));
    assertArrayEquals(corners, cornersOf(MeshFiles.read(file)), "MeshFiles reads .stl in any case");
  }

  @Test
  void bytesAfterTheLastTriangleAreIgnored() throws IOException {
    float[] corners = cubeCorners();
    assertArrayEquals(corners, cornersOf(StlReader.read(binary("padded", corners, 7), "p.stl")));
  }

  @Test
  void negativeZeroWeldsWithZeroAndTrianglesWithoutAreaAreLeftOut() throws IOException {
    float[] corners = {
      0, 0, 0, 1, 0, 0, 0, 1, 0,
      -0f, 1, 0, 1, 0, -0f, 1, 1, 0,
      1, 1, 0, 1, 1, 0, 0, 0, 0}; // two corners the same: no area
    Mesh m = StlReader.read(binary("w", corners, 0), "w.stl");
    assertEquals(4, m.vertexCount());
    assertArrayEquals(new int[] {0, 1, 2, 2, 1, 3}, m.faceVertices());
  }

  @Test
  void anAsciiPolygonFacetBecomesAFanAndKeywordsMayBeUpperCase() throws IOException {
    String s = "SOLID quad\nFACET NORMAL 0 0 1\nOUTER LOOP\nVERTEX 0 0 0\nVERTEX 1 0 0\nVERTEX 1 1 0\nVERTEX 0 1 0\n"
        + "ENDLOOP\nENDFACET\nENDSOLID\n";
    Mesh m = StlReader.read(s.getBytes(StandardCharsets.US_ASCII), "q.stl");
    assertEquals(4, m.vertexCount());
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, m.faceVertices());
  }

  @Test
  void malformedFilesFailNamingWhere() {
    float[] corners = cubeCorners();
    byte[] good = binary("cube", corners, 0);
    assertEquals("t.stl, byte 600: truncated binary STL: the header says 12 triangles (684 bytes), the file has 600 bytes",
        failure(Arrays.copyOf(good, 600)));
    byte[] nan = good.clone();
    ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(84 + 50 + 12 + 4, Float.NaN);
    assertEquals("t.stl, byte 146: triangle 1 has a non-finite coordinate (0.0, NaN, 0.0)", failure(nan));
    assertEquals("t.stl: not an STL file: 21 bytes, too short for a binary STL (84 bytes of header) and not ASCII STL"
        + " (no 'solid' at the start)", failure("v 1 2 3\nv 4 5 6\nf 1 2".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("t.stl: no triangles", failure(binary("empty", new float[0], 0)));
    String text = ascii(corners);
    assertEquals("t.stl, line 4: bad number '0.0x'", failure(text.replaceFirst("vertex 0.0 ", "vertex 0.0x ")));
    assertEquals("t.stl, line 4: non-finite number 'nan'", failure(text.replaceFirst("vertex 0.0 ", "vertex nan ")));
    assertEquals("t.stl, line 4: a vertex needs 3 coordinates, found 2", failure(text.replaceFirst("vertex 0.0 0.0 0.0", "vertex 0 0")));
    assertEquals("t.stl, line 2: 'vertex' outside 'outer loop'", failure("solid\nvertex 0 0 0\n"));
    assertEquals("t.stl, line 6: a facet with 2 vertices (at least 3 needed)",
        failure("solid\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\nvertex 1 0 0\nendloop\n"));
    assertEquals("t.stl, line 4: truncated ASCII STL: the file ends inside a facet",
        failure("solid\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n"));
    assertEquals("t.stl, line 2: unexpected 'hello' in ASCII STL", failure("solid\nhello world\n"));
    assertEquals("t.stl: no triangles", failure("solid empty\nendsolid empty\n"));
  }

  private static String failure(String text) {
    return failure(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static String failure(byte[] data) {
    return assertThrows(MeshFormatException.class, () -> StlReader.read(data, "t.stl")).getMessage();
  }
}
