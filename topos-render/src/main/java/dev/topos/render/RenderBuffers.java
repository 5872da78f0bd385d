package dev.topos.render;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * The output of {@link Rasterizer#render}: per-pixel colour and geometry buffers at base
 * resolution, row-major with row 0 at the top.
 *
 * @param width pixels
 * @param height pixels
 * @param rgb linear RGB premultiplied by coverage (uncovered samples count as black), [H*W*3]
 * @param alpha fraction of the pixel's supersamples that are covered, in [0, 1], [H*W]
 * @param depth camera-space z of the surface at the pixel centre in metres, [H*W]; +Infinity where empty
 * @param normals unit world-space shading normal at the pixel centre, [H*W*3]; 0 where empty
 * @param triangleId triangle visible at the pixel centre, [H*W]; -1 where empty
 * @param barycentrics perspective-correct barycentrics of that triangle at the pixel centre, [H*W*3]
 */
public record RenderBuffers(
    int width, int height, float[] rgb, float[] alpha, float[] depth, float[] normals, int[] triangleId, float[] barycentrics) {

  public RenderBuffers {
    int n = width * height;
    if (rgb.length != 3 * n || alpha.length != n || depth.length != n || normals.length != 3 * n
        || triangleId.length != n || barycentrics.length != 3 * n) {
      throw new IllegalArgumentException("buffer sizes do not match " + width + "x" + height);
    }
  }

  /**
   * An 8-bit sRGB image with straight (un-premultiplied) alpha, {@code TYPE_INT_ARGB}; colour
   * where alpha is 0 is black.
   */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        float a = alpha[p];
        int argb = 0;
        if (a > 0) {
          argb = Math.round(255 * Math.min(1f, a)) << 24
              | Srgb.encode8(rgb[3 * p] / a) << 16
              | Srgb.encode8(rgb[3 * p + 1] / a) << 8
              | Srgb.encode8(rgb[3 * p + 2] / a);
        }
        row[x] = argb;
      }
      img.setRGB(0, y, width, 1, row, 0, width);
    }
    return img;
  }

  /**
   * An opaque 8-bit sRGB image ({@code TYPE_INT_RGB}) composited in linear light over a linear
   * background colour: {@code rgb + (1 - alpha) * background}.
   */
  public BufferedImage toImage(float backgroundR, float backgroundG, float backgroundB) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    int[] row = new int[width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        float t = 1 - alpha[p];
        row[x] = Srgb.encode8(rgb[3 * p] + t * backgroundR) << 16
            | Srgb.encode8(rgb[3 * p + 1] + t * backgroundG) << 8
            | Srgb.encode8(rgb[3 * p + 2] + t * backgroundB);
      }
      img.setRGB(0, y, width, 1, row, 0, width);
    }
    return img;
  }

  /** Writes {@link #toImage()} (with alpha) as a PNG. */
  public void writePng(Path path) {
    Png.write(toImage(), path);
  }

  /** Number of pixels whose centre sees a triangle. */
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
