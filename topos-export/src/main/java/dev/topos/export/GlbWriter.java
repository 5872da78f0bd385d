package dev.topos.export;

import dev.topos.geometry.io.MeshFiles;
import de.javagl.jgltf.model.creation.AccessorModels;
import de.javagl.jgltf.model.creation.GltfModelBuilder;
import de.javagl.jgltf.model.creation.MaterialBuilder;
import de.javagl.jgltf.model.creation.MeshPrimitiveBuilder;
import de.javagl.jgltf.model.impl.DefaultGltfModel;
import de.javagl.jgltf.model.impl.DefaultMeshModel;
import de.javagl.jgltf.model.impl.DefaultMeshPrimitiveModel;
import de.javagl.jgltf.model.impl.DefaultNodeModel;
import de.javagl.jgltf.model.impl.DefaultSceneModel;
import de.javagl.jgltf.model.io.GltfModelWriter;
import de.javagl.jgltf.model.v2.MaterialModelV2;
import dev.topos.geometry.Mesh;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a head scene as binary glTF 2.0 ({@code .glb}) for Blender, Unity and Unreal.
 *
 * <p>Layout of the file:
 * <ul>
 *   <li>one node and one mesh per {@link ExportMesh}, both carrying its name, in list order, with
 *       no transform: positions are written as they are, in metres (glTF's unit), the topos head
 *       frame being used as glTF's Y-up frame;
 *   <li>one triangle primitive per mesh: vertices split along UV seams ({@link SeamSplit}),
 *       polygons fan-triangulated as {@link Mesh#triangles()}; attributes {@code POSITION} (float
 *       vec3 with min/max), {@code NORMAL} (area-weighted smooth normals of the original vertices),
 *       {@code TEXCOORD_0} (only when the mesh has UVs; flipped to glTF's top-left origin:
 *       {@code v' = 1 - v}) and {@value #SOURCE_VERTEX_ATTRIBUTE} (float scalar: the
 *       reference-topology vertex index of each split vertex, exact below 2^24); indices unsigned
 *       short when the split mesh has at most 65535 vertices, else unsigned int;
 *   <li>one shared default PBR material {@value #MATERIAL_NAME}: base colour
 *       {@link #baseColor()} (linear RGBA 0.80, 0.75, 0.72, 1), metallic {@value #METALLIC}, roughness
 *       {@value #ROUGHNESS};
 *   <li>one empty node per joint ({@code name -> xyz} in metres, e.g. neck, head, jaw, eye.L,
 *       eye.R), translated to that position, after the mesh nodes, sorted by name; they are root
 *       nodes of the single scene, ready to be used as {@code skin.joints} once skinning exists
 *       (the mesh primitives would then get {@code JOINTS_0}/{@code WEIGHTS_0} via
 *       {@link SeamSplit#sourceVertex()});
 *   <li>{@code asset.generator} = {@value #GENERATOR}.
 * </ul>
 *
 * <p>The output is deterministic: the same scene gives the same bytes. {@link #write} builds the
 * whole file in memory first and then replaces the target atomically, so an exception (invalid
 * input or I/O) never leaves a partial file behind; the previous file, if any, stays intact.
 *
 * <p>Encoding notes: the file is assembled with jgltf-model-builder, which puts all vertex
 * attributes of a primitive into one bufferView with {@code byteStride} 12 and pads the 8-byte
 * UVs and 4-byte scalars to 12 bytes each (valid glTF, accepted by the Khronos validator; about
 * 1/3 larger than tight packing). {@value #SOURCE_VERTEX_ATTRIBUTE} is FLOAT because glTF allows
 * UNSIGNED_INT only for indices, and UNSIGNED_SHORT would cap it at 65535 vertices.
 *
 * <p>Invalid input throws {@link IllegalArgumentException} naming the mesh or joint, e.g.
 * {@code mesh 'head' has a non-finite coordinate at vertex 12}.
 */
public final class GlbWriter {

  /** Value of {@code asset.generator}. */
  public static final String GENERATOR = "topos";

  /** Custom vertex attribute holding the reference-topology vertex index of each glTF vertex. */
  public static final String SOURCE_VERTEX_ATTRIBUTE = "_TOPOS_VERTEX";

  /** Name of the default material. */
  public static final String MATERIAL_NAME = "topos_skin";

  /** Metallic factor of the default material. */
  public static final float METALLIC = 0f;

  /** Roughness factor of the default material. */
  public static final float ROUGHNESS = 0.6f;

  /** Largest split vertex count written with unsigned short indices (65535 itself is reserved). */
  public static final int MAX_SHORT_INDEXED_VERTICES = 65535;

  /** Largest split vertex count whose source indices a float attribute holds exactly (2^24). */
  static final int MAX_VERTICES = 1 << 24;

  private static final float[] BASE_COLOR = {0.80f, 0.75f, 0.72f, 1.0f};

  private GlbWriter() {}

  /** Base colour of the default material, a light skin-ish grey: linear RGBA in 0..1 (a copy). */
  public static float[] baseColor() {
    return BASE_COLOR.clone();
  }

  /** Writes {@code meshes} without joints to {@code target}; see {@link #write(Path, List, Map)}. */
  public static void write(Path target, List<ExportMesh> meshes) throws IOException {
    write(target, meshes, Map.of());
  }

  /**
   * Writes a .glb of {@code meshes} and {@code joints} to {@code target}, atomically replacing any
   * existing file and creating missing parent directories.
   *
   * @param target the .glb file
   * @param meshes the scene parts, at least one, names unique
   * @param joints joint name to {x, y, z} position in metres; may be empty
   * @throws IllegalArgumentException for invalid meshes or joints (nothing is written)
   * @throws IOException when the file cannot be written (the target is left as it was)
   */
  public static void write(Path target, List<ExportMesh> meshes, Map<String, float[]> joints) throws IOException {
    Objects.requireNonNull(target, "target");
    byte[] glb = toBytes(meshes, joints);
    MeshFiles.writeAtomically(target, out -> out.write(glb));
  }

  /** The .glb bytes of {@code meshes} and {@code joints}; see {@link #write(Path, List, Map)}. */
  public static byte[] toBytes(List<ExportMesh> meshes, Map<String, float[]> joints) {
    DefaultGltfModel model = buildModel(meshes, joints);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new GltfModelWriter().writeBinary(model, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode glb", e);
    }
    return out.toByteArray();
  }

  /** The glTF model of the scene, before encoding; the seam for adding skins and materials. */
  static DefaultGltfModel buildModel(List<ExportMesh> meshes, Map<String, float[]> joints) {
    Objects.requireNonNull(meshes, "meshes");
    Objects.requireNonNull(joints, "joints");
    if (meshes.isEmpty()) {
      throw new IllegalArgumentException("nothing to export: no meshes");
    }
    Set<String> names = new HashSet<>();
    for (ExportMesh part : meshes) {
      Objects.requireNonNull(part, "export mesh");
      if (!names.add(part.name())) {
        throw new IllegalArgumentException("duplicate mesh name '" + part.name() + "'");
      }
      validate(part);
    }
    Map<String, float[]> sortedJoints = validateJoints(joints);

    MaterialModelV2 material = defaultMaterial();
    DefaultSceneModel scene = new DefaultSceneModel();
    scene.setName(GENERATOR);
    for (ExportMesh part : meshes) {
      scene.addNode(meshNode(part, material));
    }
    for (DefaultNodeModel joint : jointNodes(sortedJoints).values()) {
      scene.addNode(joint);
    }
    GltfModelBuilder builder = GltfModelBuilder.create();
    builder.addSceneModel(scene);
    DefaultGltfModel model = builder.build();
    model.getAssetModel().setGenerator(GENERATOR);
    return model;
  }

  private static void validate(ExportMesh part) {
    Mesh mesh = part.mesh();
    if (mesh.faceCount() == 0) {
      throw new IllegalArgumentException("mesh '" + part.name() + "' has no faces");
    }
    float[] positions = mesh.positions();
    for (int i = 0; i < positions.length; i++) {
      if (!Float.isFinite(positions[i])) {
        throw new IllegalArgumentException(
            "mesh '" + part.name() + "' has a non-finite coordinate at vertex " + i / 3);
      }
    }
    if (mesh.hasUvs()) {
      float[] uvs = mesh.uvs();
      for (int i = 0; i < uvs.length; i++) {
        if (!Float.isFinite(uvs[i])) {
          throw new IllegalArgumentException("mesh '" + part.name() + "' has a non-finite uv at uv index " + i / 2);
        }
      }
    }
  }

  private static Map<String, float[]> validateJoints(Map<String, float[]> joints) {
    Map<String, float[]> sorted = new TreeMap<>();
    for (Map.Entry<String, float[]> joint : joints.entrySet()) {
      String name = joint.getKey();
      float[] xyz = joint.getValue();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("joint name is blank");
      }
      if (xyz == null || xyz.length != 3) {
        throw new IllegalArgumentException(
            "joint '" + name + "' needs 3 coordinates, got " + (xyz == null ? "none" : xyz.length));
      }
      for (float c : xyz) {
        if (!Float.isFinite(c)) {
          throw new IllegalArgumentException("joint '" + name + "' has a non-finite coordinate");
        }
      }
      sorted.put(name, xyz.clone());
    }
    return sorted;
  }

  private static MaterialModelV2 defaultMaterial() {
    MaterialModelV2 material = MaterialBuilder.create()
        .setBaseColorFactor(BASE_COLOR[0], BASE_COLOR[1], BASE_COLOR[2], BASE_COLOR[3])
        .setMetallicRoughnessFactors(METALLIC, ROUGHNESS)
        .build();
    material.setName(MATERIAL_NAME);
    return material;
  }

  private static DefaultNodeModel meshNode(ExportMesh part, MaterialModelV2 material) {
    SeamSplit split = SeamSplit.of(part.mesh());
    if (split.vertexCount() > MAX_VERTICES) {
      throw new IllegalArgumentException("mesh '" + part.name() + "' has " + split.vertexCount()
          + " split vertices, more than the " + MAX_VERTICES + " that " + SOURCE_VERTEX_ATTRIBUTE + " holds exactly");
    }
    MeshPrimitiveBuilder primitive = MeshPrimitiveBuilder.create().setTriangles();
    IntBuffer indices = IntBuffer.wrap(split.triangles());
    if (split.vertexCount() <= MAX_SHORT_INDEXED_VERTICES) {
      primitive.setIntIndicesAsShort(indices);
    } else {
      primitive.setIntIndices(indices);
    }
    primitive.addPositions3D(FloatBuffer.wrap(split.positions()));
    primitive.addNormals3D(FloatBuffer.wrap(split.normals()));
    if (split.uvs() != null) {
      primitive.addTexCoords02D(FloatBuffer.wrap(toGltfUvs(split.uvs())));
    }
    float[] source = new float[split.vertexCount()];
    for (int s = 0; s < source.length; s++) {
      source[s] = split.sourceVertex()[s];
    }
    primitive.addAttribute(SOURCE_VERTEX_ATTRIBUTE, AccessorModels.createFloatScalar(FloatBuffer.wrap(source)));
    DefaultMeshPrimitiveModel primitiveModel = primitive.build();
    primitiveModel.setMaterialModel(material);

    DefaultMeshModel meshModel = new DefaultMeshModel();
    meshModel.setName(part.name());
    meshModel.addMeshPrimitiveModel(primitiveModel);
    DefaultNodeModel node = new DefaultNodeModel();
    node.setName(part.name());
    node.addMeshModel(meshModel);
    return node;
  }

  /** Topos/OBJ UVs (origin bottom-left) to glTF UVs (origin top-left): {@code v' = 1 - v}. */
  static float[] toGltfUvs(float[] uvs) {
    float[] out = new float[uvs.length];
    for (int i = 0; i < uvs.length; i += 2) {
      out[i] = uvs[i];
      out[i + 1] = 1f - uvs[i + 1];
    }
    return out;
  }

  /** One empty, translated node per joint, keyed by name, in the given order. */
  private static Map<String, DefaultNodeModel> jointNodes(Map<String, float[]> joints) {
    Map<String, DefaultNodeModel> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> joint : joints.entrySet()) {
      DefaultNodeModel node = new DefaultNodeModel();
      node.setName(joint.getKey());
      node.setTranslation(joint.getValue());
      nodes.put(joint.getKey(), node);
    }
    return nodes;
  }
}
