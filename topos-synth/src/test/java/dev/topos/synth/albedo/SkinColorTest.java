package dev.topos.synth.albedo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SkinColorTest {
  private final SkinReflectance skin = new SkinReflectance();
  private final SpectralColor colour = new SpectralColor();

  private float[] rgb(double melanin, double blood) {
    float[] out = new float[3];
    colour.toLinearRgb(skin.spectrum(melanin, blood, 0.75, 0.1), out, 0);
    return out;
  }

  private static double luminance(float[] c) {
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }

  @Test
  void whiteIsWhiteAndBlackIsBlack() {
    double[] ones = new double[SpectralColor.SAMPLES];
    Arrays.fill(ones, 1);
    float[] out = new float[3];
    colour.toLinearRgb(ones, out, 0);
    for (float v : out) {
      assertEquals(1, v, 1e-6);
    }
    colour.toLinearRgb(new double[SpectralColor.SAMPLES], out, 0);
    for (float v : out) {
      assertEquals(0, v, 1e-9);
    }
  }

  @Test
  void melaninSpansVeryLightToVeryDarkSkin() {
    float[] light = rgb(0.01, 0.025);
    float[] dark = rgb(0.45, 0.025);
    assertTrue(luminance(light) > 0.4 && luminance(light) < 0.55, "light " + Arrays.toString(light));
    assertTrue(luminance(dark) > 0.04 && luminance(dark) < 0.09, "dark " + Arrays.toString(dark));
    double previous = 1;
    for (double m = 0.005; m < 0.6; m *= 1.5) {
      float[] c = rgb(m, 0.025);
      assertTrue(c[0] > c[1] && c[1] > c[2], "skin is red > green > blue: " + Arrays.toString(c));
      assertTrue(luminance(c) < previous);
      previous = luminance(c);
    }
  }

  @Test
  void bloodMakesSkinRedder() {
    float[] pale = rgb(0.03, 0.005);
    float[] flushed = rgb(0.03, 0.08);
    assertTrue(flushed[0] / flushed[1] > pale[0] / pale[1] + 0.3);
  }

  @Test
  void tableMatchesTheModelAtItsSamples() {
    SkinColorTable table = new SkinColorTable(skin, colour, 0.05, 0.02, 0.75, 0.1);
    float[] direct = rgb(0.05, 0.02);
    float[] looked = new float[3];
    table.lookup(0, 0, looked, 0);
    for (int c = 0; c < 3; c++) {
      assertEquals(direct[c], looked[c], 0.01);
    }
    float[] darker = new float[3];
    table.lookup(1, 0, darker, 0);
    assertTrue(luminance(darker) < luminance(looked));
  }

  @Test
  void hairPigments() {
    float[] black = new HairPigment(8, 0.2, 0).linearRgb();
    float[] blond = new HairPigment(0.3, 0.2, 0).linearRgb();
    float[] red = new HairPigment(0.5, 2.5, 0).linearRgb();
    float[] white = new HairPigment(8, 0, 1).linearRgb();
    assertTrue(luminance(black) < 0.02 && luminance(blond) > 0.4, Arrays.toString(black) + Arrays.toString(blond));
    assertTrue(red[0] > 1.8 * red[1] && red[1] > 3 * red[2], Arrays.toString(red));
    assertTrue(luminance(white) > 0.5, Arrays.toString(white));
  }

  @Test
  void gradientNoiseIsSeededAndBounded() {
    GradientNoise a = new GradientNoise(1);
    GradientNoise b = new GradientNoise(2);
    assertEquals(0, a.noise(3, -4, 5), 0);
    int differ = 0;
    double sum2 = 0;
    for (int i = 0; i < 10000; i++) {
      float x = i * 0.137f;
      float y = i * 0.071f - 3;
      float z = i * 0.029f + 1;
      float va = a.noise(x, y, z);
      assertEquals(va, new GradientNoise(1).noise(x, y, z), 0);
      assertTrue(Math.abs(va) <= 1.1f && Math.abs(a.fbm(x, y, z, 3)) <= 1.1f);
      differ += va != b.noise(x, y, z) ? 1 : 0;
      sum2 += va * va;
    }
    assertTrue(differ > 9000);
    double sd = Math.sqrt(sum2 / 10000);
    assertTrue(sd > 0.1 && sd < 0.4, "sd " + sd);
  }
}
