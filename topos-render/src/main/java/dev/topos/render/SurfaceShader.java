package dev.topos.render;

import java.util.List;

/**
 * The built-in shader: {@code albedo * (SH diffuse + sum_lights I * colour * max(0, n.l)) + specular},
 * in linear RGB, with the specular lobe of {@link Material} for each directional light. Normals
 * are used as given (no flipping for back faces). Immutable and thread-safe.
 */
public final class SurfaceShader implements FragmentShader {
  private final Material material;
  private final Lighting lighting;
  private final SphericalHarmonics environment;
  /** Per light: dx, dy, dz, intensity * r, intensity * g, intensity * b. */
  private final float[] lights;

  /**
   * @param material reflectance
   * @param lighting lights
   */
  public SurfaceShader(Material material, Lighting lighting) {
    if (material == null || lighting == null) {
      throw new IllegalArgumentException("material and lighting must not be null");
    }
    this.material = material;
    this.lighting = lighting;
    this.environment = lighting.environment();
    List<DirectionalLight> ls = lighting.lights();
    lights = new float[6 * ls.size()];
    for (int i = 0; i < ls.size(); i++) {
      DirectionalLight l = ls.get(i);
      lights[6 * i] = l.dx();
      lights[6 * i + 1] = l.dy();
      lights[6 * i + 2] = l.dz();
      lights[6 * i + 3] = l.intensity() * l.r();
      lights[6 * i + 4] = l.intensity() * l.g();
      lights[6 * i + 5] = l.intensity() * l.b();
    }
  }

  public Material material() {
    return material;
  }

  public Lighting lighting() {
    return lighting;
  }

  @Override
  public void shade(Fragment f, float[] out) {
    float[] n = f.normal();
    float[] v = f.viewDirection();
    float[] uv = f.uv();
    // Albedo into out.
    Albedo a = material.albedo();
    if (a instanceof Albedo.Constant c) {
      out[0] = c.r();
      out[1] = c.g();
      out[2] = c.b();
    } else if (a instanceof Albedo.Textured t && f.hasUv()) {
      t.texture().sample(uv[0], uv[1], out, 0);
    } else if (a instanceof Albedo.VertexColors && f.hasColor()) {
      float[] col = f.color();
      out[0] = col[0];
      out[1] = col[1];
      out[2] = col[2];
    } else {
      out[0] = 1;
      out[1] = 1;
      out[2] = 1;
    }
    float roughness = material.roughness();
    float ks = material.specular();
    if (f.hasUv()) {
      if (material.roughnessMap() != null) {
        roughness *= material.roughnessMap().sample(uv[0], uv[1], 0);
      }
      if (material.specularMap() != null) {
        ks *= material.specularMap().sample(uv[0], uv[1], 0);
      }
    }
    // Diffuse light: SH environment (E / pi) plus directional lights.
    float nx = n[0], ny = n[1], nz = n[2];
    float invPi = (float) (1 / Math.PI);
    float dr = invPi * (float) environment.irradiance(0, nx, ny, nz);
    float dg = invPi * (float) environment.irradiance(1, nx, ny, nz);
    float db = invPi * (float) environment.irradiance(2, nx, ny, nz);
    float sr = 0, sg = 0, sb = 0;
    double alpha = Math.max(0.02, (double) roughness * roughness);
    double exponent = 2 / (alpha * alpha) - 2;
    double norm = (exponent + 8) / 8;
    float[] ls = lights;
    for (int i = 0; i < ls.length; i += 6) {
      float lx = ls[i], ly = ls[i + 1], lz = ls[i + 2];
      float ndl = nx * lx + ny * ly + nz * lz;
      if (ndl <= 0) {
        continue;
      }
      float er = ls[i + 3] * ndl, eg = ls[i + 4] * ndl, eb = ls[i + 5] * ndl;
      dr += er;
      dg += eg;
      db += eb;
      if (ks > 0) {
        float hx = lx + v[0], hy = ly + v[1], hz = lz + v[2];
        float hl = (float) Math.sqrt(hx * hx + hy * hy + hz * hz);
        if (hl > 0) {
          float ndh = (nx * hx + ny * hy + nz * hz) / hl;
          if (ndh > 0) {
            // Pow (not Math.pow) keeps the result bit-identical whichever thread or JIT tier runs it.
            float s = (float) (ks * norm * Pow.pow(ndh, exponent));
            sr += s * er;
            sg += s * eg;
            sb += s * eb;
          }
        }
      }
    }
    out[0] = out[0] * dr + sr;
    out[1] = out[1] * dg + sg;
    out[2] = out[2] * db + sb;
  }

  @Override
  public String toString() {
    return "SurfaceShader[" + material + ", " + lighting + "]";
  }
}
