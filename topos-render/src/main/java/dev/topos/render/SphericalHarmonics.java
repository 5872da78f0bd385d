package dev.topos.render;

import java.util.Arrays;
import java.util.List;

/**
 * Distant lighting as second-order (9-coefficient) real spherical harmonics of the incident
 * radiance, per RGB channel, with the irradiance formula of Ramamoorthi and Hanrahan, "An
 * Efficient Representation for Irradiance Environment Maps" (SIGGRAPH 2001), eq. 13.
 *
 * <p>Coefficient order (l, m): 0 = (0,0); 1 = (1,-1) ~ y; 2 = (1,0) ~ z; 3 = (1,1) ~ x;
 * 4 = (2,-2) ~ xy; 5 = (2,-1) ~ yz; 6 = (2,0) ~ 3z^2-1; 7 = (2,1) ~ xz; 8 = (2,2) ~ x^2-y^2, in world
 * coordinates. {@code coefficients[3*i + c]} is coefficient i of channel c (0 = red).
 *
 * <p><b>Normalisation.</b> The coefficients project radiance L(w): {@code L_i = integral L(w) Y_i(w) dw}.
 * {@link #irradiance} returns the cosine-weighted irradiance {@code E(n)}, so a constant
 * environment of radiance c gives {@code E = pi * c}. Shading uses {@link #diffuse} = E / pi, the
 * radiance leaving a white Lambertian surface, which for a constant environment equals c.
 *
 * @param coefficients [27] = 9 coefficients x RGB
 */
public record SphericalHarmonics(float[] coefficients) {
  private static final double C1 = 0.429043;
  private static final double C2 = 0.511664;
  private static final double C3 = 0.743125;
  private static final double C4 = 0.886227;
  private static final double C5 = 0.247708;

  public SphericalHarmonics {
    if (coefficients.length != 27) {
      throw new IllegalArgumentException("expected 27 coefficients, got " + coefficients.length);
    }
    coefficients = coefficients.clone();
  }

  /** No light. */
  public static SphericalHarmonics zero() {
    return new SphericalHarmonics(new float[27]);
  }

  /** A uniform environment of linear radiance (r, g, b): a white diffuse surface renders (r, g, b). */
  public static SphericalHarmonics constant(float r, float g, float b) {
    float[] c = new float[27];
    double k = 2 * Math.sqrt(Math.PI); // integral of Y00 = 0.282095 over the sphere
    c[0] = (float) (r * k);
    c[1] = (float) (g * k);
    c[2] = (float) (b * k);
    return new SphericalHarmonics(c);
  }

  /**
   * An ambient term plus directional lights projected to SH. Each light is a delta of irradiance
   * {@code pi * intensity * colour}, so that shading with it approximates the same light used as a
   * {@link DirectionalLight} (order-2 SH smooths the clamped cosine: facing the light the result is
   * ~1.06x and the shadow side does not reach exactly 0).
   *
   * @param ambientR uniform ambient radiance, linear red (see {@link #constant})
   */
  public static SphericalHarmonics fromLights(float ambientR, float ambientG, float ambientB, List<DirectionalLight> lights) {
    float[] c = constant(ambientR, ambientG, ambientB).coefficients;
    double[] y = new double[9];
    for (DirectionalLight l : lights) {
      basis(l.dx(), l.dy(), l.dz(), y);
      double s = Math.PI * l.intensity();
      for (int i = 0; i < 9; i++) {
        c[3 * i] += (float) (s * l.r() * y[i]);
        c[3 * i + 1] += (float) (s * l.g() * y[i]);
        c[3 * i + 2] += (float) (s * l.b() * y[i]);
      }
    }
    return new SphericalHarmonics(c);
  }

  /** The 9 real SH basis functions at unit direction (x, y, z), written to out[0..8]. */
  public static void basis(double x, double y, double z, double[] out) {
    out[0] = 0.282095;
    out[1] = 0.488603 * y;
    out[2] = 0.488603 * z;
    out[3] = 0.488603 * x;
    out[4] = 1.092548 * x * y;
    out[5] = 1.092548 * y * z;
    out[6] = 0.315392 * (3 * z * z - 1);
    out[7] = 1.092548 * x * z;
    out[8] = 0.546274 * (x * x - y * y);
  }

  /** Sum of two environments. */
  public SphericalHarmonics plus(SphericalHarmonics o) {
    float[] c = coefficients.clone();
    for (int i = 0; i < 27; i++) {
      c[i] += o.coefficients[i];
    }
    return new SphericalHarmonics(c);
  }

  /** The environment scaled by s. */
  public SphericalHarmonics scaled(float s) {
    float[] c = coefficients.clone();
    for (int i = 0; i < 27; i++) {
      c[i] *= s;
    }
    return new SphericalHarmonics(c);
  }

  /** Irradiance E(n) for unit normal n (Ramamoorthi-Hanrahan), RGB written to out[off..off+2]. */
  public void irradiance(float nx, float ny, float nz, float[] out, int off) {
    for (int c = 0; c < 3; c++) {
      out[off + c] = (float) irradiance(c, nx, ny, nz);
    }
  }

  /** Irradiance of one channel (0 = red) for unit normal (x, y, z). */
  double irradiance(int c, double x, double y, double z) {
    float[] l = coefficients;
    return C1 * l[24 + c] * (x * x - y * y)
        + C3 * l[18 + c] * z * z
        + C4 * l[c]
        - C5 * l[18 + c]
        + 2 * C1 * (l[12 + c] * x * y + l[21 + c] * x * z + l[15 + c] * y * z)
        + 2 * C2 * (l[9 + c] * x + l[3 + c] * y + l[6 + c] * z);
  }

  /** {@code E(n) / pi}: the radiance of a white Lambertian surface with normal n, RGB to out[off..off+2]. */
  public void diffuse(float nx, float ny, float nz, float[] out, int off) {
    irradiance(nx, ny, nz, out, off);
    float k = (float) (1 / Math.PI);
    out[off] *= k;
    out[off + 1] *= k;
    out[off + 2] *= k;
  }

  @Override
  public float[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SphericalHarmonics s && Arrays.equals(coefficients, s.coefficients);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(coefficients);
  }

  @Override
  public String toString() {
    return "SphericalHarmonics" + Arrays.toString(coefficients);
  }
}
