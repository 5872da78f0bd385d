package dev.topos.topology.makehuman;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Labels reference-head vertices with {@link Region}s from MakeHuman's own data:
 *
 * <ul>
 *   <li>mouth cavity, lips, eye sockets, ears, face: MPFB's region masks in the UV layout
 *       ({@code textures/mpfb_*.jpg}) and the part segmentation ({@code segmentation/}), read at
 *       each vertex's UV corners (a vertex is in a mask when any of its corners is);
 *   <li>neck vs scalp: the game-engine rig's skin weights (neck_01 above head is neck), and
 *       everything else below the jaw joint (under the chin) is neck too;
 *   <li>nose: added later from the MediaPipe nose landmarks ({@link #labelNose}).
 * </ul>
 */
final class RegionLabeler {
  private RegionLabeler() {}

  static Region[] label(Path mh, Mesh head, int[] sourceVertex, float jawHeight) throws IOException {
    int v = head.vertexCount();
    UvMask face = UvMask.read(mh.resolve("textures/mpfb_face.jpg"));
    UvMask lips = UvMask.read(mh.resolve("textures/mpfb_lips.jpg"));
    UvMask ears = UvMask.read(mh.resolve("textures/mpfb_ears.jpg"));
    UvMask eyelids = UvMask.read(mh.resolve("textures/mpfb_eyelids.jpg"));
    UvMask mouth = UvMask.read(mh.resolve("textures/mpfb_inside-mouth.jpg"));
    UvMask parts = UvMask.read(mh.resolve("segmentation/body_parts_segmentation.png"));
    float[] neckWeight = boneWeights(mh, "neck_01", sourceVertex, v);
    float[] headWeight = boneWeights(mh, "head", sourceVertex, v);

    boolean[] inFace = new boolean[v];
    boolean[] inLips = new boolean[v];
    boolean[] inEars = new boolean[v];
    boolean[] inEyes = new boolean[v];
    boolean[] inMouth = new boolean[v];
    for (int c = 0; c < head.faceVertices().length; c++) {
      int vi = head.faceVertices()[c];
      float uu = head.uvs()[2 * head.faceUvs()[c]];
      float vv = head.uvs()[2 * head.faceUvs()[c] + 1];
      inFace[vi] |= face.value(uu, vv) > 0.5f;
      inLips[vi] |= lips.value(uu, vv) > 0.5f;
      inEars[vi] |= ears.value(uu, vv) > 0.5f;
      inEyes[vi] |= eyelids.value(uu, vv) > 0.5f || parts.isColour(uu, vv, 253, 249, 16) || parts.isColour(uu, vv, 249, 108, 136);
      inMouth[vi] |= mouth.value(uu, vv) > 0.5f || parts.isColour(uu, vv, 112, 172, 255);
    }
    Region[] out = new Region[v];
    for (int i = 0; i < v; i++) {
      if (inMouth[i]) {
        out[i] = Region.MOUTH_CAVITY;
      } else if (inLips[i]) {
        out[i] = Region.LIPS;
      } else if (inEyes[i]) {
        out[i] = Region.EYE_SOCKETS;
      } else if (inEars[i]) {
        out[i] = Region.EARS;
      } else if (inFace[i]) {
        out[i] = Region.FACE;
      } else if (neckWeight[i] > headWeight[i] || head.positions()[3 * i + 1] < jawHeight) {
        out[i] = Region.NECK;
      } else {
        out[i] = Region.SCALP;
      }
    }
    return out;
  }

  /** Turns FACE vertices inside the frontal (x, y) outline of the nose landmarks into NOSE. */
  static void labelNose(Region[] regions, float[] positions, float[] noseOutline) {
    double[][] hull = ConvexHull2d.of(noseOutline);
    for (int i = 0; i < regions.length; i++) {
      if (regions[i] == Region.FACE && ConvexHull2d.contains(hull, positions[3 * i], positions[3 * i + 1])) {
        regions[i] = Region.NOSE;
      }
    }
  }

  private static float[] boneWeights(Path mh, String bone, int[] sourceVertex, int headVertices) throws IOException {
    JsonObject weights;
    try (Reader r = Files.newBufferedReader(mh.resolve("rigs/standard/weights.game_engine.json"), StandardCharsets.UTF_8)) {
      weights = JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("weights");
    }
    float[] bySource = new float[Arrays.stream(sourceVertex).max().orElse(0) + 1];
    JsonArray list = weights.getAsJsonArray(bone);
    for (JsonElement e : list) {
      JsonArray pair = e.getAsJsonArray();
      int idx = pair.get(0).getAsInt();
      if (idx < bySource.length) {
        bySource[idx] = pair.get(1).getAsFloat();
      }
    }
    float[] out = new float[headVertices];
    for (int i = 0; i < headVertices; i++) {
      out[i] = bySource[sourceVertex[i]];
    }
    return out;
  }
}
