package dev.topos.render;

import java.awt.image.BufferedImage;

/**
 * An RGB float texture with bilinear filtering.
 *
 * <p>UV convention (as in OBJ): u runs left to right and v bottom to top over [0, 1]. Texel (i, j)
 * (column i, row j, row 0 at the top of the image) has its centre at
 * {@code u = (i + 0.5) / width}, {@code v = 1 - (j + 0.5) / height}. Bilinear filtering blends the
 * four texels whose centres surround (u, v); outside [0, 1] the {@link Wrap} mode applies.
 *
 * @param width texels
 * @param height texels
 * @param rgb texel values (linear RGB for colour maps, raw values for data maps), row-major, [H*W*3]
 * @param wrap addressing outside [0, 1]
 */
public record Texture(int width, int height, float[] rgb, Wrap wrap) {

  /** Texture addressing outside [0, 1]. */
  public enum Wrap {
    /** Tile the texture (u and v taken modulo 1). */
    REPEAT,
    /** Repeat the edge texels. */
    CLAMP
  }

  public Texture {
    if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
      throw new IllegalArgumentException("texture data does not match " + width + "x" + height);
    }
    if (wrap == null) {
      throw new IllegalArgumentException("wrap must not be null");
    }
  }

  /** A 1x1 texture of a single colour. */
  public static Texture constant(float r, float g, float b) {
    return new Texture(1, 1, new float[] {r, g, b}, Wrap.CLAMP);
  }

  /**
   * Reads an image; with {@code srgb} the 8-bit values are decoded from sRGB to linear light
   * (colour maps), otherwise mapped linearly to [0, 1] (data maps such as roughness).
   */
  public static Texture fromImage(BufferedImage image, Wrap wrap, boolean srgb) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] table = srgb ? Srgb.decodeTable() : null;
    float[] out = new float[3 * w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int p = 3 * (y * w + x);
        int argb = row[x];
        int r = (argb >> 16) & 0xff;
        int g = (argb >> 8) & 0xff;
        int b = argb & 0xff;
        out[p] = srgb ? table[r] : r / 255f;
        out[p + 1] = srgb ? table[g] : g / 255f;
        out[p + 2] = srgb ? table[b] : b / 255f;
      }
    }
    return new Texture(w, h, out, wrap);
  }

  /** A colour map from an sRGB image, repeating. */
  public static Texture fromImage(BufferedImage image) {
    return fromImage(image, Wrap.REPEAT, true);
  }

  /** Bilinearly filtered value at (u, v), written to out[off..off+2]. */
  public void sample(float u, float v, float[] out, int off) {
    float x = u * width - 0.5f;
    float y = (1 - v) * height - 0.5f;
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = x - x0;
    float fy = y - y0;
    int xa = address(x0, width);
    int xb = address(x0 + 1, width);
    int ya = address(y0, height);
    int yb = address(y0 + 1, height);
    int p00 = 3 * (ya * width + xa);
    int p10 = 3 * (ya * width + xb);
    int p01 = 3 * (yb * width + xa);
    int p11 = 3 * (yb * width + xb);
    float w00 = (1 - fx) * (1 - fy);
    float w10 = fx * (1 - fy);
    float w01 = (1 - fx) * fy;
    float w11 = fx * fy;
    for (int c = 0; c < 3; c++) {
      out[off + c] = w00 * rgb[p00 + c] + w10 * rgb[p10 + c] + w01 * rgb[p01 + c] + w11 * rgb[p11 + c];
    }
  }

  /** Bilinearly filtered value of one channel (0 = red) at (u, v). */
  public float sample(float u, float v, int channel) {
    float x = u * width - 0.5f;
    float y = (1 - v) * height - 0.5f;
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    float fx = x - x0;
    float fy = y - y0;
    int xa = address(x0, width);
    int xb = address(x0 + 1, width);
    int ya = address(y0, height);
    int yb = address(y0 + 1, height);
    return (1 - fx) * (1 - fy) * rgb[3 * (ya * width + xa) + channel]
        + fx * (1 - fy) * rgb[3 * (ya * width + xb) + channel]
        + (1 - fx) * fy * rgb[3 * (yb * width + xa) + channel]
        + fx * fy * rgb[3 * (yb * width + xb) + channel];
  }

  private int address(int i, int n) {
    return wrap == Wrap.REPEAT ? Math.floorMod(i, n) : Math.max(0, Math.min(n - 1, i));
  }
}
