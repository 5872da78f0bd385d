package dev.topos.render;

/**
 * The built-in shader: {@code albedo * (SH diffuse + sum_lights I * colour * max(0, n.l)) + specular},
 * in linear RGB, with the specular lobe of {@link Material} for each directional light. Normals
 * are used as given (no flipping for back faces).
 *
 * @param material reflectance
 * @param lighting lights
 */
public record SurfaceShader(Material material, Lighting lighting) implements FragmentShader {

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
    SphericalHarmonics env = lighting.environment();
    float invPi = (float) (1 / Math.PI);
    float dr = invPi * (float) env.irradiance(0, nx, ny, nz);
    float dg = invPi * (float) env.irradiance(1, nx, ny, nz);
    float db = invPi * (float) env.irradiance(2, nx, ny, nz);
    float sr = 0, sg = 0, sb = 0;
    double alpha = Math.max(0.02, (double) roughness * roughness);
    double exponent = 2 / (alpha * alpha) - 2;
    double norm = (exponent + 8) / 8;
    for (DirectionalLight l : lighting.lights()) {
      float ndl = nx * l.dx() + ny * l.dy() + nz * l.dz();
      if (ndl <= 0) {
        continue;
      }
      float e = l.intensity() * ndl;
      dr += e * l.r();
      dg += e * l.g();
      db += e * l.b();
      if (ks > 0) {
        float hx = l.dx() + v[0], hy = l.dy() + v[1], hz = l.dz() + v[2];
        float hl = (float) Math.sqrt(hx * hx + hy * hy + hz * hz);
        if (hl > 0) {
          float ndh = (nx * hx + ny * hy + nz * hz) / hl;
          if (ndh > 0) {
            // Pow (not Math.pow) keeps the result bit-identical whichever thread or JIT tier runs it.
            float s = (float) (ks * norm * Pow.pow(ndh, exponent)) * e;
            sr += s * l.r();
            sg += s * l.g();
            sb += s * l.b();
          }
        }
      }
    }
    out[0] = out[0] * dr + sr;
    out[1] = out[1] * dg + sg;
    out[2] = out[2] * db + sb;
  }
}
