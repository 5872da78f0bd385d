package dev.topos.render;

/**
 * A float attribute attached to the corners of a triangle list, interpolated by the rasterizer
 * with perspective-correct barycentrics.
 *
 * <p>Two layouts:
 *
 * <ul>
 *   <li><b>per vertex</b> ({@code indices == null}): corner k of triangle t takes the value of
 *       vertex {@code triangles[3t+k]}, i.e. {@code data[C * triangles[3t+k] ..]};
 *   <li><b>per corner</b> ({@code indices} is [T*3]): corner k of triangle t takes
 *       {@code data[C * indices[3t+k] ..]}, e.g. UVs with a seam ({@code Mesh.triangulateCorners(faceUvs)}).
 * </ul>
 *
 * @param data values, [N*C]
 * @param components C &gt;= 1, values per element
 * @param indices per-corner element indices [T*3], or null for per-vertex data
 */
public record VertexAttribute(float[] data, int components, int[] indices) {

  public VertexAttribute {
    if (components < 1) {
      throw new IllegalArgumentException("components must be >= 1: " + components);
    }
    if (data.length % components != 0) {
      throw new IllegalArgumentException("data length " + data.length + " is not a multiple of " + components);
    }
    if (indices != null) {
      int n = data.length / components;
      for (int i = 0; i < indices.length; i++) {
        if (indices[i] < 0 || indices[i] >= n) {
          throw new IllegalArgumentException("index " + i + " = " + indices[i] + " is out of range 0.." + (n - 1));
        }
      }
    }
  }

  /** Per-vertex data, [V*C]. */
  public static VertexAttribute perVertex(float[] data, int components) {
    return new VertexAttribute(data, components, null);
  }

  /** Per-corner data indexed by [T*3] corner indices. */
  public static VertexAttribute perCorner(float[] data, int components, int[] cornerIndices) {
    return new VertexAttribute(data, components, cornerIndices);
  }

  /** Checks the attribute fits a triangle list over {@code vertexCount} vertices. */
  void validate(int[] triangles, int vertexCount, String name) {
    if (indices == null) {
      if (data.length / components < vertexCount) {
        throw new IllegalArgumentException(name + " has " + data.length / components + " values for " + vertexCount + " vertices");
      }
    } else if (indices.length != triangles.length) {
      throw new IllegalArgumentException(name + " has " + indices.length + " corner indices for " + triangles.length + " corners");
    }
  }

  /**
   * Interpolates the attribute over triangle t with barycentric weights (b0, b1, b2) and writes C
   * values to out[off..off+C-1].
   */
  public void interpolate(int[] triangles, int t, float b0, float b1, float b2, float[] out, int off) {
    int[] ix = indices == null ? triangles : indices;
    int c = components;
    int i0 = c * ix[3 * t];
    int i1 = c * ix[3 * t + 1];
    int i2 = c * ix[3 * t + 2];
    for (int k = 0; k < c; k++) {
      out[off + k] = b0 * data[i0 + k] + b1 * data[i1 + k] + b2 * data[i2 + k];
    }
  }
}
