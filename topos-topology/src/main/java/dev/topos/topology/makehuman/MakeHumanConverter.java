package dev.topos.topology.makehuman;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.topology.Joint;
import dev.topos.topology.LandmarkSet;
import dev.topos.topology.Part;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.ReferenceTopologyFormat;
import dev.topos.topology.Region;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadParams;
import dev.topos.topology.space.HeadPrior;
import dev.topos.topology.space.HeadSpace;
import dev.topos.topology.space.HeadSpaceFormat;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The asset converter: reads the raw CC0 MakeHuman files (and MediaPipe's canonical face model)
 * and produces the two resources that topos loads at run time, {@code reference-head.v1.bin.gz}
 * and {@code head-space.v1.bin.gz}. Deterministic: the same inputs give the same bytes.
 *
 * <p>Run it through {@code topos assets convert}; the committed resources come from it.
 */
public final class MakeHumanConverter {
  /** Parts: topos name -> MakeHuman helper group. */
  static final Map<String, String> PARTS = orderedMap(
      "eye.L", "helper-l-eye", "eye.R", "helper-r-eye",
      "teeth.upper", "helper-upper-teeth", "teeth.lower", "helper-lower-teeth", "tongue", "helper-tongue");
  /** Joints: topos name -> MakeHuman joint cube group. */
  static final Map<String, String> JOINTS = orderedMap(
      "neck", "joint-neck", "head", "joint-head", "jaw", "joint-jaw", "eye.L", "joint-l-eye", "eye.R", "joint-r-eye");
  /** MediaPipe's nose landmarks (face-mesh connection set "nose"): their frontal outline is the nose region. */
  static final int[] MEDIAPIPE_NOSE = {1, 2, 4, 5, 6, 19, 45, 48, 64, 94, 97, 98, 115, 168, 195, 197, 220, 275, 278, 294, 326, 327, 344, 440};

  /**
   * What the converter made, with figures for its report.
   *
   * @param topology the reference topology
   * @param space the head space
   * @param landmarkFitRmsMm RMS distance (mm) of the fitted MediaPipe canonical face to the head surface
   */
  public record Result(ReferenceTopology topology, HeadSpace space, double landmarkFitRmsMm) {}

  private MakeHumanConverter() {}

  /**
   * @param makehuman the MakeHuman asset folder (with 3dobjs/, targets/, mesh_metadata/, ...)
   * @param mediapipe the MediaPipe asset folder (with canonical_face_model.obj)
   */
  public static Result convert(Path makehuman, Path mediapipe) throws IOException {
    Path obj = makehuman.resolve("3dobjs/base.obj");
    if (!Files.isRegularFile(obj)) {
      throw new NoSuchFileException(obj.toString(), null, "not a MakeHuman asset folder (no 3dobjs/base.obj)");
    }
    RawBaseMesh raw = RawBaseMesh.read(obj);
    List<int[][]> body = raw.faces("body");
    List<int[]> bodyVerts = body.stream().map(f -> f[0]).toList();
    int[] headFaces = NeckCut.headFaces(raw.positions(), bodyVerts);
    List<int[][]> headFaceList = Arrays.stream(headFaces).mapToObj(body::get).toList();

    // Full array: head vertices (ascending MakeHuman index), then parts, then joint cubes.
    List<Integer> source = new ArrayList<>();
    int[] headVertices = uniqueVertices(headFaceList);
    for (int v : headVertices) {
      source.add(v);
    }
    Map<String, int[]> partVertices = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : PARTS.entrySet()) {
      int[] pv = uniqueVertices(raw.faces(e.getValue()));
      partVertices.put(e.getKey(), pv);
      for (int v : pv) {
        source.add(v);
      }
    }
    Map<String, int[]> groups = vertexGroups(makehuman.resolve("mesh_metadata/basemesh_vertex_groups.json"));
    Map<String, int[]> jointVertices = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : JOINTS.entrySet()) {
      int[] jv = groups.get(e.getValue());
      if (jv == null) {
        throw new IOException("vertex group " + e.getValue() + " missing from basemesh_vertex_groups.json");
      }
      jointVertices.put(e.getKey(), jv);
      for (int v : jv) {
        source.add(v);
      }
    }
    int[] sourceVertex = source.stream().mapToInt(Integer::intValue).toArray();

    HeadSpace space = HeadSpaceBuilder.build(makehuman, raw, sourceVertex);

    // A provisional topology on the raw base positions, to evaluate the neutral shape.
    ReferenceTopology provisional = assemble(raw, headFaceList, headVertices, partVertices, jointVertices,
        space.basePositions(), sourceVertex, new Region[headVertices.length], identity(headVertices.length), Map.of());
    HeadModel model = new HeadModel(provisional, space, new HeadPrior(space, HeadPrior.Options.defaults()));
    float[] neutral = model.shape(HeadParams.neutral()).fullPositions();

    int[] mirror = mirror(makehuman.resolve("mesh_metadata/hm08.mirror"), headVertices);
    ReferenceTopology shaped = assemble(raw, headFaceList, headVertices, partVertices, jointVertices,
        neutral, sourceVertex, new Region[headVertices.length], mirror, Map.of());
    Region[] regions = RegionLabeler.label(makehuman, shaped.head(), sourceVertex,
        shaped.joint("jaw").orElseThrow().position(neutral)[1]);

    float[] canonical = canonicalFaceModel(mediapipe.resolve("canonical_face_model.obj"));
    LandmarkFitter.Result fit = LandmarkFitter.fit(shaped.head(), regions,
        shaped.joint("eye.L").orElseThrow().position(neutral), shaped.joint("eye.R").orElseThrow().position(neutral), canonical);
    LandmarkSet mp = new LandmarkSet("mediapipe468", fit.mediapipe());
    float[] nose = new float[3 * MEDIAPIPE_NOSE.length];
    float[] mpPositions = mp.evaluate(shaped.head().positions());
    for (int i = 0; i < MEDIAPIPE_NOSE.length; i++) {
      System.arraycopy(mpPositions, 3 * MEDIAPIPE_NOSE[i], nose, 3 * i, 3);
    }
    RegionLabeler.labelNose(regions, shaped.head().positions(), nose);

    Map<String, LandmarkSet> landmarks = new TreeMap<>();
    landmarks.put("ibug68", new LandmarkSet("ibug68", fit.ibug68()));
    landmarks.put("mediapipe468", mp);
    ReferenceTopology topology = assemble(raw, headFaceList, headVertices, partVertices, jointVertices,
        neutral, sourceVertex, regions, mirror, landmarks);
    return new Result(topology, space, fit.fitRmsMm());
  }

  /** Writes both resources into dir, each through a temporary file and an atomic rename. */
  public static void writeResources(Result result, Path dir) throws IOException {
    Files.createDirectories(dir);
    MeshFiles.writeAtomically(dir.resolve("reference-head.v1.bin.gz"), out -> ReferenceTopologyFormat.write(result.topology(), out));
    MeshFiles.writeAtomically(dir.resolve("head-space.v1.bin.gz"), out -> HeadSpaceFormat.write(result.space(), out));
  }

  private static ReferenceTopology assemble(RawBaseMesh raw, List<int[][]> headFaces, int[] headVertices,
      Map<String, int[]> partVertices, Map<String, int[]> jointVertices, float[] full, int[] sourceVertex,
      Region[] regions, int[] mirror, Map<String, LandmarkSet> landmarks) {
    Region[] filled = regions.clone();
    for (int i = 0; i < filled.length; i++) {
      if (filled[i] == null) {
        filled[i] = Region.SCALP;
      }
    }
    int offset = 0;
    Mesh head = submesh(raw, headFaces, headVertices, full, offset);
    offset += headVertices.length;
    List<Part> parts = new ArrayList<>();
    for (Map.Entry<String, int[]> e : partVertices.entrySet()) {
      parts.add(new Part(e.getKey(), offset, submesh(raw, raw.faces(PARTS.get(e.getKey())), e.getValue(), full, offset)));
      offset += e.getValue().length;
    }
    List<Joint> joints = new ArrayList<>();
    int jointStart = offset;
    for (Map.Entry<String, int[]> e : jointVertices.entrySet()) {
      joints.add(new Joint(e.getKey(), offset, e.getValue().length));
      offset += e.getValue().length;
    }
    float[] cubes = Arrays.copyOfRange(full, 3 * jointStart, 3 * offset);
    return new ReferenceTopology(head, filled, mirror, parts, joints, cubes, landmarks, sourceVertex);
  }

  /** A mesh over the listed source vertices (ascending), positions taken from the full array at offset. */
  private static Mesh submesh(RawBaseMesh raw, List<int[][]> faces, int[] vertices, float[] full, int offset) {
    Map<Integer, Integer> vIndex = new LinkedHashMap<>();
    for (int i = 0; i < vertices.length; i++) {
      vIndex.put(vertices[i], i);
    }
    int[] usedUvs = faces.stream().flatMapToInt(f -> Arrays.stream(f[1])).distinct().sorted().toArray();
    Map<Integer, Integer> uvIndex = new LinkedHashMap<>();
    float[] uvs = new float[2 * usedUvs.length];
    for (int i = 0; i < usedUvs.length; i++) {
      uvIndex.put(usedUvs[i], i);
      uvs[2 * i] = raw.uvs()[2 * usedUvs[i]];
      uvs[2 * i + 1] = raw.uvs()[2 * usedUvs[i] + 1];
    }
    int corners = faces.stream().mapToInt(f -> f[0].length).sum();
    int[] starts = new int[faces.size() + 1];
    int[] fv = new int[corners];
    int[] fuv = new int[corners];
    int c = 0;
    for (int f = 0; f < faces.size(); f++) {
      starts[f] = c;
      for (int k = 0; k < faces.get(f)[0].length; k++) {
        fv[c] = vIndex.get(faces.get(f)[0][k]);
        fuv[c] = uvIndex.get(faces.get(f)[1][k]);
        c++;
      }
    }
    starts[faces.size()] = c;
    float[] positions = Arrays.copyOfRange(full, 3 * offset, 3 * (offset + vertices.length));
    return new Mesh(positions, starts, fv, uvs, fuv, null, null, null, List.of());
  }

  private static int[] uniqueVertices(List<int[][]> faces) {
    return faces.stream().flatMapToInt(f -> Arrays.stream(f[0])).distinct().sorted().toArray();
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /** hm08.mirror lines "i j side" restricted to the head; every head vertex must find its partner. */
  private static int[] mirror(Path file, int[] headVertices) throws IOException {
    Map<Integer, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < headVertices.length; i++) {
      index.put(headVertices[i], i);
    }
    int[] out = new int[headVertices.length];
    Arrays.fill(out, -1);
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] p = line.trim().split("\\s+");
      if (p.length < 2) {
        continue;
      }
      Integer a = index.get(Integer.parseInt(p[0]));
      Integer b = index.get(Integer.parseInt(p[1]));
      if (a != null && b != null) {
        out[a] = b;
        out[b] = a;
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] < 0) {
        throw new IOException("hm08.mirror gives no partner for head vertex " + headVertices[i]);
      }
    }
    return out;
  }

  private static Map<String, int[]> vertexGroups(Path file) throws IOException {
    JsonObject root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(r).getAsJsonObject();
    }
    Map<String, int[]> out = new LinkedHashMap<>();
    for (String name : root.keySet()) {
      List<Integer> v = new ArrayList<>();
      for (var range : root.getAsJsonArray(name)) {
        JsonArray ab = range.getAsJsonArray();
        for (int i = ab.get(0).getAsInt(); i <= ab.get(1).getAsInt(); i++) {
          v.add(i);
        }
      }
      out.put(name, v.stream().mapToInt(Integer::intValue).toArray());
    }
    return out;
  }

  /** MediaPipe's canonical face model vertices (468, centimetres) in metres. */
  private static float[] canonicalFaceModel(Path obj) throws IOException {
    if (!Files.isRegularFile(obj)) {
      throw new NoSuchFileException(obj.toString(), null, "MediaPipe canonical_face_model.obj not found");
    }
    float[] cm = RawBaseMesh.read(obj).positions();
    float[] m = new float[cm.length];
    for (int i = 0; i < cm.length; i++) {
      m[i] = cm[i] * 0.01f;
    }
    return m;
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
