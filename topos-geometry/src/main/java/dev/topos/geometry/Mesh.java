package dev.topos.geometry;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An indexed polygon mesh (triangles, quads or any n-gon), immutable by convention.
 *
 * <p>Faces are stored compressed: face {@code f} uses the corners
 * {@code faceStarts[f] .. faceStarts[f+1]-1} of {@code faceVertices}. Positions are in metres
 * in the topos head frame (see {@code docs/FRAME.md}) unless a reader says otherwise.
 *
 * <p>Optional per-corner attributes, as in OBJ: {@code uvs} ([T*2]) indexed by {@code faceUvs}
 * (parallel to {@code faceVertices}), and {@code normals} ([N*3]) indexed by {@code faceNormals}.
 * Each is either entirely present or entirely {@code null}. {@code faceGroups} ([F]) indexes
 * {@code groupNames}; it is {@code null} when the mesh has no groups.
 *
 * <p>Arrays are shared, not copied: callers must not mutate arrays they passed in or got out.
 *
 * @param positions vertex positions, [V*3]
 * @param faceStarts corner offsets of each face, [F+1], starting at 0
 * @param faceVertices vertex index of each corner, [C]
 * @param uvs texture coordinates, [T*2], or null
 * @param faceUvs uv index of each corner, [C], or null
 * @param normals normals, [N*3], or null
 * @param faceNormals normal index of each corner, [C], or null
 * @param faceGroups group index of each face, [F], or null
 * @param groupNames group names, indexed by faceGroups (empty when none)
 */
