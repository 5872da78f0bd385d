package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShadingTest {
  private static final int W = 16;
  private static final int CENTRE = 8 * W + 8;

  private static RenderBuffers renderPlane(Material m, Lighting l, RenderMesh mesh) {
    Camera cam = Camera.lookAt(new double[] {0, 0, 3}, new double[] {0, 0, 0}, new double[] {0, 1, 0}, 40, W, W);
    return new Rasterizer(new RenderSettings(1, true, 1e-3, 1)).render(cam, mesh, new SurfaceShader(m, l));
  }

  @Test
  void lambertEqualsAlbedoTimesIntensityTimesCosine() {
    float cos = 0.5f; // light 60 degrees off the plane normal (+Z)
    DirectionalLight light = new DirectionalLight((float) Math.sqrt(0.75), 0, cos, 1, 1, 1, 2);
    Material m = Material.diffuse(0.8f, 0.6f, 0.4f);
    RenderBuffers rb = renderPlane(m, Lighting.of(light), TestMeshes.quad(-2, -2, 2, 2, 0));
    assertEquals(1f, rb.alpha()[CENTRE]);
    assertEquals(0.8f * 2 * cos, rb.rgb()[3 * CENTRE], 1e-5f);
    assertEquals(0.6f * 2 * cos, rb.rgb()[3 * CENTRE + 1], 1e-5f);
    assertEquals(0.4f * 2 * cos, rb.rgb()[3 * CENTRE + 2], 1e-5f);
    assertEquals(1f, rb.normals()[3 * CENTRE + 2], 1e-6f);
    // A light behind the plane contributes nothing.
    RenderBuffers dark = renderPlane(m, Lighting.of(DirectionalLight.white(0, 0, -1, 5)), TestMeshes.quad(-2, -2, 2, 2, 0));
    assertEquals(0f, dark.rgb()[3 * CENTRE]);
  }

  @Test
  void specularAddsAHighlightTowardsTheMirrorDirection() {
    // Light along the view direction: n.h = 1, so the lobe adds specular * (s + 8) / 8 * I.
    DirectionalLight light = DirectionalLight.white(0, 0, 1, 1);
    Material m = Material.diffuse(0.5f, 0.5f, 0.5f).withSpecular(1, 0.04f); // roughness 1: s = 0
    RenderBuffers rb = renderPlane(m, Lighting.of(light), TestMeshes.quad(-2, -2, 2, 2, 0));
    double ndh = 1; // at the centre the view direction is +Z
    assertEquals(0.5 + 0.04 * ndh, rb.rgb()[3 * CENTRE], 1e-4);
  }

  @Test
  void shConstantEnvironment() {
    SphericalHarmonics sh = SphericalHarmonics.constant(0.2f, 0.5f, 1.0f);
    float[] e = new float[3];
    float[][] normals = {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}, {0.6f, -0.8f, 0}, {0.48f, 0.6f, 0.64f}};
    for (float[] n : normals) {
      sh.irradiance(n[0], n[1], n[2], e, 0);
      assertEquals(Math.PI * 0.2, e[0], 1e-5);
      assertEquals(Math.PI * 0.5, e[1], 1e-5);
      assertEquals(Math.PI * 1.0, e[2], 1e-5);
      sh.diffuse(n[0], n[1], n[2], e, 0);
      assertEquals(0.2, e[0], 1e-6);
      assertEquals(1.0, e[2], 1e-6);
    }
    // Rendered: a grey plane in a constant environment shows albedo * radiance.
    RenderBuffers rb = renderPlane(Material.diffuse(0.5f, 0.5f, 0.5f), Lighting.of(sh), TestMeshes.quad(-2, -2, 2, 2, 0));
    assertEquals(0.1f, rb.rgb()[3 * CENTRE], 1e-6f);
    assertEquals(0.5f, rb.rgb()[3 * CENTRE + 2], 1e-6f);
  }

  @Test
  void shDirectionalLightApproximatesTheClampedCosine() {
    DirectionalLight l = DirectionalLight.white(0, 1, 0, 2);
    SphericalHarmonics sh = SphericalHarmonics.fromLights(0, 0, 0, List.of(l));
    float[] e = new float[3];
    sh.diffuse(0, 1, 0, e, 0);
    // Order-2 SH of max(0, cos): 1/4 + 1/2 + 5/16 = 1.0625 at the light direction.
    assertEquals(1.0625 * 2, e[0], 2e-3);
    sh.diffuse(1, 0, 0, e, 0); // 90 degrees: the band-limited lobe gives 1/4 - 5/32
    assertEquals(2 * (0.25 - 5.0 / 32), e[0], 2e-3);
  }

  @Test
  void textureAndVertexColourAlbedo() {
    RenderMesh quad = TestMeshes.quad(-2, -2, 2, 2, 0);
    SphericalHarmonics white = SphericalHarmonics.constant(1, 1, 1);
    Texture tex = new Texture(1, 1, new float[] {0.3f, 0.6f, 0.9f}, Texture.Wrap.CLAMP);
    RenderBuffers t = renderPlane(Material.diffuse(1, 1, 1).withAlbedo(new Albedo.Textured(tex)), Lighting.of(white), quad);
    assertEquals(0.6f, t.rgb()[3 * CENTRE + 1], 1e-5f);
    float[] colors = {1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1}; // red bottom, blue top
    RenderBuffers c = renderPlane(Material.diffuse(1, 1, 1).withAlbedo(new Albedo.VertexColors()), Lighting.of(white),
        quad.withColors(VertexAttribute.perVertex(colors, 3)));
    int top = 2 * W + 8;
    int bottom = 13 * W + 8;
    assertTrue(c.rgb()[3 * top + 2] > c.rgb()[3 * top]);
    assertTrue(c.rgb()[3 * bottom] > c.rgb()[3 * bottom + 2]);
  }

  @Test
  void colourTemperature() {
    float[] d65 = ColorTemperature.linearRgb(6500);
    for (float v : d65) {
      assertEquals(1, v, 0.1);
    }
    float[] warm = ColorTemperature.linearRgb(3000);
    assertTrue(warm[0] > warm[1] && warm[1] > warm[2]);
    float[] cool = ColorTemperature.linearRgb(10000);
    assertTrue(cool[2] > cool[0]);
    assertEquals(1, 0.2126 * warm[0] + 0.7152 * warm[1] + 0.0722 * warm[2], 1e-5);
  }
}
