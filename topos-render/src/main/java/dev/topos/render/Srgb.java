package dev.topos.render;

/**
 * The sRGB transfer function (IEC 61966-2-1) between linear light and encoded values. Uses
 * {@link StrictMath} so encoded bytes are identical on every platform.
 */
public final class Srgb {
  private Srgb() {}

  /** Encoded sRGB value in [0, 1] to linear light. */
  public static double decode(double v) {
    return v <= 0.04045 ? v / 12.92 : StrictMath.pow((v + 0.055) / 1.055, 2.4);
  }

  /** Linear light in [0, 1] to an encoded sRGB value (inputs are clamped to [0, 1]; NaN gives 0). */
  public static double encode(double linear) {
    if (!(linear > 0)) {
      return 0;
    }
    if (linear >= 1) {
      return 1;
    }
    return linear <= 0.0031308 ? 12.92 * linear : 1.055 * StrictMath.pow(linear, 1 / 2.4) - 0.055;
  }

  /** Linear light to an 8-bit sRGB code, rounded to nearest, 0..255. */
  public static int encode8(double linear) {
    return (int) Math.round(255 * encode(linear));
  }

  /** A fresh table of the linear value of each 8-bit sRGB code, [256]. */
  public static float[] decodeTable() {
    float[] t = new float[256];
    for (int i = 0; i < 256; i++) {
      t[i] = (float) decode(i / 255.0);
    }
    return t;
  }
}
