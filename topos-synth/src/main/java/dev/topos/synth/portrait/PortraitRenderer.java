package dev.topos.synth.portrait;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.MeshConcat;
import dev.topos.render.Camera;
import dev.topos.render.DirectionalLight;
import dev.topos.render.FragmentShader;
import dev.topos.render.Lighting;
import dev.topos.render.Material;
import dev.topos.render.Rasterizer;
import dev.topos.render.RenderBuffers;
import dev.topos.render.RenderMesh;
import dev.topos.render.RenderSettings;
import dev.topos.render.SphericalHarmonics;
import dev.topos.render.Srgb;
import dev.topos.synth.albedo.EyeAlbedo;
import dev.topos.render.SurfaceShader;
import dev.topos.topology.space.HeadShape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a synthetic portrait of a head: the head with its skin material, the eyeballs with their
 * own material (its texture in the {@link EyeAlbedo} layout), teeth and tongue, under the {@link PortraitParams}' camera and lights, composited
 * over the background. 2x2 supersampled; output sRGB.
 */
public final class PortraitRenderer {
  /** The point the camera looks at, in the canonical head frame (a little below and behind the eyes). */
  static final double[] HEAD_CENTRE = {0, -0.04, -0.02};
  /** Crown-to-neck extent that {@link PortraitParams#fill()} refers to, metres. */
  static final double FRAMED_HEIGHT = 0.26;
  private static final List<String> PARTS = List.of("eye.L", "eye.R", "teeth.upper", "teeth.lower", "tongue");
  private static final Material TEETH = Material.diffuse(0.75f, 0.72f, 0.62f).withSpecular(0.3f, 0.3f);
  private static final Material TONGUE = Material.diffuse(0.55f, 0.2f, 0.2f).withSpecular(0.35f, 0.3f);

  /**
   * A rendered portrait.
   *
   * @param image sRGB image, size x size
   * @param camera the camera (OpenCV axes, world = canonical head frame)
   */
  public record Portrait(BufferedImage image, Camera.Perspective camera) {}

  private final RenderSettings settings;

  public PortraitRenderer(RenderSettings settings) {
    this.settings = settings;
  }

  /** The camera of these parameters. */
  public static Camera.Perspective camera(PortraitParams p) {
    double yaw = Math.toRadians(p.yawDeg());
    double pitch = Math.toRadians(p.pitchDeg());
    double[] dir = {Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), Math.cos(yaw) * Math.cos(pitch)};
    double fPx = p.focal35Mm() * Math.hypot(p.size(), p.size()) / Math.hypot(36, 24);
    double distance = fPx * FRAMED_HEIGHT / (p.fill() * p.size());
    double[] eye = new double[3];
    for (int k = 0; k < 3; k++) {
      eye[k] = HEAD_CENTRE[k] + dir[k] * distance;
    }
    double[] up = rotate(new double[] {0, 1, 0}, dir, Math.toRadians(p.rollDeg()));
    return Camera.lookAtFocal35(eye, HEAD_CENTRE, up, p.focal35Mm(), p.size(), p.size());
  }

  /** The lights of these parameters. */
  public static Lighting lighting(PortraitParams p) {
    DirectionalLight key = DirectionalLight.kelvin(p.keyDirection()[0], p.keyDirection()[1], p.keyDirection()[2],
        p.keyKelvin(), (float) p.keyIntensity());
    DirectionalLight fill = DirectionalLight.white(p.fillDirection()[0], p.fillDirection()[1], p.fillDirection()[2],
        (float) p.fillIntensity());
    float[] ambient = p.ambient();
    SphericalHarmonics env = SphericalHarmonics.fromLights(ambient[0], ambient[1], ambient[2], List.of());
    float[] c = env.coefficients().clone();
    // Band 1 along +Y: brighter from above (sky), darker from below (ground).
    double k = 2 * Math.sqrt(Math.PI / 3);
    for (int ch = 0; ch < 3; ch++) {
      c[3 + ch] += (float) (k * p.sky()[ch]);
    }
    return new Lighting(new SphericalHarmonics(c), List.of(key, fill));
  }

  /**
   * Renders the head.
   *
   * @param head the head (with parts)
   * @param skin material of the head surface (its albedo texture in the reference UV layout)
   * @param eyes material of the eyeballs
   * @param p camera, lights, background
   * @param backgroundSeed seed of the noise background
   */
  public Portrait render(HeadShape head, Material skin, Material eyes, PortraitParams p, long backgroundSeed) {
    List<Mesh> meshes = new ArrayList<>(List.of(head.headMesh()));
    List<String> names = new ArrayList<>(List.of("head"));
    for (String part : PARTS) {
      Mesh m = head.partMesh(part);
      if (part.startsWith("eye.")) { // the eye material's texture uses its own layout (EyeAlbedo)
        m = new Mesh(m.positions(), m.faceStarts(), m.faceVertices(), EyeAlbedo.uvs(m), m.faceVertices(), null, null,
            null, List.of());
      }
      meshes.add(m);
      names.add(part);
    }
    Mesh merged = MeshConcat.withGroups(meshes, names);
    RenderMesh mesh = RenderMesh.of(merged);
    Lighting light = lighting(p);
    int[] triangleEnds = new int[meshes.size()];
    int t = 0;
    for (int i = 0; i < meshes.size(); i++) {
      t += meshes.get(i).triangles().length / 3;
      triangleEnds[i] = t;
    }
    SurfaceShader[] shaders = {
        new SurfaceShader(skin, light), new SurfaceShader(eyes, light), new SurfaceShader(eyes, light),
        new SurfaceShader(TEETH, light), new SurfaceShader(TEETH, light), new SurfaceShader(TONGUE, light)};
    FragmentShader byPart = (f, out) -> {
      int part = 0;
      while (f.triangle() >= triangleEnds[part]) {
        part++;
      }
      shaders[part].shade(f, out);
    };
    Camera.Perspective camera = camera(p);
    RenderBuffers rb = new Rasterizer(settings).render(camera, mesh, byPart);
    float[] bg = Backgrounds.render(p, backgroundSeed);
    BufferedImage img = new BufferedImage(p.size(), p.size(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < p.size(); y++) {
      for (int x = 0; x < p.size(); x++) {
        int i = y * p.size() + x;
        float a = rb.alpha()[i];
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
          double v = rb.rgb()[3 * i + ch] + (1 - a) * bg[3 * i + ch]; // rgb is premultiplied by coverage
          rgb = (rgb << 8) | Srgb.encode8(v);
        }
        img.setRGB(x, y, rgb);
      }
    }
    return new Portrait(img, camera);
  }

  /** Rodrigues rotation of v about the unit axis by angle (radians). */
  private static double[] rotate(double[] v, double[] axis, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double dot = v[0] * axis[0] + v[1] * axis[1] + v[2] * axis[2];
    double[] cross = {axis[1] * v[2] - axis[2] * v[1], axis[2] * v[0] - axis[0] * v[2], axis[0] * v[1] - axis[1] * v[0]};
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      out[k] = v[k] * c + cross[k] * s + axis[k] * dot * (1 - c);
    }
    return out;
  }

}