public record Mesh(
    float[] positions,
    int[] faceStarts,
    int[] faceVertices,
    float[] uvs,
    int[] faceUvs,
    float[] normals,
    int[] faceNormals,
    int[] faceGroups,
    List<String> groupNames) {

  public Mesh {
    Objects.requireNonNull(positions, "positions");
    Objects.requireNonNull(faceStarts, "faceStarts");
    Objects.requireNonNull(faceVertices, "faceVertices");
    groupNames = groupNames == null ? List.of() : List.copyOf(groupNames);
    if (positions.length % 3 != 0) {
      throw new IllegalArgumentException("positions length " + positions.length + " is not a multiple of 3");
    }
    if (faceStarts.length == 0 || faceStarts[0] != 0 || faceStarts[faceStarts.length - 1] != faceVertices.length) {
      throw new IllegalArgumentException("faceStarts must start at 0 and end at the corner count " + faceVertices.length);
    }
    int vertexCount = positions.length / 3;
    for (int f = 0; f + 1 < faceStarts.length; f++) {
      if (faceStarts[f + 1] - faceStarts[f] < 3) {
        throw new IllegalArgumentException("face " + f + " has fewer than 3 corners");
      }
    }
    for (int c = 0; c < faceVertices.length; c++) {
      if (faceVertices[c] < 0 || faceVertices[c] >= vertexCount) {
        throw new IllegalArgumentException("corner " + c + " refers to vertex " + faceVertices[c] + " of " + vertexCount);
      }
    }
    if ((uvs == null) != (faceUvs == null)) {
      throw new IllegalArgumentException("uvs and faceUvs must both be present or both absent");
    }
    if (uvs != null) {
      checkIndices("faceUvs", faceUvs, faceVertices.length, uvs.length / 2);
    }
    if ((normals == null) != (faceNormals == null)) {
      throw new IllegalArgumentException("normals and faceNormals must both be present or both absent");
    }
    if (normals != null) {
      checkIndices("faceNormals", faceNormals, faceVertices.length, normals.length / 3);
    }
    if (faceGroups != null) {
      checkIndices("faceGroups", faceGroups, faceStarts.length - 1, groupNames.size());
    }
  }

  private static void checkIndices(String name, int[] indices, int expectedLength, int bound) {
    if (indices.length != expectedLength) {
      throw new IllegalArgumentException(name + " has " + indices.length + " entries, expected " + expectedLength);
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= bound) {
        throw new IllegalArgumentException(name + "[" + i + "] = " + indices[i] + " is out of range 0.." + (bound - 1));
      }
    }
  }

  /** A mesh of positions and faces only. */
  public static Mesh of(float[] positions, int[] faceStarts, int[] faceVertices) {
    return new Mesh(positions, faceStarts, faceVertices, null, null, null, null, null, List.of());
  }

  /** A triangle mesh from a flat [F*3] index array. */
  public static Mesh ofTriangles(float[] positions, int[] triangles) {
    if (triangles.length % 3 != 0) {
      throw new IllegalArgumentException("triangle index count " + triangles.length + " is not a multiple of 3");
    }
    int[] starts = new int[triangles.length / 3 + 1];
    for (int f = 0; f < starts.length; f++) {
      starts[f] = 3 * f;
    }
    return of(positions, starts, triangles);
  }

  public int vertexCount() {
    return positions.length / 3;
  }

  public int faceCount() {
    return faceStarts.length - 1;
  }

  /** Number of corners of face f. */
  public int faceSize(int f) {
    return faceStarts[f + 1] - faceStarts[f];
  }

  public int quadCount() {
    int n = 0;
    for (int f = 0; f < faceCount(); f++) {
      if (faceSize(f) == 4) {
        n++;
      }
    }
    return n;
  }

  public boolean hasUvs() {
    return uvs != null;
  }

  /** The same mesh with other positions (same vertex count), keeping faces, UVs and groups. */
  public Mesh withPositions(float[] newPositions) {
    if (newPositions.length != positions.length) {
      throw new IllegalArgumentException("expected " + positions.length + " coordinates, got " + newPositions.length);
    }
    return new Mesh(newPositions, faceStarts, faceVertices, uvs, faceUvs, normals, faceNormals, faceGroups, groupNames);
  }

  /** The same mesh without its normals (e.g. after the positions changed). */
  public Mesh withoutNormals() {
    return new Mesh(positions, faceStarts, faceVertices, uvs, faceUvs, null, null, faceGroups, groupNames);
  }

  /**
   * Triangle vertex indices, [T*3], each polygon split as a fan from its first corner. Quads are
   * split along the diagonal 0-2.
   */
  public int[] triangles() {
    return fan(faceVertices);
  }

  /** Per-corner attribute indices (e.g. {@link #faceUvs()}) split into triangles like {@link #triangles()}. */
  public int[] triangulateCorners(int[] perCorner) {
    return fan(perCorner);
  }

  /** For each triangle of {@link #triangles()}, the face it came from, [T]. */
  public int[] triangleFaces() {
    int count = 0;
    for (int f = 0; f < faceCount(); f++) {
      count += faceSize(f) - 2;
    }
    int[] out = new int[count];
    int t = 0;
    for (int f = 0; f < faceCount(); f++) {
      for (int k = 0; k < faceSize(f) - 2; k++) {
        out[t++] = f;
      }
    }
    return out;
  }

  private int[] fan(int[] perCorner) {
    int count = 0;
    for (int f = 0; f < faceCount(); f++) {
      count += faceSize(f) - 2;
    }
    int[] out = new int[count * 3];
    int t = 0;
    for (int f = 0; f < faceCount(); f++) {
      int s = faceStarts[f];
      for (int k = 1; k + 1 < faceSize(f); k++) {
        out[t++] = perCorner[s];
        out[t++] = perCorner[s + k];
        out[t++] = perCorner[s + k + 1];
      }
    }
    return out;
  }

  /** Area-weighted vertex normals, unit length, [V*3] (zero for isolated vertices). */
  public float[] vertexNormals() {
    return Normals.vertexNormals(positions, triangles());
  }

  /** Axis-aligned bounds as {minX, minY, minZ, maxX, maxY, maxZ}. */
  public float[] bounds() {
    return Bounds.of(positions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mesh m
        && Arrays.equals(positions, m.positions)
        && Arrays.equals(faceStarts, m.faceStarts)
        && Arrays.equals(faceVertices, m.faceVertices)
        && Arrays.equals(uvs, m.uvs)
        && Arrays.equals(faceUvs, m.faceUvs)
        && Arrays.equals(normals, m.normals)
        && Arrays.equals(faceNormals, m.faceNormals)
        && Arrays.equals(faceGroups, m.faceGroups)
        && groupNames.equals(m.groupNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(positions), Arrays.hashCode(faceVertices), faceStarts.length);
  }

  @Override
  public String toString() {
    return "Mesh[" + vertexCount() + " vertices, " + faceCount() + " faces" + (hasUvs() ? ", uvs" : "") + "]";
  }
}
