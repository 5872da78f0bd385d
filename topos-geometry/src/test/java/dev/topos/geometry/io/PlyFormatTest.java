package dev.topos.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlyFormatTest {

  /** Quad + triangle with per-vertex normals and uvs, in the layout PlyReader produces. */
  static Mesh perVertexMesh() {
    float[] p = {0, 0, 0, 0.1f, -1.2345e-5f, 0, 0.1f, 0.1f, 1e-7f, -0.0f, 0.1f, 0, 0.2f, 0.05f, 123.456f};
    int[] fv = {0, 1, 2, 3, 1, 4, 2};
    float[] n = {0, 0, 1, 0, 0.6f, 0.8f, 0, 0, 1, 0, 0, -1, 1, 0, 0};
    float[] uv = {0, 0, 0.5f, 0, 0.5f, 0.5f, 0, 0.5f, 0.75f, 0.1f};
    return new Mesh(p, new int[] {0, 4, 7}, fv, uv, fv.clone(), n, fv.clone(), null, List.of());
  }

  static byte[] write(Mesh m, PlyFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PlyWriter.write(m, out, format);
    return out.toByteArray();
  }

  @Test
  void roundTripsAreExactInEveryFormat() throws IOException {
    Mesh m = perVertexMesh();
    for (PlyFormat format : PlyFormat.values()) {
      byte[] bytes = write(m, format);
      assertArrayEquals(bytes, write(m, format), "deterministic " + format);
      assertEquals(m, PlyReader.read(bytes, "mem"), format.toString());
    }
    String ascii = new String(write(m, PlyFormat.ASCII), StandardCharsets.US_ASCII);
    assertTrue(ascii.contains("property float s\nproperty float t\nelement face 2\n"
        + "property list uchar int vertex_indices\nend_header\n"), ascii);
    assertTrue(ascii.endsWith("4 0 1 2 3\n3 1 4 2\n"), ascii);
  }

  @Test
  void uvSeamsBecomePerCornerTexcoords() throws IOException {
    Mesh seam = ObjFormatTest.quadAndTriangle();
    for (PlyFormat format : PlyFormat.values()) {
      Mesh back = PlyReader.read(write(seam, format), "mem");
      assertArrayEquals(seam.positions(), back.positions());
      assertArrayEquals(seam.faceVertices(), back.faceVertices());
      for (int c = 0; c < seam.faceVertices().length; c++) {
        assertEquals(seam.uvs()[2 * seam.faceUvs()[c]], back.uvs()[2 * back.faceUvs()[c]]);
        assertEquals(seam.uvs()[2 * seam.faceUvs()[c] + 1], back.uvs()[2 * back.faceUvs()[c] + 1]);
      }
      assertNull(back.faceGroups());
      // Vertex 1's two corner normals (0,0,1) and (0.6,0,0.8) average to a unit vector between them.
      float[] n = back.normals();
      double len = Math.sqrt(1.6 * 1.6 + 0.6 * 0.6 + 1.8 * 1.8 - 1.6 * 1.6);
      assertEquals(0.6 / Math.sqrt(0.6 * 0.6 + 1.8 * 1.8), n[3 * 1], 1e-6, "len " + len);
    }
  }

  @Test
  void asciiSkipsUnknownPropertiesAndElements() throws IOException {
    String text = String.join("\n",
        "ply", "format ascii 1.0", "comment made by hand", "obj_info scanner 3",
        "element material 1", "property list uchar float coeffs", "property int id",
        "element vertex 4",
        "property double confidence", "property float x", "property float y", "property float z",
        "property uchar red", "property list uchar int tags",
        "property float nx", "property float ny", "property float nz", "property float texture_u",
        "property float texture_v",
        "element face 1", "property uchar flags", "property list uchar uint vertex_index", "property double area",
        "element edge 1", "property int vertex1", "property int vertex2",
        "end_header",
        "3 0.5 1.5 2.5 7",
        "0.25 0 0 0 255 2 8 9 0 0 1 0 0",
        "1e-3 1 0 0 0 0 0 0 1 1 0",
        "0.5 1 1 0 1 3 1 2 3 0 0 1 1 1",
        "1 0 1 0 2 1 5 0 0 1 0 1",
        "17 4 0 1 2 3 0.5",
        "0 1",
        "");
    Mesh m = PlyReader.read(text.getBytes(StandardCharsets.US_ASCII), "hand.ply");
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, m.positions());
    assertArrayEquals(new int[] {0, 4}, m.faceStarts());
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.faceVertices());
    assertArrayEquals(new float[] {0, 0, 1, 0, 1, 1, 0, 1}, m.uvs());
    assertArrayEquals(new int[] {0, 1, 2, 3}, m.faceUvs());
    assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1}, m.normals());
  }

  /** A binary PLY with doubles, chars, lists and extra elements, in the given byte order. */
  private static byte[] binaryWithExtras(ByteOrder order) {
    String header = String.join("\n",
        "ply", "format " + (order == ByteOrder.LITTLE_ENDIAN ? "binary_little_endian" : "binary_big_endian") + " 1.0",
        "element vertex 3",
        "property double x", "property double y", "property double z",
        "property short s16", "property list uchar double extra", "property char c",
        "property float nx", "property float ny", "property float nz",
        "element face 1",
        "property list uint short vertex_indices", "property ushort flags",
        "element blob 2", "property list int uchar bytes",
        "end_header", "");
    ByteBuffer b = ByteBuffer.allocate(1000).order(order);
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    double[][] xyz = {{0, 0, 0}, {0.25, 0, 0}, {0, 0.5, 1}};
    for (int v = 0; v < 3; v++) {
      b.putDouble(xyz[v][0]).putDouble(xyz[v][1]).putDouble(xyz[v][2]);
      b.putShort((short) -7).put((byte) v);
      for (int k = 0; k < v; k++) {
        b.putDouble(Math.PI);
      }
      b.put((byte) -1);
      b.putFloat(0).putFloat(0).putFloat(1);
    }
    b.putInt(3).putShort((short) 0).putShort((short) 1).putShort((short) 2).putShort((short) 0xffff);
    b.putInt(2).put((byte) 1).put((byte) 2);
    b.putInt(0);
    return Arrays.copyOf(b.array(), b.position());
  }

  @Test
  void binarySkipsUnknownPropertiesInBothByteOrders() throws IOException {
    for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      Mesh m = PlyReader.read(binaryWithExtras(order), "bin.ply");
      assertArrayEquals(new float[] {0, 0, 0, 0.25f, 0, 0, 0, 0.5f, 1}, m.positions(), order.toString());
      assertArrayEquals(new int[] {0, 1, 2}, m.faceVertices());
      assertArrayEquals(new float[] {0, 0, 1, 0, 0, 1, 0, 0, 1}, m.normals());
      PointCloud pc = PlyReader.readPointCloud(binaryWithExtras(order), "bin.ply");
      assertArrayEquals(m.positions(), pc.positions());
      assertArrayEquals(m.normals(), pc.normals());
    }
  }

  @Test
  void pointCloudsRoundTrip() throws IOException {
    PointCloud pc = new PointCloud(new float[] {1, 2, 3, -4, 5.5f, 1e-9f}, new float[] {0, 0, 1, 0, 1, 0});
    for (PlyFormat format : PlyFormat.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PlyWriter.write(pc, out, format);
      assertEquals(pc, PlyReader.readPointCloud(out.toByteArray(), "pc.ply"));
      Mesh asMesh = PlyReader.read(out.toByteArray(), "pc.ply");
      assertEquals(0, asMesh.faceCount());
      assertArrayEquals(pc.normals(), asMesh.normals());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PlyWriter.write(new PointCloud(new float[] {1, 2, 3}, null), out, PlyFormat.ASCII);
    assertEquals("ply\nformat ascii 1.0\ncomment written by topos\nelement vertex 1\n"
        + "property float x\nproperty float y\nproperty float z\nend_header\n1.0 2.0 3.0\n", out.toString(StandardCharsets.US_ASCII));
  }

  private static void assertCorrupt(byte[] data, String... parts) {
    MeshFormatException e = assertThrows(MeshFormatException.class, () -> PlyReader.read(data, "bad.ply"));
    assertTrue(e.getMessage().startsWith("bad.ply"), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
    }
  }

  private static byte[] ascii(String body, int vertices, int faces) {
    String header = "ply\nformat ascii 1.0\nelement vertex " + vertices
        + "\nproperty float x\nproperty float y\nproperty float z\n"
        + (faces >= 0 ? "element face " + faces + "\nproperty list uchar int vertex_indices\n" : "")
        + "end_header\n";
    return (header + body).getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void corruptInputIsReportedWithPosition() throws IOException {
    String tri = "0 0 0\n1 0 0\n0 1 0\n";
    assertCorrupt(ascii("0 0 0\n1 x 0\n0 1 0\n3 0 1 2\n", 3, 1), "line 11", "bad float value 'x' for property 'y' of element 'vertex'");
    assertCorrupt(ascii(tri + "3 0 1 5\n", 3, 1), "face 0 refers to vertex 5");
    assertCorrupt(ascii(tri + "2 0 1\n", 3, 1), "line 13", "2 corners");
    assertCorrupt(ascii(tri + "3 0 1 -2\n", 3, 1), "vertex index -2");
    assertCorrupt(ascii("0 0 0\n1 nan 0\n0 1 0\n", 3, -1), "line 9", "non-finite float value 'nan' for property 'y'");
    assertCorrupt(ascii("0 0 0\n1 0 0\n0 1 Infinity\n", 3, -1), "line 10", "vertex 2 has a non-finite z");
    assertCorrupt(ascii("0 0 0\n1 0 0\n", 3, -1), "unexpected end of data");
    assertCorrupt(ascii("", 0, -1), "no vertices");
    assertCorrupt("solid cube\n".getBytes(StandardCharsets.US_ASCII), "not a PLY file");
    assertCorrupt("ply\nformat ascii 1.0\nelement vertex 1\n".getBytes(StandardCharsets.US_ASCII), "no 'end_header'");
    assertCorrupt("ply\nformat binary_middle_endian 1.0\nend_header\n".getBytes(StandardCharsets.US_ASCII),
        "line 2", "unsupported PLY format");
    assertCorrupt("ply\nformat ascii 1.0\nelement vertex 1\nproperty float128 x\nend_header\n"
        .getBytes(StandardCharsets.US_ASCII), "line 4", "unknown property type");
    assertCorrupt("ply\nformat ascii 1.0\nelement vertex 1\nproperty float y\nend_header\n1\n"
        .getBytes(StandardCharsets.US_ASCII), "lacks one of the properties x, y, z");
    // Truncated binary data, and an absurd vertex count.
    byte[] bin = write(perVertexMesh(), PlyFormat.BINARY_LITTLE_ENDIAN);
    assertCorrupt(Arrays.copyOf(bin, bin.length - 3), "byte ", "unexpected end of data");
    byte[] huge = new String(bin, StandardCharsets.ISO_8859_1).replace("element vertex 5", "element vertex 2000000000")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertCorrupt(huge, "more than the");
    // A NaN written in binary.
    byte[] nan = write(perVertexMesh(), PlyFormat.BINARY_BIG_ENDIAN);
    int data = new String(nan, StandardCharsets.ISO_8859_1).indexOf("end_header\n") + "end_header\n".length();
    ByteBuffer.wrap(nan).putFloat(data + 4, Float.NaN);
    assertCorrupt(nan, "byte " + (data + 8), "vertex 0 has a non-finite y");
  }
}
