package dev.topos.render;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * PNG encoding via {@code javax.imageio}. The encoder writes no timestamps or other varying
 * metadata, so equal images give equal bytes.
 */
public final class Png {
  private Png() {}

  /** Encodes an image as PNG bytes. */
  public static byte[] encode(RenderedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for this image type");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes an image as a PNG file, creating parent directories. */
  public static void write(RenderedImage image, Path path) {
    try {
      byte[] bytes = encode(image);
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      dev.topos.geometry.io.MeshFiles.writeAtomically(path, out -> out.write(bytes)); // never a half-written file
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
