package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TextureTest {
  // 2 x 2 texels, row 0 on top: a=0 (top left), b=1 (top right), c=0.2 (bottom left), d=0.6.
  private static Texture tex(Texture.Wrap wrap) {
    float[] v = {0, 1, 0.2f, 0.6f};
    float[] rgb = new float[12];
    for (int i = 0; i < 4; i++) {
      rgb[3 * i] = v[i];
      rgb[3 * i + 1] = 2 * v[i];
      rgb[3 * i + 2] = -v[i];
    }
    return new Texture(2, 2, rgb, wrap);
  }

  @Test
  void bilinearAtTexelCentresAndMidpoints() {
    Texture t = tex(Texture.Wrap.CLAMP);
    // Texel centres: u = (i + 0.5) / 2, v = 1 - (j + 0.5) / 2.
    assertEquals(0f, t.sample(0.25f, 0.75f, 0), 1e-7f);
    assertEquals(1f, t.sample(0.75f, 0.75f, 0), 1e-7f);
    assertEquals(0.2f, t.sample(0.25f, 0.25f, 0), 1e-7f);
    assertEquals(0.6f, t.sample(0.75f, 0.25f, 0), 1e-7f);
    // Midpoints of edges and the centre of all four.
    assertEquals(0.5f, t.sample(0.5f, 0.75f, 0), 1e-7f);
    assertEquals(0.1f, t.sample(0.25f, 0.5f, 0), 1e-7f);
    assertEquals(0.45f, t.sample(0.5f, 0.5f, 0), 1e-7f);
    float[] out = new float[3];
    t.sample(0.5f, 0.5f, out, 0);
    assertEquals(0.45f, out[0], 1e-7f);
    assertEquals(0.9f, out[1], 1e-7f);
    assertEquals(-0.45f, out[2], 1e-7f);
  }

  @Test
  void wrapModes() {
    // At u = 0 (left border, between texel 0 and the wrapped texel 1).
    assertEquals(0f, tex(Texture.Wrap.CLAMP).sample(0f, 0.75f, 0), 1e-7f);
    assertEquals(0.5f, tex(Texture.Wrap.REPEAT).sample(0f, 0.75f, 0), 1e-7f);
    assertEquals(1f, tex(Texture.Wrap.REPEAT).sample(1.75f, 0.75f, 0), 1e-6f);
    assertEquals(0.6f, tex(Texture.Wrap.CLAMP).sample(5f, -3f, 0), 1e-7f);
  }

  @Test
  void imagesAreDecodedFromSrgb() {
    BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0x80ff00);
    Texture t = Texture.fromImage(img);
    assertEquals(0.2158605f, t.rgb()[0], 1e-6f);
    assertEquals(1f, t.rgb()[1], 1e-7f);
    assertEquals(0f, t.rgb()[2]);
    assertEquals(128 / 255f, Texture.fromImage(img, Texture.Wrap.CLAMP, false).rgb()[0], 1e-7f);
    assertEquals(128, Srgb.encode8(0.2158605));
  }
}
