package dev.topos.export;

import de.javagl.jgltf.model.AccessorByteData;
import de.javagl.jgltf.model.AccessorData;
import de.javagl.jgltf.model.AccessorFloatData;
import de.javagl.jgltf.model.AccessorIntData;
import de.javagl.jgltf.model.AccessorModel;
import de.javagl.jgltf.model.AccessorShortData;
import de.javagl.jgltf.model.ElementType;
import de.javagl.jgltf.model.GltfModel;
import de.javagl.jgltf.model.GltfModels;
import de.javagl.jgltf.model.MeshModel;
import de.javagl.jgltf.model.MeshPrimitiveModel;
import de.javagl.jgltf.model.NodeModel;
import de.javagl.jgltf.model.SceneModel;
import de.javagl.jgltf.model.io.GltfAsset;
import de.javagl.jgltf.model.io.GltfAssetReader;
import de.javagl.jgltf.model.io.GltfReference;
import de.javagl.jgltf.model.io.IO;
import de.javagl.jgltf.model.io.v2.GltfAssetV2;
import dev.topos.geometry.Mesh;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the triangle geometry of a glTF 2.0 file from any generator, binary ({@code .glb}) or JSON
 * ({@code .gltf}, its buffers in files beside it or in data URIs), into one {@link Mesh}: for tests
 * of {@link GlbWriter} and as {@code topos retopo} input.
 *
 * <p>What is read: the default scene (or scene 0; or every root node when there is no scene),
 * walked depth first in child order; for each node with a mesh, every primitive of mode TRIANGLES
 * (4) (other modes are skipped) with {@code POSITION} (float vec3) and indices (unsigned
 * byte/short/int) or none. Positions are transformed by the node's global transform (matrix or
 * TRS, parents applied), normals by its inverse transpose; nodes whose transform mirrors
 * (negative determinant) get their triangle winding reversed, so faces stay counter-clockwise.
 * Units are kept as stored (glTF metres). Skins and morph targets are ignored: the rest pose is
 * read.
 *
 * <p>The result is a triangle mesh in file order with glTF's per-vertex layout (no welding: a
 * seam vertex stays duplicated). It has normals only when every primitive has {@code NORMAL}
 * (float vec3), and UVs only when every primitive has {@code TEXCOORD_0} (float, or normalized
 * unsigned byte/short), flipped back to the bottom-left origin ({@code v = 1 - v'}); both are
 * indexed like the vertices. Each face's group is its node's name (or mesh name, or
 * {@code node<i>}).
 *
 * <p>Anything unreadable throws a {@link GlbFormatException} whose message names the file and
 * the one reason: not a GLB, truncated, invalid JSON, unsupported component type, index out of
 * range, no triangles.
 */
public final class GlbReader {

  private static final int MODE_TRIANGLES = 4;
  private static final int UNSIGNED_BYTE = 5121;
  private static final int UNSIGNED_SHORT = 5123;
  private static final int UNSIGNED_INT = 5125;
  private static final int FLOAT = 5126;

  /** Required extensions that store geometry in a form this reader cannot decode. */
  private static final Set<String> COMPRESSION_EXTENSIONS =
      Set.of("KHR_draco_mesh_compression", "EXT_meshopt_compression", "KHR_meshopt_compression");

  private GlbReader() {}

  /**
   * Reads the triangles of {@code file}; external buffers ({@code uri}) are resolved relative to
   * its directory.
   *
   * @throws GlbFormatException when the file is not a readable GLB with triangles
   * @throws IOException when the file cannot be read
   */
  public static Mesh read(Path file) throws IOException {
    byte[] glb = Files.readAllBytes(file);
    return read(glb, file.toString(), file.toAbsolutePath().getParent());
  }

  /** Reads GLB bytes, or the JSON of a {@code .gltf}; {@code label} names the source in messages. */
  static Mesh read(byte[] glb, String label, Path baseDirectory) throws IOException {
    if (!GlbContainer.looksLikeJson(glb)) {
      GlbContainer.parse(glb, label);
    }
    GltfAssetV2 asset = parseJson(glb, label);
    resolveBuffers(asset, label, baseDirectory);
    GltfModel model;
    try {
      model = GltfModels.create(asset);
    } catch (RuntimeException e) {
      throw new GlbFormatException(label + ": invalid glTF: " + describe(e), e);
    }
    try {
      return collect(model, asset.getGltf().getScene(), label);
    } catch (RuntimeException e) {
      throw new GlbFormatException(label + ": corrupt glTF data: " + describe(e), e);
    }
  }

  private static GltfAssetV2 parseJson(byte[] glb, String label) throws GlbFormatException {
    List<String> jsonErrors = new ArrayList<>();
    GltfAssetReader reader = new GltfAssetReader();
    reader.setJsonErrorConsumer(error -> jsonErrors.add(error.getJsonPathString() + ": " + error.getMessage()));
    GltfAsset asset;
    try {
      asset = reader.readWithoutReferences(new ByteArrayInputStream(glb));
    } catch (IOException | RuntimeException e) {
      throw new GlbFormatException(label + ": invalid glTF JSON: "
          + (jsonErrors.isEmpty() ? describe(e) : jsonErrors.get(0)), e);
    }
    if (!(asset instanceof GltfAssetV2 v2)) {
      throw new GlbFormatException(label + ": unsupported glTF version (only 2.0 is supported)");
    }
    if (v2.getGltf() == null) {
      throw new GlbFormatException(label + ": invalid glTF JSON: empty document");
    }
    List<String> required = v2.getGltf().getExtensionsRequired();
    if (required != null) {
      for (String extension : required) {
        if (COMPRESSION_EXTENSIONS.contains(extension)) {
          throw new GlbFormatException(label + ": unsupported compressed geometry (" + extension
              + "); export without mesh compression");
        }
      }
    }
    return v2;
  }

  /** Loads buffers stored outside the BIN chunk: data URIs or files beside the .glb or .gltf. */
  private static void resolveBuffers(GltfAssetV2 asset, String label, Path baseDirectory) throws GlbFormatException {
    for (GltfReference reference : asset.getBufferReferences()) {
      String uri = reference.getUri();
      byte[] data;
      try {
        if (IO.isDataUriString(uri)) {
          data = IO.readDataUri(uri);
        } else {
          URI parsed = URI.create(uri);
          if (baseDirectory == null || parsed.getScheme() != null || parsed.getPath() == null) {
            throw new GlbFormatException(label + ": external buffer '" + uri + "' is not a file beside the glTF file");
          }
          data = Files.readAllBytes(baseDirectory.resolve(parsed.getPath()));
        }
      } catch (GlbFormatException e) {
        throw e;
      } catch (IOException | IllegalArgumentException e) {
        throw new GlbFormatException(label + ": cannot read external buffer '" + uri + "': " + describe(e), e);
      }
      reference.getTarget().accept(ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN)); // glTF buffers are little-endian
    }
  }

  private static Mesh collect(GltfModel model, Integer defaultScene, String label) throws GlbFormatException {
    List<NodeModel> roots;
    List<SceneModel> scenes = model.getSceneModels();
    if (!scenes.isEmpty()) {
      int scene = defaultScene == null ? 0 : defaultScene;
      if (scene < 0 || scene >= scenes.size()) {
        throw new GlbFormatException(label + ": default scene " + scene + " does not exist (" + scenes.size() + " scenes)");
      }
      roots = scenes.get(scene).getNodeModels();
    } else {
      roots = new ArrayList<>();
      for (NodeModel node : model.getNodeModels()) {
        if (node.getParent() == null) {
          roots.add(node);
        }
      }
    }
    Map<NodeModel, Integer> nodeIndices = new IdentityHashMap<>();
    List<NodeModel> allNodes = model.getNodeModels();
    for (int i = 0; i < allNodes.size(); i++) {
      nodeIndices.put(allNodes.get(i), i);
    }
    Collector out = new Collector(label, nodeIndices);
    Set<NodeModel> visited = Collections.newSetFromMap(new IdentityHashMap<>());
    for (NodeModel root : roots) {
      out.visit(root, identity(), visited);
    }
    return out.toMesh();
  }

  /** Accumulates transformed primitives into one triangle mesh. */
  private static final class Collector {
    private final String label;
    private final Map<NodeModel, Integer> nodeIndices;
    private final FloatList positions = new FloatList();
    private final FloatList normals = new FloatList();
    private final FloatList uvs = new FloatList();
    private final IntList triangles = new IntList();
    private final IntList faceGroups = new IntList();
    private final Map<String, Integer> groups = new LinkedHashMap<>();
    private boolean allNormals = true;
    private boolean allUvs = true;
    private int primitiveCount;

    Collector(String label, Map<NodeModel, Integer> nodeIndices) {
      this.label = label;
      this.nodeIndices = nodeIndices;
    }

    void visit(NodeModel node, float[] parentTransform, Set<NodeModel> visited) throws GlbFormatException {
      if (!visited.add(node)) {
        throw new GlbFormatException(label + ": node " + nodeIndices.get(node) + " appears twice in the scene graph");
      }
      float[] global = multiply(parentTransform, node.computeLocalTransform(new float[16]));
      List<MeshModel> meshes = node.getMeshModels();
      for (MeshModel mesh : meshes) {
        String group = groupName(node, mesh);
        List<MeshPrimitiveModel> primitives = mesh.getMeshPrimitiveModels();
        for (int p = 0; p < primitives.size(); p++) {
          MeshPrimitiveModel primitive = primitives.get(p);
          if (primitive.getMode() == MODE_TRIANGLES) {
            add(primitive, global, group, group + " primitive " + p);
          }
        }
      }
      for (NodeModel child : node.getChildren()) {
        visit(child, global, visited);
      }
    }

    private String groupName(NodeModel node, MeshModel mesh) {
      if (node.getName() != null && !node.getName().isBlank()) {
        return node.getName();
      }
      if (mesh.getName() != null && !mesh.getName().isBlank()) {
        return mesh.getName();
      }
      return "node" + nodeIndices.get(node);
    }

    private void add(MeshPrimitiveModel primitive, float[] transform, String group, String where)
        throws GlbFormatException {
      Map<String, AccessorModel> attributes = primitive.getAttributes();
      AccessorModel positionAccessor = attributes.get("POSITION");
      if (positionAccessor == null) {
        throw new GlbFormatException(label + ": " + where + " has no POSITION");
      }
      float[] p = floats(positionAccessor, ElementType.VEC3, "POSITION", where);
      int vertexCount = p.length / 3;
      int[] indices = indices(primitive.getIndices(), vertexCount, where);
      if (indices.length % 3 != 0) {
        throw new GlbFormatException(label + ": " + where + " has " + indices.length
            + " indices, not a multiple of 3");
      }
      float[] n = null;
      AccessorModel normalAccessor = attributes.get("NORMAL");
      if (normalAccessor != null) {
        n = floats(normalAccessor, ElementType.VEC3, "NORMAL", where);
        checkCount(n.length / 3, vertexCount, "NORMAL", where);
      }
      float[] t = null;
      AccessorModel uvAccessor = attributes.get("TEXCOORD_0");
      if (uvAccessor != null) {
        t = texcoords(uvAccessor, where);
        checkCount(t.length / 2, vertexCount, "TEXCOORD_0", where);
      }

      int base = positions.size() / 3;
      for (int v = 0; v < vertexCount; v++) {
        float x = p[3 * v];
        float y = p[3 * v + 1];
        float z = p[3 * v + 2];
        positions.add(transform[0] * x + transform[4] * y + transform[8] * z + transform[12]);
        positions.add(transform[1] * x + transform[5] * y + transform[9] * z + transform[13]);
        positions.add(transform[2] * x + transform[6] * y + transform[10] * z + transform[14]);
      }
      double det = determinant3(transform);
      allNormals &= n != null;
      if (allNormals) {
        float[] cof = cofactor3(transform);
        double sign = det < 0 ? -1 : 1;
        for (int v = 0; v < vertexCount; v++) {
          double x = n[3 * v];
          double y = n[3 * v + 1];
          double z = n[3 * v + 2];
          double nx = sign * (cof[0] * x + cof[3] * y + cof[6] * z);
          double ny = sign * (cof[1] * x + cof[4] * y + cof[7] * z);
          double nz = sign * (cof[2] * x + cof[5] * y + cof[8] * z);
          double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
          double scale = len > 0 ? 1 / len : 0;
          normals.add((float) (nx * scale));
          normals.add((float) (ny * scale));
          normals.add((float) (nz * scale));
        }
      }
      allUvs &= t != null;
      if (allUvs) {
        for (int v = 0; v < vertexCount; v++) {
          uvs.add(t[2 * v]);
          uvs.add(1f - t[2 * v + 1]);
        }
      }
      int groupIndex = groups.computeIfAbsent(group, k -> groups.size());
      for (int i = 0; i < indices.length; i += 3) {
        triangles.add(base + indices[i]);
        if (det < 0) {
          triangles.add(base + indices[i + 2]);
          triangles.add(base + indices[i + 1]);
        } else {
          triangles.add(base + indices[i + 1]);
          triangles.add(base + indices[i + 2]);
        }
        faceGroups.add(groupIndex);
      }
      primitiveCount++;
    }

    private void checkCount(int count, int vertexCount, String attribute, String where) throws GlbFormatException {
      if (count != vertexCount) {
        throw new GlbFormatException(label + ": " + where + " has " + count + " " + attribute
            + " values for " + vertexCount + " positions");
      }
    }

    private float[] floats(AccessorModel accessor, ElementType type, String attribute, String where)
        throws GlbFormatException {
      if (accessor.getComponentType() != FLOAT || accessor.getElementType() != type) {
        throw new GlbFormatException(label + ": " + where + " " + attribute + " has unsupported "
            + describe(accessor) + " (expected FLOAT " + type + ")");
      }
      AccessorFloatData data = (AccessorFloatData) accessor.getAccessorData();
      int components = type.getNumComponents();
      float[] out = new float[accessor.getCount() * components];
      for (int i = 0; i < accessor.getCount(); i++) {
        for (int c = 0; c < components; c++) {
          float value = data.get(i, c);
          if (!Float.isFinite(value)) {
            throw new GlbFormatException(label + ": " + where + " " + attribute + " has a non-finite value at element " + i);
          }
          out[i * components + c] = value;
        }
      }
      return out;
    }

    private float[] texcoords(AccessorModel accessor, String where) throws GlbFormatException {
      if (accessor.getElementType() != ElementType.VEC2) {
        throw new GlbFormatException(label + ": " + where + " TEXCOORD_0 has unsupported " + describe(accessor)
            + " (expected VEC2)");
      }
      int type = accessor.getComponentType();
      if (type == FLOAT) {
        return floats(accessor, ElementType.VEC2, "TEXCOORD_0", where);
      }
      if (!accessor.isNormalized() || (type != UNSIGNED_BYTE && type != UNSIGNED_SHORT)) {
        throw new GlbFormatException(label + ": " + where + " TEXCOORD_0 has unsupported " + describe(accessor)
            + " (expected FLOAT, or normalized UNSIGNED_BYTE or UNSIGNED_SHORT)");
      }
      float[] out = new float[accessor.getCount() * 2];
      AccessorData data = accessor.getAccessorData();
      for (int i = 0; i < accessor.getCount(); i++) {
        for (int c = 0; c < 2; c++) {
          out[2 * i + c] = type == UNSIGNED_BYTE
              ? ((AccessorByteData) data).getInt(i, c) / 255f
              : ((AccessorShortData) data).getInt(i, c) / 65535f;
        }
      }
      return out;
    }

    private int[] indices(AccessorModel accessor, int vertexCount, String where) throws GlbFormatException {
      if (accessor == null) {
        int[] sequential = new int[vertexCount];
        for (int i = 0; i < vertexCount; i++) {
          sequential[i] = i;
        }
        return sequential;
      }
      int type = accessor.getComponentType();
      if (accessor.getElementType() != ElementType.SCALAR
          || (type != UNSIGNED_BYTE && type != UNSIGNED_SHORT && type != UNSIGNED_INT)) {
        throw new GlbFormatException(label + ": " + where + " indices have unsupported " + describe(accessor)
            + " (expected SCALAR UNSIGNED_BYTE, UNSIGNED_SHORT or UNSIGNED_INT)");
      }
      AccessorData data = accessor.getAccessorData();
      int[] out = new int[accessor.getCount()];
      for (int i = 0; i < out.length; i++) {
        long index;
        if (type == UNSIGNED_BYTE) {
          index = ((AccessorByteData) data).getInt(i);
        } else if (type == UNSIGNED_SHORT) {
          index = ((AccessorShortData) data).getInt(i);
        } else {
          index = ((AccessorIntData) data).getLong(i);
        }
        if (index < 0 || index >= vertexCount) {
          throw new GlbFormatException(label + ": " + where + " index " + index + " at position " + i
              + " is out of range 0.." + (vertexCount - 1));
        }
        out[i] = (int) index;
      }
      return out;
    }

    Mesh toMesh() throws GlbFormatException {
      if (primitiveCount == 0 || triangles.size() == 0) {
        throw new GlbFormatException(label + ": no triangles: the scene has no mesh primitive of mode TRIANGLES");
      }
      int[] tris = triangles.toArray();
      int[] starts = new int[tris.length / 3 + 1];
      for (int f = 0; f < starts.length; f++) {
        starts[f] = 3 * f;
      }
      float[] uvArray = allUvs ? uvs.toArray() : null;
      float[] normalArray = allNormals ? normals.toArray() : null;
      return new Mesh(positions.toArray(), starts, tris,
          uvArray, uvArray == null ? null : tris.clone(),
          normalArray, normalArray == null ? null : tris.clone(),
          faceGroups.toArray(), new ArrayList<>(groups.keySet()));
    }

    private String describe(AccessorModel accessor) {
      return "component type " + componentTypeName(accessor.getComponentType())
          + (accessor.isNormalized() ? " normalized" : "") + " " + accessor.getElementType();
    }
  }

  private static String componentTypeName(int type) {
    return switch (type) {
      case 5120 -> "BYTE (5120)";
      case UNSIGNED_BYTE -> "UNSIGNED_BYTE (5121)";
      case 5122 -> "SHORT (5122)";
      case UNSIGNED_SHORT -> "UNSIGNED_SHORT (5123)";
      case UNSIGNED_INT -> "UNSIGNED_INT (5125)";
      case FLOAT -> "FLOAT (5126)";
      default -> String.valueOf(type);
    };
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  // --- 4x4 column-major matrices (glTF layout) ---

  private static float[] identity() {
    float[] m = new float[16];
    m[0] = m[5] = m[10] = m[15] = 1f;
    return m;
  }

  private static float[] multiply(float[] a, float[] b) {
    float[] r = new float[16];
    for (int col = 0; col < 4; col++) {
      for (int row = 0; row < 4; row++) {
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          sum += (double) a[k * 4 + row] * b[col * 4 + k];
        }
        r[col * 4 + row] = (float) sum;
      }
    }
    return r;
  }

  /** Determinant of the upper-left 3x3 of a column-major 4x4. */
  private static double determinant3(float[] m) {
    return (double) m[0] * ((double) m[5] * m[10] - (double) m[9] * m[6])
        - (double) m[4] * ((double) m[1] * m[10] - (double) m[9] * m[2])
        + (double) m[8] * ((double) m[1] * m[6] - (double) m[5] * m[2]);
  }

  /**
   * Cofactor matrix of the upper-left 3x3 (column-major 3x3): det(M) times the inverse transpose,
   * the normal transform up to the sign of det(M).
   */
  private static float[] cofactor3(float[] m) {
    // Columns of M: a = (m0, m1, m2), b = (m4, m5, m6), c = (m8, m9, m10).
    // Cofactor matrix columns: b x c, c x a, a x b.
    float[] a = {m[0], m[1], m[2]};
    float[] b = {m[4], m[5], m[6]};
    float[] c = {m[8], m[9], m[10]};
    float[] bc = cross(b, c);
    float[] ca = cross(c, a);
    float[] ab = cross(a, b);
    return new float[] {bc[0], bc[1], bc[2], ca[0], ca[1], ca[2], ab[0], ab[1], ab[2]};
  }

  private static float[] cross(float[] u, float[] v) {
    return new float[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  // --- growable primitive arrays ---

  private static final class FloatList {
    private float[] data = new float[64];
    private int size;

    void add(float value) {
      if (size == data.length) {
        data = Arrays.copyOf(data, 2 * size);
      }
      data[size++] = value;
    }

    int size() {
      return size;
    }

    float[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }

  private static final class IntList {
    private int[] data = new int[64];
    private int size;

    void add(int value) {
      if (size == data.length) {
        data = Arrays.copyOf(data, 2 * size);
      }
      data[size++] = value;
    }

    int size() {
      return size;
    }

    int[] toArray() {
      return Arrays.copyOf(data, size);
    }
  }
}
