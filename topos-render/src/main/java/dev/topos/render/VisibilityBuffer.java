package dev.topos.render;

/**
 * What the rasterizer saw at each pixel (no shading): the nearest triangle and where on it.
 *
 * @param width pixels
 * @param height pixels
 * @param depth camera-space z of the visible surface in metres, [H*W]; +Infinity where empty
 * @param triangleId index of the visible triangle in the input triangle list, [H*W]; -1 where empty
 * @param barycentrics perspective-correct barycentric weights of the triangle's corners 0, 1, 2 at
 *     the pixel centre, [H*W*3]; 0 where empty
 */
public record VisibilityBuffer(int width, int height, float[] depth, int[] triangleId, float[] barycentrics) {

  public VisibilityBuffer {
    int n = width * height;
    if (depth.length != n || triangleId.length != n || barycentrics.length != 3 * n) {
      throw new IllegalArgumentException("buffer sizes do not match " + width + "x" + height);
    }
  }

  /** Number of pixels covered by some triangle. */
  public int coveredCount() {
    int c = 0;
    for (int id : triangleId) {
      if (id >= 0) {
        c++;
      }
    }
    return c;
  }
}
