package dev.topos.render;

import java.util.List;

/**
 * A light rig: a spherical-harmonic environment (diffuse only) plus directional lights (diffuse
 * and specular). No shadows.
 *
 * @param environment SH environment, or {@link SphericalHarmonics#zero()}
 * @param lights directional lights
 */
public record Lighting(SphericalHarmonics environment, List<DirectionalLight> lights) {

  public Lighting {
    environment = environment == null ? SphericalHarmonics.zero() : environment;
    lights = lights == null ? List.of() : List.copyOf(lights);
  }

  /** Only directional lights. */
  public static Lighting of(DirectionalLight... lights) {
    return new Lighting(SphericalHarmonics.zero(), List.of(lights));
  }

  /** Only an SH environment. */
  public static Lighting of(SphericalHarmonics environment) {
    return new Lighting(environment, List.of());
  }

  /**
   * A soft portrait rig for a head looking along +Z: a warm (5000 K) key light from the upper left
   * of the camera, intensity 0.85, plus an SH environment with 0.18 grey ambient, a cool (7500 K)
   * fill from the right (0.25) and a dim rim from behind above (0.15).
   */
  public static Lighting studio() {
    DirectionalLight key = DirectionalLight.kelvin(-0.5f, 0.55f, 0.67f, 5000, 0.85f);
    DirectionalLight fill = DirectionalLight.kelvin(0.8f, 0.1f, 0.6f, 7500, 0.25f);
    DirectionalLight rim = DirectionalLight.white(0.1f, 0.6f, -0.8f, 0.15f);
    SphericalHarmonics env = SphericalHarmonics.fromLights(0.18f, 0.18f, 0.18f, List.of(fill, rim));
    return new Lighting(env, List.of(key));
  }
}
