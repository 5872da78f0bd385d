package dev.topos.render;

import java.util.Arrays;

/**
 * A deterministic, tiled, multi-threaded z-buffer rasterizer for triangle lists.
 *
 * <ul>
 *   <li><b>Coverage</b>: a sample is covered when its centre lies inside the triangle; vertices are
 *       snapped to 1/256 pixel and edge functions are exact integers, and samples exactly on an
 *       edge follow the top-left rule (on a top or left edge they are in, otherwise out), so a
 *       closed mesh covers each sample exactly once, without cracks or double hits.
 *   <li><b>Depth</b>: camera-space z, interpolated perspective-correctly; the nearest surface wins
 *       and an exactly equal depth keeps the triangle that comes first in the list.
 *   <li><b>Near plane</b>: triangles are clipped in camera space at {@code z = nearPlane}
 *       ({@link RenderSettings#nearPlane()}); the part in front is drawn, with barycentrics still
 *       relative to the original triangle.
 *   <li><b>Culling</b>: with {@link RenderSettings#cullBackFaces()}, triangles whose front
 *       (counter-clockwise) side faces away from the camera are skipped; otherwise both sides draw.
 *   <li><b>Interpolation</b>: perspective-correct barycentrics of the source triangle, used for
 *       all attributes ({@link VertexAttribute}).
 *   <li><b>Supersampling</b> ({@link RenderSettings#ssaa()} = k): {@link #render} shades k x k samples
 *       per pixel and box-averages colour and coverage (alpha). The depth, triangle id,
 *       barycentric and normal buffers are not averaged: they come from a second visibility pass
 *       at base resolution sampled exactly at pixel centres, so they equal those of a k = 1 render.
 *   <li><b>Threads</b>: the image is split into square tiles (32 base pixels); triangles are binned
 *       in list order and each tile is rasterized and shaded independently, so the output is
 *       bit-identical for any thread count.
 * </ul>
 */
public final class Rasterizer {
  /** Tile side in base pixels. */
  static final int TILE = 32;

  private final RenderSettings settings;

  public Rasterizer(RenderSettings settings) {
    this.settings = settings;
  }

  public RenderSettings settings() {
    return settings;
  }

  /**
   * Visibility at the camera's own resolution (no supersampling, no shading).
   *
   * @param positions world positions, metres, [V*3]
   * @param triangles vertex indices, [T*3]
   */
  public VisibilityBuffer rasterize(Camera camera, float[] positions, int[] triangles) {
    checkMesh(positions, triangles);
    TriangleSetup s = TriangleSetup.build(camera, positions, triangles, settings.cullBackFaces(), settings.nearPlane());
    int w = camera.width();
    int h = camera.height();
    float[] depth = new float[w * h];
    int[] ids = new int[w * h];
    float[] bc = new float[3 * w * h];
    Arrays.fill(depth, Float.POSITIVE_INFINITY);
    Arrays.fill(ids, -1);
    TriangleSetup.Bins bins = s.bin(TILE);
    Parallel.forEach(bins.tilesX() * bins.tilesY(), settings.threads(), tile -> {
      if (bins.starts()[tile] == bins.starts()[tile + 1]) {
        return;
      }
      int x0 = (tile % bins.tilesX()) * TILE;
      int y0 = (tile / bins.tilesX()) * TILE;
      int x1 = Math.min(w, x0 + TILE);
      int y1 = Math.min(h, y0 + TILE);
      // Writing straight into the shared buffers: every tile owns a disjoint rectangle.
      s.raster(bins.items(), bins.starts()[tile], bins.starts()[tile + 1], x0, y0, x1, y1,
          depth, ids, bc, 0, 0, w);
    });
    return new VisibilityBuffer(w, h, depth, ids, bc);
  }

  /**
   * Interpolates an attribute over a visibility buffer.
   *
   * @return [H*W*C] values, 0 where no triangle is visible
   */
  public static float[] interpolate(VisibilityBuffer vis, int[] triangles, VertexAttribute attribute) {
    int c = attribute.components();
    int n = vis.width() * vis.height();
    float[] out = new float[n * c];
    float[] bc = vis.barycentrics();
    for (int i = 0; i < n; i++) {
      int t = vis.triangleId()[i];
      if (t >= 0) {
        attribute.interpolate(triangles, t, bc[3 * i], bc[3 * i + 1], bc[3 * i + 2], out, c * i);
      }
    }
    return out;
  }

