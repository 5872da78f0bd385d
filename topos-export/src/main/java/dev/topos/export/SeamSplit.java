package dev.topos.export;

import dev.topos.geometry.Mesh;
import java.util.Arrays;

/**
 * A polygon mesh turned into the per-vertex, triangles-only form that glTF (and GPUs) need.
 *
 * <p>A {@link Mesh} stores UVs per corner, so one vertex can carry several UVs along a UV seam.
 * glTF has one UV per vertex, so each vertex is split into one copy per distinct UV among its
 * corners: the split vertices are exactly the unique (vertex, uv) pairs. Two corners share a copy
 * when they use the same vertex and bit-identical UV values ({@code -0} and {@code +0} count as
 * equal), whatever their UV indices.
 *
 * <p>The order is stable and recoverable: copies are listed by original vertex index, and the
 * copies of one vertex in the order their UVs first appear among its corners (corner order of
 * {@code faceVertices}). So a mesh without seams, or without UVs, keeps its vertex order exactly,
 * and {@link #sourceVertex()} maps every split vertex back to the reference topology. A vertex
 * that no face uses is kept as one copy (with UV (0, 0) when the mesh has UVs).
 *
 * <p>Normals are the area-weighted smooth normals of the <em>original</em> vertices
 * ({@link Mesh#vertexNormals()}), copied to every split copy, so seams do not show in shading.
 * A vertex without any face area gets (0, 0, 1), since glTF requires unit normals.
 *
 * <p>Polygons are triangulated exactly as {@link Mesh#triangles()} does (fan from the first
 * corner, quads along diagonal 0-2), so triangle {@code t} here is triangle {@code t} there.
 *
 * <p>Arrays are shared, not copied: callers must not mutate them.
 *
 * @param positions split vertex positions, [S*3], metres (copied from the source vertices)
 * @param normals unit normals, [S*3]
 * @param uvs texture coordinates in the topos/OBJ convention (v up, origin bottom-left), [S*2],
 *     or null when the mesh has no UVs
 * @param sourceVertex index of the original (reference-topology) vertex of each split vertex, [S]
 * @param triangles split vertex indices, [T*3], counter-clockwise as in the mesh
 */
public record SeamSplit(float[] positions, float[] normals, float[] uvs, int[] sourceVertex, int[] triangles) {

  private static final float[] FALLBACK_NORMAL = {0f, 0f, 1f};

  /** Number of split vertices S. */
  public int vertexCount() {
    return sourceVertex.length;
  }

  /** Number of triangles T. */
  public int triangleCount() {
    return triangles.length / 3;
  }

  /** Splits the vertices of {@code mesh} along its UV seams and triangulates its faces. */
  public static SeamSplit of(Mesh mesh) {
    int vertexCount = mesh.vertexCount();
    int[] faceVertices = mesh.faceVertices();
    int[] cornerToSplit;
    int[] source;
    float[] splitUvs = null;
    if (!mesh.hasUvs()) {
      cornerToSplit = faceVertices;
      source = new int[vertexCount];
      for (int v = 0; v < vertexCount; v++) {
        source[v] = v;
      }
    } else {
      float[] uvs = mesh.uvs();
      int[] faceUvs = mesh.faceUvs();
      int corners = faceVertices.length;
      // Bucket the corners by vertex (CSR), keeping corner order inside each bucket.
      int[] start = new int[vertexCount + 1];
      for (int vertex : faceVertices) {
        start[vertex + 1]++;
      }
      for (int v = 0; v < vertexCount; v++) {
        start[v + 1] += start[v];
      }
      int[] fill = Arrays.copyOf(start, vertexCount);
      int[] cornersByVertex = new int[corners];
      for (int c = 0; c < corners; c++) {
        cornersByVertex[fill[faceVertices[c]]++] = c;
      }
      // At most one copy per corner, plus one per unused vertex.
      int capacity = corners + vertexCount;
      source = new int[capacity];
      splitUvs = new float[2 * capacity];
      cornerToSplit = new int[corners];
      int n = 0;
      for (int v = 0; v < vertexCount; v++) {
        int first = n;
        if (start[v] == start[v + 1]) {
          source[n++] = v;
          continue;
        }
        for (int k = start[v]; k < start[v + 1]; k++) {
          int c = cornersByVertex[k];
          // + 0f folds -0 into +0 so that both key the same copy.
          float u = uvs[2 * faceUvs[c]] + 0f;
          float w = uvs[2 * faceUvs[c] + 1] + 0f;
          int copy = -1;
          for (int s = first; s < n; s++) {
            if (Float.floatToRawIntBits(splitUvs[2 * s]) == Float.floatToRawIntBits(u)
                && Float.floatToRawIntBits(splitUvs[2 * s + 1]) == Float.floatToRawIntBits(w)) {
              copy = s;
              break;
            }
          }
          if (copy < 0) {
            copy = n++;
            source[copy] = v;
            splitUvs[2 * copy] = u;
            splitUvs[2 * copy + 1] = w;
          }
          cornerToSplit[c] = copy;
        }
      }
      source = Arrays.copyOf(source, n);
      splitUvs = Arrays.copyOf(splitUvs, 2 * n);
    }

    float[] positions = mesh.positions();
    float[] vertexNormals = mesh.vertexNormals();
    int splitCount = source.length;
    float[] splitPositions = new float[3 * splitCount];
    float[] splitNormals = new float[3 * splitCount];
    for (int s = 0; s < splitCount; s++) {
      int v = source[s];
      System.arraycopy(positions, 3 * v, splitPositions, 3 * s, 3);
      boolean zero = vertexNormals[3 * v] == 0f && vertexNormals[3 * v + 1] == 0f && vertexNormals[3 * v + 2] == 0f;
      System.arraycopy(zero ? FALLBACK_NORMAL : vertexNormals, zero ? 0 : 3 * v, splitNormals, 3 * s, 3);
    }
    return new SeamSplit(splitPositions, splitNormals, splitUvs, source, mesh.triangulateCorners(cornerToSplit));
  }
}
