package dev.topos.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlbReaderTest {

  @TempDir Path dir;

  private Path write(Mesh mesh) throws IOException {
    Path file = dir.resolve("mesh.glb");
    GlbWriter.write(file, List.of(new ExportMesh("head", mesh)));
    return file;
  }

  /** Asserts that triangle corner k of {@code back} has the position and UV of corner k of {@code original}. */
  private static void assertSameTriangleCorners(Mesh original, Mesh back) {
    int[] vertices = original.triangles();
    int[] uvIndices = original.triangulateCorners(original.faceUvs());
    assertEquals(vertices.length, back.faceVertices().length);
    for (int k = 0; k < vertices.length; k++) {
      int v = back.faceVertices()[k];
      for (int c = 0; c < 3; c++) {
        assertEquals(original.positions()[3 * vertices[k] + c], back.positions()[3 * v + c], "corner " + k);
      }
      int t = back.faceUvs()[k];
      assertEquals(original.uvs()[2 * uvIndices[k]], back.uvs()[2 * t], "corner " + k + " u");
      assertEquals(original.uvs()[2 * uvIndices[k] + 1], back.uvs()[2 * t + 1], "corner " + k + " v");
    }
  }

  @Test
  void unitQuadRoundTripsAsTwoTriangles() throws IOException {
    Mesh back = GlbReader.read(write(Fixtures.unitQuad()));
    assertEquals(2, back.faceCount());
    assertEquals(4, back.vertexCount());
    assertArrayEquals(new int[] {0, 1, 2, 0, 2, 3}, back.faceVertices());
    assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0}, back.positions());
    assertArrayEquals(new float[] {0, 0, 1, 0, 1, 1, 0, 1}, back.uvs(), "UVs flipped back to bottom-left origin");
    for (int v = 0; v < 4; v++) {
      assertArrayEquals(new float[] {0, 0, 1}, Arrays.copyOfRange(back.normals(), 3 * v, 3 * v + 3));
    }
    assertEquals(List.of("head"), back.groupNames());
    assertArrayEquals(new int[] {0, 0}, back.faceGroups());
  }

  @Test
  void quadsWithAUvSeamRoundTripWithSplitVertices() throws IOException {
    Mesh original = Fixtures.twoQuadsWithSeam();
    Mesh back = GlbReader.read(write(original));
    assertEquals(4, back.faceCount());
    assertEquals(8, back.vertexCount(), "6 vertices, 2 of them on the seam twice");
    assertSameTriangleCorners(original, back);
    // The seam vertex 1 = (1, 0, 0) comes back twice, with UVs (0.5, 0) and (0.5, 0.25).
    assertArrayEquals(new float[] {1, 0, 0, 1, 0, 0}, Arrays.copyOfRange(back.positions(), 3, 9));
    assertArrayEquals(new float[] {0.5f, 0, 0.5f, 0.25f}, Arrays.copyOfRange(back.uvs(), 2, 6));
  }

  @Test
  void cubeWithSeamsRoundTrips() throws IOException {
    Mesh original = Fixtures.cubeWithSeams();
    Mesh back = GlbReader.read(write(original));
    assertEquals(12, back.faceCount());
    assertEquals(18, back.vertexCount());
    assertSameTriangleCorners(original, back);
  }

  @Test
  void severalMeshesMergeIntoOneWithAGroupPerNode() throws IOException {
    Path file = dir.resolve("scene.glb");
    GlbWriter.write(file, List.of(new ExportMesh("head", Fixtures.cubeWithSeams()),
        new ExportMesh("eye.L", Fixtures.unitQuad())), Map.of("jaw", new float[] {0, 1, 0}));
    Mesh back = GlbReader.read(file);
    assertEquals(14, back.faceCount());
    assertEquals(22, back.vertexCount());
    assertEquals(List.of("head", "eye.L"), back.groupNames());
    assertEquals(1, back.faceGroups()[12]);
    assertEquals(18, back.faceVertices()[36], "the eye's vertices follow the head's 18");
  }

  /**
   * One triangle (0,0,0), (1,0,0), (0,1,0) with normal +z and unsigned byte indices, instanced
   * twice: under a TRS parent (translation (1,2,3), scale 2) as a child rotated 90 degrees about
   * z, and by a mirroring matrix (x -> 5 - x).
   */
  private static byte[] transformedTriangles() {
    return Fixtures.glb(transformedTrianglesJson(), triangleBin());
  }

  /** Positions (36 bytes), normals (36 bytes), unsigned byte indices (3 bytes). */
  private static byte[] triangleBin() {
    return Fixtures.bytes(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1}, new int[] {0, 1, 2});
  }

  private static String transformedTrianglesJson() {
    float s = (float) Math.sqrt(0.5);
    return """
        {"asset":{"version":"2.0","generator":"hand"},
         "scene":0,"scenes":[{"nodes":[0,2]}],
         "nodes":[
           {"name":"parent","translation":[1,2,3],"scale":[2,2,2],"children":[1]},
           {"name":"turned","mesh":0,"rotation":[0,0,%s,%s]},
           {"name":"mirror","mesh":0,"matrix":[-1,0,0,0, 0,1,0,0, 0,0,1,0, 5,0,0,1]}],
         "meshes":[{"primitives":[{"attributes":{"POSITION":0,"NORMAL":1},"indices":2,"mode":4}]}],
         "accessors":[
           {"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]},
           {"bufferView":1,"componentType":5126,"count":3,"type":"VEC3"},
           {"bufferView":2,"componentType":5121,"count":3,"type":"SCALAR"}],
         "bufferViews":[
           {"buffer":0,"byteOffset":0,"byteLength":36},
           {"buffer":0,"byteOffset":36,"byteLength":36},
           {"buffer":0,"byteOffset":72,"byteLength":3}],
         "buffers":[{"byteLength":75}]}
        """.formatted(s, s);
  }

  @Test
  void nodeTransformsAreApplied() throws IOException {
    Path file = dir.resolve("hand.glb");
    Files.write(file, transformedTriangles());
    Mesh back = GlbReader.read(file);
    assertEquals(2, back.faceCount());
    float[] expected = {
      1, 2, 3, // (0,0,0): translated only
      1, 4, 3, // (1,0,0) -> rotated (0,1,0) -> scaled (0,2,0) -> translated
      -1, 2, 3, // (0,1,0) -> rotated (-1,0,0) -> scaled (-2,0,0) -> translated
      5, 0, 0, // mirrored: x -> 5 - x
      4, 0, 0,
      5, 1, 0
    };
    assertArrayEquals(expected, back.positions(), 1e-6f);
    // The mirror flips handedness, so its triangle is re-wound to stay counter-clockwise.
    assertArrayEquals(new int[] {0, 1, 2, 3, 5, 4}, back.faceVertices());
    for (int v = 0; v < 6; v++) {
      assertArrayEquals(new float[] {0, 0, 1}, Arrays.copyOfRange(back.normals(), 3 * v, 3 * v + 3), 1e-6f);
    }
    assertNull(back.uvs(), "no TEXCOORD_0, no UVs");
    assertEquals(List.of("turned", "mirror"), back.groupNames());
  }

  /** A JSON glTF reads as the same file packed into a GLB, its buffer in a file beside it or in a data URI. */
  @Test
  void aJsonGltfReadsLikeTheGlbWithItsBufferBesideItOrInADataUri() throws IOException {
    Mesh packed = GlbReader.read(transformedTriangles(), "hand.glb", dir);
    Files.write(dir.resolve("hand.bin"), triangleBin());
    Path beside = dir.resolve("hand.gltf");
    Files.writeString(beside, transformedTrianglesJson().replace("{\"byteLength\":75}", "{\"uri\":\"hand.bin\",\"byteLength\":75}"));
    Path inline = dir.resolve("inline.GLTF");
    Files.writeString(inline, transformedTrianglesJson().replace("{\"byteLength\":75}",
        "{\"uri\":\"data:application/octet-stream;base64," + java.util.Base64.getEncoder().encodeToString(triangleBin())
            + "\",\"byteLength\":75}"));
    for (Path file : List.of(beside, inline)) {
      Mesh back = GlbReader.read(file);
      assertArrayEquals(packed.positions(), back.positions(), file.toString());
      assertArrayEquals(packed.faceVertices(), back.faceVertices());
      assertArrayEquals(packed.normals(), back.normals());
    }
    Files.delete(dir.resolve("hand.bin"));
    String missing = assertThrows(GlbFormatException.class, () -> GlbReader.read(beside)).getMessage();
    assertTrue(missing.startsWith(beside + ": cannot read external buffer 'hand.bin'"), missing);
    assertEquals("no triangles: the scene has no mesh primitive of mode TRIANGLES", readFailure("  {\"asset\":{\"version\":\"2.0\"}}".getBytes(StandardCharsets.UTF_8)));
  }

  private String readFailure(byte[] bytes) throws IOException {
    Path file = dir.resolve("bad.glb");
    Files.write(file, bytes);
    GlbFormatException e = assertThrows(GlbFormatException.class, () -> GlbReader.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().indexOf('\n') < 0, "one line: " + e.getMessage());
    return e.getMessage().substring(file.toString().length() + 2);
  }

  @Test
  void truncatedFilesFailWithAClearMessage() throws IOException {
    byte[] glb = GlbWriter.toBytes(List.of(new ExportMesh("head", Fixtures.cubeWithSeams())), Map.of());
    assertEquals("truncated: the header says " + glb.length + " bytes, the file has 700",
        readFailure(Arrays.copyOf(glb, 700)));
    assertEquals("truncated: 7 bytes, a GLB header needs 12", readFailure(Arrays.copyOf(glb, 7)));
    assertEquals("truncated: 0 bytes, a GLB header needs 12", readFailure(new byte[0]));
  }

  @Test
  void nonGlbFilesFailWithAClearMessage() throws IOException {
    assertEquals("not a GLB file: starts with bytes 50 4b 03 04, expected 'glTF'",
        readFailure(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
    byte[] glb = GlbWriter.toBytes(List.of(new ExportMesh("head", Fixtures.unitQuad())), Map.of());
    glb[4] = 1;
    assertEquals("unsupported GLB version 1 (only 2 is supported)", readFailure(glb));
  }

  @Test
  void corruptJsonFailsWithAClearMessage() throws IOException {
    byte[] glb = GlbWriter.toBytes(List.of(new ExportMesh("head", Fixtures.unitQuad())), Map.of());
    for (int i = 20; i < 30; i++) {
      glb[i] = '#';
    }
    assertTrue(readFailure(glb).startsWith("invalid glTF JSON: "));
  }

  @Test
  void unsupportedComponentTypeFailsWithAClearMessage() throws IOException {
    String shortPositions = transformedTrianglesJson().replace("{\"bufferView\":0,\"componentType\":5126", "{\"bufferView\":0,\"componentType\":5123");
    assertEquals("turned primitive 0 POSITION has unsupported component type UNSIGNED_SHORT (5123) VEC3"
        + " (expected FLOAT VEC3)", readFailure(Fixtures.glb(shortPositions, triangleBin())));
  }

  @Test
  void outOfRangeIndexFailsWithAClearMessage() throws IOException {
    byte[] glb = transformedTriangles();
    // The index bytes are the last 4 bytes of the BIN chunk: 0, 1, 2, pad.
    glb[glb.length - 2] = 9;
    assertEquals("turned primitive 0 index 9 at position 2 is out of range 0..2", readFailure(glb));
  }

  @Test
  void fileWithoutTrianglesFailsWithAClearMessage() throws IOException {
    String json = "{\"asset\":{\"version\":\"2.0\"},\"scenes\":[{\"nodes\":[0]}],\"nodes\":[{\"name\":\"empty\"}]}";
    assertEquals("no triangles: the scene has no mesh primitive of mode TRIANGLES",
        readFailure(Fixtures.glb(json, null)));
  }

  @Test
  void compressedGeometryFailsWithAClearMessage() throws IOException {
    String json = transformedTrianglesJson().replaceFirst("\\{",
        "{\"extensionsUsed\":[\"KHR_draco_mesh_compression\"],\"extensionsRequired\":[\"KHR_draco_mesh_compression\"],");
    assertEquals("unsupported compressed geometry (KHR_draco_mesh_compression); export without mesh compression",
        readFailure(Fixtures.glb(json, triangleBin())));
  }

  @Test
  void missingFileIsAnIoException() {
    assertThrows(IOException.class, () -> GlbReader.read(dir.resolve("missing.glb")));
  }
}
