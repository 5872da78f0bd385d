package dev.topos.render;

/**
 * A light infinitely far away.
 *
 * <p>Units: a white Lambertian surface (albedo 1) facing the light renders with linear value
 * {@code intensity * colour}; at angle theta to the light it renders {@code intensity * colour * cos(theta)}.
 * Physically the irradiance at normal incidence is {@code pi * intensity * colour}.
 *
 * @param dx unit direction <em>towards</em> the light, world x (normalised by the constructor)
 * @param dy world y
 * @param dz world z
 * @param r linear colour red
 * @param g linear colour green
 * @param b linear colour blue
 * @param intensity scale, &gt;= 0
 */
public record DirectionalLight(float dx, float dy, float dz, float r, float g, float b, float intensity) {

  public DirectionalLight {
    float len = (float) Math.sqrt(dx * dx + dy * dy + dz * dz);
    if (!(len > 0)) {
      throw new IllegalArgumentException("light direction must be non-zero");
    }
    dx /= len;
    dy /= len;
    dz /= len;
    if (!(intensity >= 0)) {
      throw new IllegalArgumentException("intensity must be >= 0: " + intensity);
    }
  }

  /** A white light. */
  public static DirectionalLight white(float dx, float dy, float dz, float intensity) {
    return new DirectionalLight(dx, dy, dz, 1, 1, 1, intensity);
  }

  /** A light whose colour is a black body of the given temperature ({@link ColorTemperature}). */
  public static DirectionalLight kelvin(float dx, float dy, float dz, double kelvin, float intensity) {
    float[] c = ColorTemperature.linearRgb(kelvin);
    return new DirectionalLight(dx, dy, dz, c[0], c[1], c[2], intensity);
  }
}
