package dev.topos.render;

/**
 * Rasterization options.
 *
 * @param ssaa supersampling factor k &gt;= 1: colour and alpha are the box average of k x k samples
 *     per pixel (sample centres at the centres of a regular k x k sub-grid)
 * @param cullBackFaces drop triangles whose front side (counter-clockwise, see the package docs)
 *     faces away from the camera
 * @param nearPlane camera-space z in metres below which geometry is clipped away (&gt; 0 for
 *     perspective cameras)
 * @param threads worker threads: 1 runs on the calling thread, 0 uses the common ForkJoinPool, n &gt;
 *     1 a dedicated pool of n workers. Output is bit-identical for every value.
 */
public record RenderSettings(int ssaa, boolean cullBackFaces, double nearPlane, int threads) {

  public RenderSettings {
    if (ssaa < 1 || ssaa > 16) {
      throw new IllegalArgumentException("ssaa must be in 1..16: " + ssaa);
    }
    if (!(nearPlane > 0)) {
      throw new IllegalArgumentException("near plane must be positive: " + nearPlane);
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0: " + threads);
    }
  }

  /** 2x2 supersampling, back-face culling, near plane at 1 mm, common pool. */
  public static RenderSettings defaults() {
    return new RenderSettings(2, true, 1e-3, 0);
  }

  public RenderSettings withSsaa(int k) {
    return new RenderSettings(k, cullBackFaces, nearPlane, threads);
  }

  public RenderSettings withCulling(boolean cull) {
    return new RenderSettings(ssaa, cull, nearPlane, threads);
  }

  public RenderSettings withNearPlane(double near) {
    return new RenderSettings(ssaa, cullBackFaces, near, threads);
  }

  public RenderSettings withThreads(int n) {
    return new RenderSettings(ssaa, cullBackFaces, nearPlane, n);
  }
}
