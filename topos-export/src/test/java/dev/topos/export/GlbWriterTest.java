package dev.topos.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import de.javagl.jgltf.impl.v2.Accessor;
import de.javagl.jgltf.impl.v2.GlTF;
import de.javagl.jgltf.impl.v2.Material;
import de.javagl.jgltf.impl.v2.MeshPrimitive;
import de.javagl.jgltf.impl.v2.Node;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.GltfModels;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.io.GltfAssetReader;
import de.javagl.jgltf.model.io.v2.GltfAssetV2;
import dev.topos.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlbWriterTest {

  @TempDir Path dir;

  /** The cube, shrunk to 20 cm and moved off the origin so that min/max are not trivial. */
  private static Mesh head() {
    Mesh cube = Fixtures.cubeWithSeams();
    float[] p = cube.positions().clone();
    float[] offset = {-0.1f, 1.5f, 0.03f};
    for (int i = 0; i < p.length; i++) {
      p[i] = 0.2f * p[i] + offset[i % 3];
    }
    return cube.withPositions(p);
  }

  private static List<ExportMesh> scene() {
    return List.of(
        new ExportMesh("head", head()),
        new ExportMesh("eye.L", Fixtures.unitQuad()),
        new ExportMesh("teeth.upper", Fixtures.twoQuadsWithSeam()));
  }

  private static Map<String, float[]> joints() {
    Map<String, float[]> joints = new LinkedHashMap<>();
    joints.put("neck", new float[] {0f, 1.45f, -0.02f});
    joints.put("head", new float[] {0f, 1.55f, 0f});
    joints.put("jaw", new float[] {0f, 1.52f, 0.04f});
    joints.put("eye.L", new float[] {0.032f, 1.62f, 0.07f});
    joints.put("eye.R", new float[] {-0.032f, 1.62f, 0.07f});
    return joints;
  }

  private static GltfAssetV2 asset(byte[] glb) throws IOException {
    return (GltfAssetV2) new GltfAssetReader().readWithoutReferences(new ByteArrayInputStream(glb));
  }

  private static float[] floats(AccessorModel accessor) {
    AccessorFloatData data = (AccessorFloatData) accessor.getAccessorData();
    int components = accessor.getElementType().getNumComponents();
    float[] out = new float[accessor.getCount() * components];
    for (int i = 0; i < accessor.getCount(); i++) {
      for (int c = 0; c < components; c++) {
        out[i * components + c] = data.get(i, c);
      }
    }
    return out;
  }

  private static float[] toFloats(Number[] numbers) {
    float[] out = new float[numbers.length];
    for (int i = 0; i < numbers.length; i++) {
      out[i] = numbers[i].floatValue();
    }
    return out;
  }

  @Test
  void headerAndChunkFieldsAreRight() {
    byte[] glb = GlbWriter.toBytes(scene(), joints());
    ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x46546C67, b.getInt(0), "magic 'glTF'");
    assertEquals(2, b.getInt(4), "version");
    assertEquals(glb.length, b.getInt(8), "total length");
    int jsonLength = b.getInt(12);
    assertEquals(0x4E4F534A, b.getInt(16), "JSON chunk type");
    assertEquals(0, jsonLength % 4, "JSON chunk padded to 4 bytes");
    String json = new String(glb, 20, jsonLength, StandardCharsets.UTF_8);
    assertTrue(json.stripTrailing().endsWith("}"), "JSON padded with spaces only");
    int binHeader = 20 + jsonLength;
    int binLength = b.getInt(binHeader);
    assertEquals(0x004E4942, b.getInt(binHeader + 4), "BIN chunk type");
    assertEquals(0, binLength % 4, "BIN chunk padded to 4 bytes");
    assertEquals(glb.length, binHeader + 8 + binLength, "chunks fill the file");
    assertTrue(json.contains("\"generator\":\"topos\""), json);
    assertTrue(json.contains("\"_TOPOS_VERTEX\""), json);
  }

  @Test
  void jsonChunkParsesAndNamesEveryNode() throws IOException {
    GlTF gltf = asset(GlbWriter.toBytes(scene(), joints())).getGltf();
    assertEquals("2.0", gltf.getAsset().getVersion());
    assertEquals("topos", gltf.getAsset().getGenerator());
    // Mesh nodes in list order, then joints sorted by name.
    List<String> names = gltf.getNodes().stream().map(Node::getName).toList();
    assertEquals(List.of("head", "eye.L", "teeth.upper", "eye.L", "eye.R", "head", "jaw", "neck"), names);
    assertEquals(List.of("head", "eye.L", "teeth.upper"), gltf.getMeshes().stream().map(m -> m.getName()).toList());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), gltf.getScenes().get(0).getNodes());
    for (int n = 0; n < 3; n++) {
      assertEquals(n, gltf.getNodes().get(n).getMesh());
      assertNull(gltf.getNodes().get(n).getTranslation());
    }
    Node jaw = gltf.getNodes().get(6);
    assertNull(jaw.getMesh());
    assertArrayEquals(new float[] {0f, 1.52f, 0.04f}, jaw.getTranslation());

    assertEquals(1, gltf.getMaterials().size());
    Material material = gltf.getMaterials().get(0);
    assertEquals(0f, material.getPbrMetallicRoughness().getMetallicFactor());
    assertEquals(0.6f, material.getPbrMetallicRoughness().getRoughnessFactor());
    assertArrayEquals(GlbWriter.baseColor(), material.getPbrMetallicRoughness().getBaseColorFactor());
  }

  @Test
  void positionMinMaxMatchTheMeshBounds() throws IOException {
    List<ExportMesh> meshes = scene();
    GlTF gltf = asset(GlbWriter.toBytes(meshes, Map.of())).getGltf();
    for (int m = 0; m < meshes.size(); m++) {
      MeshPrimitive primitive = gltf.getMeshes().get(m).getPrimitives().get(0);
      Accessor position = gltf.getAccessors().get(primitive.getAttributes().get("POSITION"));
      float[] bounds = meshes.get(m).mesh().bounds();
      assertArrayEquals(new float[] {bounds[0], bounds[1], bounds[2]}, toFloats(position.getMin()), meshes.get(m).name());
      assertArrayEquals(new float[] {bounds[3], bounds[4], bounds[5]}, toFloats(position.getMax()), meshes.get(m).name());
    }
    // Hand check on the head: the cube 0..1 scaled by 0.2 and moved by (-0.1, 1.5, 0.03).
    Accessor head = gltf.getAccessors().get(gltf.getMeshes().get(0).getPrimitives().get(0).getAttributes().get("POSITION"));
    assertArrayEquals(new float[] {-0.1f, 1.5f, 0.03f}, toFloats(head.getMin()), 1e-6f);
    assertArrayEquals(new float[] {0.1f, 1.7f, 0.23f}, toFloats(head.getMax()), 1e-6f);
  }

  @Test
  void vertexAttributesAreSeamSplitFlippedAndMappedBackToTheTopology() throws IOException {
    Mesh head = head();
    SeamSplit split = SeamSplit.of(head);
    GltfModel model = GltfModels.create(asset(GlbWriter.toBytes(List.of(new ExportMesh("head", head)), Map.of())));
    MeshPrimitiveModel primitive = model.getMeshModels().get(0).getMeshPrimitiveModels().get(0);
    Map<String, AccessorModel> attributes = primitive.getAttributes();

    assertEquals(4, primitive.getMode());
    assertEquals(18, attributes.get("POSITION").getCount());
    assertEquals(5123, primitive.getIndices().getComponentType(), "unsigned short indices for a small mesh");
    assertEquals(36, primitive.getIndices().getCount());
    assertArrayEquals(split.positions(), floats(attributes.get("POSITION")));
    assertArrayEquals(split.normals(), floats(attributes.get("NORMAL")));
    float[] uv = floats(attributes.get("TEXCOORD_0"));
    for (int s = 0; s < split.vertexCount(); s++) {
      assertEquals(split.uvs()[2 * s], uv[2 * s]);
      assertEquals(1f - split.uvs()[2 * s + 1], uv[2 * s + 1], "v' = 1 - v");
    }
    // Vertex 4's first copy (split vertex 8) has topos UV (0, 0.25), so glTF (0, 0.75).
    assertEquals(0.75f, uv[2 * 8 + 1]);
    AccessorModel source = attributes.get(GlbWriter.SOURCE_VERTEX_ATTRIBUTE);
    assertEquals(5126, source.getComponentType());
    float[] sourceVertex = floats(source);
    assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7}, sourceVertex);
  }

  @Test
  void meshWithoutUvsHasNoTexcoords() throws IOException {
    Mesh grid = Fixtures.grid(3, 2);
    GltfModel model = GltfModels.create(asset(GlbWriter.toBytes(List.of(new ExportMesh("grid", grid)), Map.of())));
    Map<String, AccessorModel> attributes = model.getMeshModels().get(0).getMeshPrimitiveModels().get(0).getAttributes();
    assertEquals(List.of("POSITION", "NORMAL", GlbWriter.SOURCE_VERTEX_ATTRIBUTE), List.copyOf(attributes.keySet()));
    assertEquals(12, attributes.get("POSITION").getCount());
  }

  @Test
  void largeMeshesUseUnsignedIntIndices() throws IOException {
    Mesh grid = Fixtures.grid(256, 256); // 257 * 257 = 66049 vertices > 65535
    Path file = dir.resolve("grid.glb");
    GlbWriter.write(file, List.of(new ExportMesh("grid", grid)));
    GlTF gltf = asset(Files.readAllBytes(file)).getGltf();
    MeshPrimitive primitive = gltf.getMeshes().get(0).getPrimitives().get(0);
    assertEquals(5125, gltf.getAccessors().get(primitive.getIndices()).getComponentType());
    assertEquals(66049, gltf.getAccessors().get(primitive.getAttributes().get("POSITION")).getCount());

    Mesh back = GlbReader.read(file);
    assertEquals(2 * 256 * 256, back.faceCount());
    assertArrayEquals(grid.triangles(), back.faceVertices(), "no seams: vertex order and triangles survive");
  }

  @Test
  void sameSceneGivesIdenticalBytes() throws IOException {
    byte[] first = GlbWriter.toBytes(scene(), joints());
    byte[] second = GlbWriter.toBytes(scene(), joints());
    assertArrayEquals(first, second);
    // Joint order does not depend on the map's iteration order.
    assertArrayEquals(first, GlbWriter.toBytes(scene(), new HashMap<>(joints())));
    assertArrayEquals(first, GlbWriter.toBytes(scene(), Map.copyOf(joints())));

    Path a = dir.resolve("a.glb");
    Path b = dir.resolve("b.glb");
    GlbWriter.write(a, scene(), joints());
    GlbWriter.write(b, scene(), joints());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertArrayEquals(first, Files.readAllBytes(a));
  }

  @Test
  void nonFinitePositionThrowsAndLeavesNoFile() throws IOException {
    float[] p = head().positions().clone();
    p[3 * 2 + 1] = Float.NaN;
    Path target = dir.resolve("out").resolve("head.glb");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GlbWriter.write(target, List.of(new ExportMesh("head", head().withPositions(p))), joints()));
    assertEquals("mesh 'head' has a non-finite coordinate at vertex 2", e.getMessage());
    assertFalse(Files.exists(target));
    assertEquals(0, listing(dir).size(), "nothing at all written: " + listing(dir));
  }

  @Test
  void failedWriteKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("head.glb");
    GlbWriter.write(target, scene(), joints());
    byte[] good = Files.readAllBytes(target);
    float[] p = head().positions().clone();
    p[0] = Float.POSITIVE_INFINITY;
    assertThrows(IllegalArgumentException.class,
        () -> GlbWriter.write(target, List.of(new ExportMesh("head", head().withPositions(p)))));
    assertArrayEquals(good, Files.readAllBytes(target));
    assertEquals(List.of(target), listing(dir));
  }

  @Test
  void writeReplacesAnExistingFileWithoutLeftovers() throws IOException {
    Path target = dir.resolve("head.glb");
    Files.writeString(target, "old contents");
    GlbWriter.write(target, scene());
    assertArrayEquals(GlbWriter.toBytes(scene(), Map.of()), Files.readAllBytes(target));
    assertEquals(List.of(target), listing(dir));
  }

  @Test
  void anIoFailureLeavesNoTemporaryFile() throws IOException {
    Path target = dir.resolve("head.glb");
    Files.createDirectories(target.resolve("occupied")); // a non-empty directory cannot be replaced
    assertThrows(IOException.class, () -> GlbWriter.write(target, scene()));
    assertEquals(List.of(target), listing(dir));
    assertTrue(Files.isDirectory(target.resolve("occupied")));
  }

  @Test
  void writtenFilesGetDefaultPermissionsNotOwnerOnlyTempFilePermissions() throws IOException {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain.bin"));
    Path target = dir.resolve("head.glb");
    GlbWriter.write(target, scene());
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target));
  }

  @Test
  void invalidScenesAreRejectedWithClearMessages() {
    assertEquals("nothing to export: no meshes",
        assertThrows(IllegalArgumentException.class, () -> GlbWriter.toBytes(List.of(), Map.of())).getMessage());
    assertEquals("duplicate mesh name 'eye.L'",
        assertThrows(IllegalArgumentException.class, () -> GlbWriter.toBytes(List.of(
            new ExportMesh("eye.L", Fixtures.unitQuad()), new ExportMesh("eye.L", Fixtures.unitQuad())), Map.of()))
            .getMessage());
    assertEquals("joint 'jaw' needs 3 coordinates, got 2",
        assertThrows(IllegalArgumentException.class,
            () -> GlbWriter.toBytes(scene(), Map.of("jaw", new float[] {0, 1}))).getMessage());
    assertEquals("joint 'jaw' has a non-finite coordinate",
        assertThrows(IllegalArgumentException.class,
            () -> GlbWriter.toBytes(scene(), Map.of("jaw", new float[] {0, Float.NaN, 0}))).getMessage());
    float[] uvs = Fixtures.unitQuad().uvs().clone();
    uvs[5] = Float.NaN;
    Mesh quad = Fixtures.unitQuad();
    Mesh badUv = new Mesh(quad.positions(), quad.faceStarts(), quad.faceVertices(), uvs, quad.faceUvs(),
        null, null, null, List.of());
    assertEquals("mesh 'tongue' has a non-finite uv at uv index 2",
        assertThrows(IllegalArgumentException.class,
            () -> GlbWriter.toBytes(List.of(new ExportMesh("tongue", badUv)), Map.of())).getMessage());
  }

  private static List<Path> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }
}
