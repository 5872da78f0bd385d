package dev.topos.render;

/**
 * Black-body (Planckian) light colours. The chromaticity comes from the cubic-spline fit of Kim et
 * al. (US patent 7024034, valid 1667-25000 K), converted through CIE XYZ to linear sRGB/Rec.709
 * primaries (D65 white), negative components clamped to 0, and normalised to luminance 1
 * ({@code 0.2126 R + 0.7152 G + 0.0722 B = 1}). 6500 K is close to (1, 1, 1).
 */
public final class ColorTemperature {
  private ColorTemperature() {}

  /** Linear RGB of a black body at {@code kelvin} (clamped to 1667-25000 K), luminance 1, [3]. */
  public static float[] linearRgb(double kelvin) {
    double t = Math.max(1667, Math.min(25000, kelvin));
    double t2 = t * t;
    double t3 = t2 * t;
    double x = t <= 4000
        ? -0.2661239e9 / t3 - 0.2343589e6 / t2 + 0.8776956e3 / t + 0.179910
        : -3.0258469e9 / t3 + 2.1070379e6 / t2 + 0.2226347e3 / t + 0.240390;
    double x2 = x * x;
    double x3 = x2 * x;
    double y;
    if (t <= 2222) {
      y = -1.1063814 * x3 - 1.34811020 * x2 + 2.18555832 * x - 0.20219683;
    } else if (t <= 4000) {
      y = -0.9549476 * x3 - 1.37418593 * x2 + 2.09137015 * x - 0.16748867;
    } else {
      y = 3.0817580 * x3 - 5.87338670 * x2 + 3.75112997 * x - 0.37001483;
    }
    double bigX = x / y;
    double bigZ = (1 - x - y) / y;
    double r = Math.max(0, 3.2404542 * bigX - 1.5371385 - 0.4985314 * bigZ);
    double g = Math.max(0, -0.9692660 * bigX + 1.8760108 + 0.0415560 * bigZ);
    double b = Math.max(0, 0.0556434 * bigX - 0.2040259 + 1.0572252 * bigZ);
    double lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    return new float[] {(float) (r / lum), (float) (g / lum), (float) (b / lum)};
  }
}