  /**
   * Renders and shades a mesh.
   *
   * @return buffers at the camera's resolution; colour is averaged over the k x k samples of each
   *     pixel with uncovered samples counting as black, i.e. premultiplied by alpha
   */
  public RenderBuffers render(Camera camera, RenderMesh mesh, FragmentShader shader) {
    int k = settings.ssaa();
    int w = camera.width();
    int h = camera.height();
    Camera ss = k == 1 ? camera : camera.scaled(k);
    TriangleSetup s = TriangleSetup.build(ss, mesh.positions(), mesh.triangles(), settings.cullBackFaces(), settings.nearPlane());
    int ts = TILE * k;
    TriangleSetup.Bins bins = s.bin(ts);
    float[] rgb = new float[3 * w * h];
    float[] alpha = new float[w * h];
    float[] baseDepth = k == 1 ? new float[w * h] : null;
    int[] baseIds = k == 1 ? new int[w * h] : null;
    float[] baseBc = k == 1 ? new float[3 * w * h] : null;
    if (k == 1) {
      Arrays.fill(baseDepth, Float.POSITIVE_INFINITY);
      Arrays.fill(baseIds, -1);
    }
    float inv = 1f / (k * k);
    Parallel.forEach(bins.tilesX() * bins.tilesY(), settings.threads(), tile -> {
      if (bins.starts()[tile] == bins.starts()[tile + 1]) {
        return; // nothing drawn here: outputs keep their empty values
      }
      int px0 = (tile % bins.tilesX()) * TILE;
      int py0 = (tile / bins.tilesX()) * TILE;
      int px1 = Math.min(w, px0 + TILE);
      int py1 = Math.min(h, py0 + TILE);
      int rw = (px1 - px0) * k;
      int rh = (py1 - py0) * k;
      float[] depth = new float[rw * rh];
      int[] ids = new int[rw * rh];
      float[] bc = new float[3 * rw * rh];
      Arrays.fill(depth, Float.POSITIVE_INFINITY);
      Arrays.fill(ids, -1);
      s.raster(bins.items(), bins.starts()[tile], bins.starts()[tile + 1], px0 * k, py0 * k, px0 * k + rw, py0 * k + rh,
          depth, ids, bc, px0 * k, py0 * k, rw);
      Fragment frag = new Fragment(mesh, camera);
      float[] col = new float[3];
      for (int py = py0; py < py1; py++) {
        for (int px = px0; px < px1; px++) {
          float r = 0, g = 0, b = 0;
          int covered = 0;
          for (int sy = 0; sy < k; sy++) {
            int row = ((py - py0) * k + sy) * rw + (px - px0) * k;
            for (int sx = 0; sx < k; sx++) {
              int li = row + sx;
              int t = ids[li];
              if (t < 0) {
                continue;
              }
              frag.set(t, bc[3 * li], bc[3 * li + 1], bc[3 * li + 2], px + (sx + 0.5f) / k, py + (sy + 0.5f) / k);
              col[0] = 0;
              col[1] = 0;
              col[2] = 0;
              shader.shade(frag, col);
              r += col[0];
              g += col[1];
              b += col[2];
              covered++;
            }
          }
          int p = py * w + px;
          rgb[3 * p] = r * inv;
          rgb[3 * p + 1] = g * inv;
          rgb[3 * p + 2] = b * inv;
          alpha[p] = covered * inv;
          if (k == 1) {
            int li = (py - py0) * rw + (px - px0);
            baseDepth[p] = depth[li];
            baseIds[p] = ids[li];
            System.arraycopy(bc, 3 * li, baseBc, 3 * p, 3);
          }
        }
      }
    });
    VisibilityBuffer vis = k == 1
        ? new VisibilityBuffer(w, h, baseDepth, baseIds, baseBc)
        : rasterize(camera, mesh.positions(), mesh.triangles());
    float[] normals = shadingNormals(vis, mesh, camera);
    return new RenderBuffers(w, h, rgb, alpha, vis.depth(), normals, vis.triangleId(), vis.barycentrics());
  }

  private float[] shadingNormals(VisibilityBuffer vis, RenderMesh mesh, Camera camera) {
    int w = vis.width();
    int h = vis.height();
    float[] out = new float[3 * w * h];
    Parallel.forEach(h, settings.threads(), y -> {
      Fragment frag = new Fragment(mesh, camera);
      for (int x = 0; x < w; x++) {
        int p = y * w + x;
        int t = vis.triangleId()[p];
        if (t >= 0) {
          float[] bc = vis.barycentrics();
          frag.set(t, bc[3 * p], bc[3 * p + 1], bc[3 * p + 2], x + 0.5f, y + 0.5f);
          System.arraycopy(frag.normal(), 0, out, 3 * p, 3);
        }
      }
    });
    return out;
  }

  private static void checkMesh(float[] positions, int[] triangles) {
    if (positions.length % 3 != 0 || triangles.length % 3 != 0) {
      throw new IllegalArgumentException("positions and triangles must have multiples of 3 entries");
    }
    int v = positions.length / 3;
    for (int i = 0; i < triangles.length; i++) {
      if (triangles[i] < 0 || triangles[i] >= v) {
        throw new IllegalArgumentException("triangle corner " + i + " refers to vertex " + triangles[i] + " of " + v);
      }
    }
  }
}
