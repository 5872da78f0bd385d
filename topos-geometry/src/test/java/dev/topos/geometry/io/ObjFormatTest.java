package dev.topos.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjFormatTest {

  /** A quad and a triangle sharing the edge 1-2, with a UV seam at vertex 1, normals and two groups. */
  static Mesh quadAndTriangle() {
    float[] p = {0, 0, 0, 0.1f, -1.2345e-5f, 0, 0.1f, 0.1f, 3.4028235e38f / 1e36f, -0.0f, 0.1f, 0, 0.2f, 0.05f, 123.456f};
    int[] starts = {0, 4, 7};
    int[] fv = {0, 1, 2, 3, 1, 4, 2};
    float[] uv = {0, 0, 0.5f, 0, 0.5f, 0.5f, 0, 0.5f, 0.75f, 0.1f, 1, 0.3f};
    int[] fuv = {0, 1, 2, 3, 4, 5, 2}; // vertex 1 has uv 1 in the quad, uv 4 in the triangle
    float[] n = {0, 0, 1, 0.6f, 0, 0.8f};
    int[] fn = {0, 0, 0, 0, 1, 1, 1};
    return new Mesh(p, starts, fv, uv, fuv, n, fn, new int[] {0, 1}, List.of("head", "left ear"));
  }

  static byte[] write(Mesh m) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjWriter.write(m, out);
    return out.toByteArray();
  }

  static Mesh read(String text) throws IOException {
    return ObjReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.obj");
  }

  @Test
  void roundTripIsExactAndDeterministic() throws IOException {
    Mesh m = quadAndTriangle();
    byte[] bytes = write(m);
    assertArrayEquals(bytes, write(m));
    Mesh back = ObjReader.read(new ByteArrayInputStream(bytes), "mem");
    assertEquals(m, back);
    assertEquals(1, back.quadCount());
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.contains("\ng head\nf 1/1/1 2/2/1 3/3/1 4/4/1\ng left ear\nf 2/5/2 5/6/2 3/3/2\n"), text);
    assertTrue(text.contains("\nv -0.0 0.1 0\n") || text.contains("\nv -0.0 0.1 0.0\n"), text);
  }

  @Test
  void writesOnlyTheAttributesPresent() throws IOException {
    Mesh plain = Mesh.of(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0}, new int[] {0, 3}, new int[] {0, 1, 2});
    assertEquals("# topos mesh: 3 vertices, 1 faces\nv 0.0 0.0 0.0\nv 1.0 0.0 0.0\nv 0.0 1.0 0.0\nf 1 2 3\n",
        new String(write(plain), StandardCharsets.UTF_8));
    Mesh normalsOnly = new Mesh(plain.positions(), plain.faceStarts(), plain.faceVertices(), null, null,
        new float[] {0, 0, 1}, new int[] {0, 0, 0}, null, List.of());
    String text = new String(write(normalsOnly), StandardCharsets.UTF_8);
    assertTrue(text.endsWith("f 1//1 2//1 3//1\n"), text);
    assertEquals(normalsOnly, read(text));
  }

  @Test
  void readsRelativeIndicesCommentsAndIgnoredStatements() throws IOException {
    String text = String.join("\n",
        "# a comment", "mtllib head.mtl", "o head", "",
        "v 0 0 0", "v 1 0 0 1.0", "v\t1 1 0   # inline comment", "v 0 1 0 0.5 0.5 0.5",
        "vt 0 0", "vt 1", "vt 1 1 0", "vt 0 1",
        "vn 0 0 1",
        "usemtl skin", "s 1",
        "f -4/-4/-1 -3/-3/-1 -2/-2/-1 -1/-1/-1\r",
        "f 1//1 2//1 3//1".replace("//1", "/1/1"),
        "");
    Mesh m = read(text);
    assertEquals(4, m.vertexCount());
    assertArrayEquals(new int[] {0, 4, 7}, m.faceStarts());
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2}, m.faceVertices());
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 0, 0}, m.faceUvs());
    assertArrayEquals(new float[] {0, 0, 1, 0, 1, 1, 0, 1}, m.uvs());
    assertArrayEquals(new int[7], m.faceNormals());
    assertNull(m.faceGroups());
    assertTrue(m.groupNames().isEmpty());

    Mesh vn = read("\uFEFFv 0 0 0\nv 1 0 0\nv 0 1 0\nvn 0 0 1\nf 1//1 2//1 3//1\n");
    assertEquals(3, vn.vertexCount()); // byte order mark skipped
    assertNull(vn.uvs());
    assertArrayEquals(new int[] {0, 0, 0}, vn.faceNormals());
  }

  @Test
  void facesBeforeTheFirstGroupGoToDefault() throws IOException {
    Mesh m = read("v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\ng eye\nf 1 3 2\ng\nf 2 1 3\ng eye\nf 3 2 1\n");
    assertEquals(List.of(ObjReader.DEFAULT_GROUP, "eye"), m.groupNames());
    assertArrayEquals(new int[] {0, 1, 0, 1}, m.faceGroups());
    // No faces, only points: a valid zero-face mesh.
    Mesh points = read("v 0 0 0\nv 1 2 3\n");
    assertEquals(0, points.faceCount());
    assertArrayEquals(new int[] {0}, points.faceStarts());
  }

  @Test
  void objectsWithDifferentCornerFormsKeepWhatEveryFaceHas() throws IOException {
    // Two objects joined in one file, as exporters write them: plain corners, then v//vn, then v/vt/vn.
    String text = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 1 1 0\nvt 0 0\nvn 0 0 1\n"
        + "o a\nf 1 2 3\no b\nf 2//1 4//1 3//1\no c\nf 1/1/1 2/1/1 4/1/1\n";
    Mesh m = read(text);
    assertEquals(3, m.faceCount());
    assertArrayEquals(new int[] {0, 1, 2, 1, 3, 2, 0, 1, 3}, m.faceVertices());
    assertNull(m.uvs()); // some faces lack them: dropped
    assertNull(m.normals());
    // every face has a normal, not every face a texture coordinate: normals kept, uvs dropped
    Mesh withNormals = read("v 0 0 0\nv 1 0 0\nv 0 1 0\nvt 0 0\nvn 0 0 1\nf 1//1 2//1 3//1\nf 1/1/1 3/1/1 2/1/1\n");
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, withNormals.faceNormals());
    assertNull(withNormals.faceUvs());
  }

  private static void assertCorrupt(String text, String... expectedParts) {
    MeshFormatException e = assertThrows(MeshFormatException.class, () -> read(text));
    assertTrue(e.getMessage().startsWith("test.obj"), e.getMessage());
    for (String part : expectedParts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' lacks '" + part + "'");
    }
  }

  @Test
  void corruptInputNamesFileAndLine() {
    String tri = "v 0 0 0\nv 1 0 0\nv 0 1 0\n";
    assertCorrupt("v 0 0 abc\n", "line 1", "bad number 'abc'");
    assertCorrupt("v 0 0\n", "line 1", "needs 3 numbers");
    assertCorrupt("# x\nv NaN 0 0\n", "line 2", "non-finite");
    assertCorrupt("v 1e39 0 0\n", "line 1", "non-finite");
    assertCorrupt("v 0 0 -nan\n", "line 1", "non-finite number '-nan' in vertex");
    assertCorrupt("v 0 -Infinity 0\n", "line 1", "non-finite");
    assertCorrupt(tri + "vn 0 0\n", "line 4", "normal needs 3 numbers");
    assertCorrupt(tri + "f 1 2 4\n", "line 4", "vertex index 4 is out of range 1..3 (the file has 3 vertices)");
    assertCorrupt(tri + "f 1 2\n", "line 4", "2 corners");
    assertCorrupt(tri + "f\n", "line 4", "0 corners");
    assertCorrupt(tri + "f 0 1 2\n", "line 4", "index 0");
    assertCorrupt(tri + "f 1 2 -4\n", "line 4", "-4 is out of range -3..-1");
    assertCorrupt(tri + "f 1 x 3\n", "line 4", "bad vertex index 'x'");
    assertCorrupt(tri + "vt 0 0\nf 1/1 2 3\n", "line 5", "mixes corner formats");
    assertCorrupt(tri + "f 1/2 2/2 3/2\n", "line 4", "texture coordinate index 2 is out of range");
    assertCorrupt(tri + "f 1/1/1/1 2 3\n", "line 4", "bad face corner");
    assertCorrupt(tri + "f 1/ 2/ 3/\n", "line 4", "bad face corner");
    assertCorrupt("", "no vertices");
    assertCorrupt("# only a comment\n\ng head\n", "no vertices");
  }
}
