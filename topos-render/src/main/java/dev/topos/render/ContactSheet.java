package dev.topos.render;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * Tiles images into a grid (no captions). Every cell has the size of the largest image; images
 * are centred in their cells and alpha-blended (8-bit, in sRGB space) over the background.
 *
 * @param columns cells per row, &gt;= 1
 * @param spacing background pixels between cells and around the border, &gt;= 0
 * @param backgroundRgb sRGB background colour 0xRRGGBB
 */
public record ContactSheet(int columns, int spacing, int backgroundRgb) {

  public ContactSheet {
    if (columns < 1 || spacing < 0) {
      throw new IllegalArgumentException("need columns >= 1 and spacing >= 0");
    }
  }

  /** A sheet with {@code columns} columns, 8 px spacing and a white background. */
  public static ContactSheet of(int columns) {
    return new ContactSheet(columns, 8, 0xffffff);
  }

  /** The grid image ({@code TYPE_INT_RGB}). */
  public BufferedImage compose(List<? extends BufferedImage> images) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images");
    }
    int cw = 0;
    int ch = 0;
    for (BufferedImage im : images) {
      cw = Math.max(cw, im.getWidth());
      ch = Math.max(ch, im.getHeight());
    }
    int cols = Math.min(columns, images.size());
    int rows = (images.size() + cols - 1) / cols;
    int w = cols * cw + (cols + 1) * spacing;
    int h = rows * ch + (rows + 1) * spacing;
    BufferedImage sheet = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    int bg = backgroundRgb & 0xffffff;
    int[] row = new int[w];
    java.util.Arrays.fill(row, bg);
    for (int y = 0; y < h; y++) {
      sheet.setRGB(0, y, w, 1, row, 0, w);
    }
    for (int i = 0; i < images.size(); i++) {
      BufferedImage im = images.get(i);
      int iw = im.getWidth();
      int ih = im.getHeight();
      int ox = spacing + (i % cols) * (cw + spacing) + (cw - iw) / 2;
      int oy = spacing + (i / cols) * (ch + spacing) + (ch - ih) / 2;
      int[] src = new int[iw];
      for (int y = 0; y < ih; y++) {
        im.getRGB(0, y, iw, 1, src, 0, iw);
        for (int x = 0; x < iw; x++) {
          src[x] = over(src[x], bg);
        }
        sheet.setRGB(ox, oy + y, iw, 1, src, 0, iw);
      }
    }
    return sheet;
  }

  /** Composes and writes a PNG. */
  public void write(List<? extends BufferedImage> images, Path path) {
    Png.write(compose(images), path);
  }

  private static int over(int argb, int bg) {
    int a = argb >>> 24;
    if (a == 255) {
      return argb & 0xffffff;
    }
    int out = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      int f = (argb >> shift) & 0xff;
      int b = (bg >> shift) & 0xff;
      out |= ((f * a + b * (255 - a) + 127) / 255) << shift;
    }
    return out;
  }
}
