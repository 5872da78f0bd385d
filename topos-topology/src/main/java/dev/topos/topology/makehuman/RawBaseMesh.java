package dev.topos.topology.makehuman;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MakeHuman's {@code 3dobjs/base.obj} as it is: all 19,158 vertices (decimetres), the UV table,
 * and the faces of each group with their vertex and UV indices (0-based). Read by the asset
 * converter only; the product never reads raw MakeHuman files.
 *
 * @param positions [N*3] decimetres
 * @param uvs [T*2]
 * @param groups faces by group name, in file order
 */
record RawBaseMesh(float[] positions, float[] uvs, Map<String, List<int[][]>> groups) {

  /** Face corners of a group: each face is {vertexIndices, uvIndices}. */
  List<int[][]> faces(String group) {
    List<int[][]> f = groups.get(group);
    if (f == null) {
      throw new IllegalArgumentException("base.obj has no group '" + group + "'");
    }
    return f;
  }

  static RawBaseMesh read(Path obj) throws IOException {
    List<float[]> v = new ArrayList<>();
    List<float[]> vt = new ArrayList<>();
    Map<String, List<int[][]>> groups = new LinkedHashMap<>();
    List<int[][]> current = null;
    try (BufferedReader r = Files.newBufferedReader(obj, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.trim().split("\\s+");
        switch (p[0]) {
          case "v" -> v.add(new float[] {Float.parseFloat(p[1]), Float.parseFloat(p[2]), Float.parseFloat(p[3])});
          case "vt" -> vt.add(new float[] {Float.parseFloat(p[1]), Float.parseFloat(p[2])});
          case "g" -> current = groups.computeIfAbsent(p[1], k -> new ArrayList<>());
          case "f" -> {
            if (current == null) {
              current = groups.computeIfAbsent("default", k -> new ArrayList<>());
            }
            int n = p.length - 1;
            int[] vi = new int[n];
            int[] ti = new int[n];
            for (int k = 0; k < n; k++) {
              String[] c = p[k + 1].split("/");
              vi[k] = Integer.parseInt(c[0]) - 1;
              ti[k] = c.length > 1 && !c[1].isEmpty() ? Integer.parseInt(c[1]) - 1 : -1;
            }
            current.add(new int[][] {vi, ti});
          }
          default -> { }
        }
      }
    }
    float[] pos = new float[3 * v.size()];
    for (int i = 0; i < v.size(); i++) {
      System.arraycopy(v.get(i), 0, pos, 3 * i, 3);
    }
    float[] uv = new float[2 * vt.size()];
    for (int i = 0; i < vt.size(); i++) {
      System.arraycopy(vt.get(i), 0, uv, 2 * i, 2);
    }
    return new RawBaseMesh(pos, uv, groups);
  }
}
