package dev.topos.render;

import dev.topos.geometry.Bounds;
import dev.topos.geometry.Mesh;
import java.awt.image.BufferedImage;

/**
 * Quick shaded views of a mesh, framed automatically, e.g. for docs pictures and contact sheets.
 *
 * <p>The camera looks at the centre of the mesh's bounding box from +Z (the front of a head),
 * +Y up, and is placed so the box's bounding sphere fits the image; the framing does not depend on
 * the yaw, so turntable frames line up. Yaw turns the <em>mesh</em> (a turntable: the lights stay
 * fixed relative to the camera) about the vertical axis through the box centre, right-handed about
 * +Y: positive yaw turns the face towards image right, showing more of the subject's right cheek.
 *
 * @param width image width, pixels
 * @param height image height, pixels
 * @param perspective true for a perspective camera with {@code verticalFovDeg}, false for orthographic
 * @param verticalFovDeg vertical field of view of the perspective camera, degrees
 * @param settings rasterizer settings
 * @param material surface material
 * @param lighting lights
 * @param backgroundRgb sRGB background for {@link #image}, 0xRRGGBB
 */
public record PreviewRenderer(
    int width, int height, boolean perspective, double verticalFovDeg, RenderSettings settings,
    Material material, Lighting lighting, int backgroundRgb) {

  /** Perspective 20 degree view, 2x2 supersampling, clay material, studio lights, white background. */
  public static PreviewRenderer of(int width, int height) {
    return new PreviewRenderer(width, height, true, 20, RenderSettings.defaults(), Material.clay(), Lighting.studio(), 0xffffff);
  }

  public PreviewRenderer withOrthographic(boolean ortho) {
    return new PreviewRenderer(width, height, !ortho, verticalFovDeg, settings, material, lighting, backgroundRgb);
  }

  public PreviewRenderer withMaterial(Material m) {
    return new PreviewRenderer(width, height, perspective, verticalFovDeg, settings, m, lighting, backgroundRgb);
  }

  public PreviewRenderer withLighting(Lighting l) {
    return new PreviewRenderer(width, height, perspective, verticalFovDeg, settings, material, l, backgroundRgb);
  }

  public PreviewRenderer withSettings(RenderSettings s) {
    return new PreviewRenderer(width, height, perspective, verticalFovDeg, s, material, lighting, backgroundRgb);
  }

  public PreviewRenderer withBackground(int rgb) {
    return new PreviewRenderer(width, height, perspective, verticalFovDeg, settings, material, lighting, rgb);
  }

  /**
   * The camera framing a sphere, looking along -Z from the +Z side.
   *
   * @param centre sphere centre, metres, [3]
   * @param radius sphere radius, metres
   */
  public Camera frame(double[] centre, double radius) {
    double[] up = {0, 1, 0};
    if (perspective) {
      double half = Math.toRadians(verticalFovDeg) / 2;
      double halfH = Math.atan(Math.tan(half) * width / height);
      double d = radius / Math.sin(Math.min(half, halfH));
      double[] eye = {centre[0], centre[1], centre[2] + d};
      return Camera.lookAt(eye, centre, up, verticalFovDeg, width, height);
    }
    double viewHeight = 2 * radius * Math.max(1, (double) height / width);
    double[] eye = {centre[0], centre[1], centre[2] + 2 * radius + 1};
    return Camera.orthographic(eye, centre, up, viewHeight, width, height);
  }

  /** The camera {@link #render(Mesh, double)} uses for a mesh with these bounds ({minX, minY, minZ, maxX, maxY, maxZ}). */
  public Camera frame(float[] bounds) {
    double[] c = {(bounds[0] + bounds[3]) / 2.0, (bounds[1] + bounds[4]) / 2.0, (bounds[2] + bounds[5]) / 2.0};
    return frame(c, Math.max(1e-6, Bounds.diagonal(bounds) / 2));
  }

  /** Renders a polygon mesh turned by {@code yawDeg}. */
  public RenderBuffers render(Mesh mesh, double yawDeg) {
    return render(RenderMesh.of(mesh), yawDeg);
  }

  /** Renders a triangle mesh turned by {@code yawDeg}. */
  public RenderBuffers render(RenderMesh mesh, double yawDeg) {
    float[] b = Bounds.of(mesh.positions());
    if (Float.isNaN(b[0])) {
      throw new IllegalArgumentException("empty mesh");
    }
    Camera camera = frame(b);
    RenderMesh turned = turn(mesh, yawDeg, (b[0] + b[3]) / 2, (b[2] + b[5]) / 2);
    return new Rasterizer(settings).render(camera, turned, new SurfaceShader(material, lighting));
  }

  /** {@link #render(Mesh, double)} composited over the background, as an opaque sRGB image. */
  public BufferedImage image(Mesh mesh, double yawDeg) {
    return image(RenderMesh.of(mesh), yawDeg);
  }

  /** {@link #render(RenderMesh, double)} composited over the background, as an opaque sRGB image. */
  public BufferedImage image(RenderMesh mesh, double yawDeg) {
    RenderBuffers rb = render(mesh, yawDeg);
    return rb.toImage(
        (float) Srgb.decode(((backgroundRgb >> 16) & 0xff) / 255.0),
        (float) Srgb.decode(((backgroundRgb >> 8) & 0xff) / 255.0),
        (float) Srgb.decode((backgroundRgb & 0xff) / 255.0));
  }

  private static RenderMesh turn(RenderMesh mesh, double yawDeg, float cx, float cz) {
    if (yawDeg == 0) {
      return mesh;
    }
    double a = Math.toRadians(yawDeg);
    float cos = (float) Math.cos(a);
    float sin = (float) Math.sin(a);
    float[] p = mesh.positions().clone();
    for (int i = 0; i < p.length; i += 3) {
      float x = p[i] - cx;
      float z = p[i + 2] - cz;
      p[i] = cx + cos * x + sin * z;
      p[i + 2] = cz - sin * x + cos * z;
    }
    VertexAttribute n = mesh.normals();
    if (n != null) {
      float[] d = n.data().clone();
      for (int i = 0; i < d.length; i += 3) {
        float x = d[i];
        float z = d[i + 2];
        d[i] = cos * x + sin * z;
        d[i + 2] = -sin * x + cos * z;
      }
      n = new VertexAttribute(d, 3, n.indices());
    }
    return mesh.withPositions(p).withNormals(n);
  }
}
