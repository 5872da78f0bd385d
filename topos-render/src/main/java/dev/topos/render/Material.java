package dev.topos.render;

/**
 * Surface reflectance: Lambert diffuse with the given albedo plus a normalised Blinn-Phong lobe.
 *
 * <p>The specular lobe for a directional light of radiance scale {@code I} (see
 * {@link DirectionalLight}) adds {@code specular * (s + 8) / 8 * max(0, n.h)^s * I * max(0, n.l)},
 * with Blinn-Phong exponent {@code s = 2 / alpha^2 - 2} and {@code alpha = roughness^2} (alpha is
 * clamped to at least 0.02). Spherical-harmonic lighting is diffuse only.
 *
 * @param albedo diffuse colour source
 * @param roughness perceptual roughness in [0, 1]
 * @param specular specular strength (reflectance at normal incidence, ~0.03-0.05 for skin), &gt;= 0
 * @param roughnessMap optional map whose red channel multiplies {@code roughness} (sampled at the UVs), or null
 * @param specularMap optional map whose red channel multiplies {@code specular}, or null
 */
public record Material(Albedo albedo, float roughness, float specular, Texture roughnessMap, Texture specularMap) {

  public Material {
    if (albedo == null) {
      throw new IllegalArgumentException("albedo must not be null");
    }
    if (!(roughness >= 0 && roughness <= 1) || !(specular >= 0)) {
      throw new IllegalArgumentException("roughness must be in [0, 1] and specular >= 0");
    }
  }

  /** Diffuse-only material of a constant linear colour. */
  public static Material diffuse(float r, float g, float b) {
    return new Material(Albedo.constant(r, g, b), 1, 0, null, null);
  }

  /** Matte clay-like grey used by previews: albedo 0.5, roughness 0.6, specular 0.04. */
  public static Material clay() {
    return new Material(Albedo.grey(0.5f), 0.6f, 0.04f, null, null);
  }

  public Material withAlbedo(Albedo a) {
    return new Material(a, roughness, specular, roughnessMap, specularMap);
  }

  public Material withSpecular(float roughness, float specular) {
    return new Material(albedo, roughness, specular, roughnessMap, specularMap);
  }

  public Material withMaps(Texture roughnessMap, Texture specularMap) {
    return new Material(albedo, roughness, specular, roughnessMap, specularMap);
  }
}
