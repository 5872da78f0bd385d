package dev.topos.topology.makehuman;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A grey or colour mask image in MakeHuman's UV layout, looked up at UV coordinates. */
final class UvMask {
  private final BufferedImage image;

  private UvMask(BufferedImage image) {
    this.image = image;
  }

  static UvMask read(Path file) throws IOException {
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException("cannot decode image " + file);
    }
    return new UvMask(img);
  }

  /** RGB (0xRRGGBB) at UV (u, v); OBJ's v runs upwards, image rows downwards. */
  int rgb(float u, float v) {
    int x = Math.min(image.getWidth() - 1, Math.max(0, (int) (u * image.getWidth())));
    int y = Math.min(image.getHeight() - 1, Math.max(0, (int) ((1 - v) * image.getHeight())));
    return image.getRGB(x, y) & 0xFFFFFF;
  }

  /** Brightness in [0, 1] at UV (u, v). */
  float value(float u, float v) {
    int c = rgb(u, v);
    return (((c >> 16) & 255) + ((c >> 8) & 255) + (c & 255)) / (3 * 255f);
  }

  /** True when the pixel at (u, v) is within a small distance of the given colour. */
  boolean isColour(float u, float v, int r, int g, int b) {
    int c = rgb(u, v);
    return Math.abs(((c >> 16) & 255) - r) + Math.abs(((c >> 8) & 255) - g) + Math.abs((c & 255) - b) < 30;
  }
}
