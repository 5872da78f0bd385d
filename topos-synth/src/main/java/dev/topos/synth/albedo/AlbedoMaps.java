package dev.topos.synth.albedo;

import dev.topos.render.Albedo;
import dev.topos.render.Material;
import dev.topos.render.Texture;

/**
 * The skin maps of one synthetic person in the reference UV layout, size x size texels, row-major
 * with row 0 at the top (the {@link Texture} convention).
 *
 * @param albedo diffuse albedo, linear RGB reflectance in [0, 1], {@link Texture.Wrap#CLAMP}
 * @param roughness perceptual roughness per texel in (0, 1] (the renderer's {@link Material}
 *     convention: Blinn-Phong exponent from alpha = roughness^2), [size*size]
 * @param specular reflectance at normal incidence per texel (about 0.028 for skin), [size*size]
 */
public record AlbedoMaps(Texture albedo, float[] roughness, float[] specular) {

  public AlbedoMaps {
    int n = albedo.width() * albedo.height();
    if (albedo.width() != albedo.height() || roughness.length != n || specular.length != n) {
      throw new IllegalArgumentException("maps must be square and of one size");
    }
  }

  /** Texture side in texels. */
  public int size() {
    return albedo.width();
  }

  /** The roughness map as a grey texture (all three channels equal). */
  public Texture roughnessTexture() {
    return grey(roughness);
  }

  /** The specular map as a grey texture (all three channels equal). */
  public Texture specularTexture() {
    return grey(specular);
  }

  /**
   * A renderer material for the head surface: this albedo, and roughness and specular taken from
   * the maps (the material's scalar roughness and specular are 1, the maps multiply them).
   */
  public Material material() {
    return new Material(new Albedo.Textured(albedo), 1, 1, roughnessTexture(), specularTexture());
  }

  private Texture grey(float[] values) {
    float[] rgb = new float[3 * values.length];
    for (int i = 0; i < values.length; i++) {
      rgb[3 * i] = values[i];
      rgb[3 * i + 1] = values[i];
      rgb[3 * i + 2] = values[i];
    }
    return new Texture(size(), size(), rgb, Texture.Wrap.CLAMP);
  }
}
