package dev.topos.synth.albedo;

import dev.topos.geometry.Mesh;
import dev.topos.render.Texture;

/**
 * Albedo of the eyeballs: white sclera, an iris ring of the person's iris colour with radial
 * fibres, a lighter collarette and a dark limbal ring, and a black pupil.
 *
 * <p><b>Why not the eye part's own UVs.</b> In the MakeHuman layout each eyeball is a 72-vertex
 * sphere whose UVs occupy about 0.025 x 0.025 of the atlas (front hemisphere a disc of radius
 * about 0.006 near u = 0.766, v = 0.95), so even a 1024-texel texture would give the whole iris a
 * few texels. Instead the eye is painted as a function of the angle theta from the eye's forward
 * axis (and the azimuth phi around it), and offered two ways:
 *
 * <ul>
 *   <li>{@link #texture} with {@link #uvs} (per-vertex UVs, an azimuthal equidistant projection
 *       about the forward axis: {@code (u, v) = 0.5 + 0.5 (theta / pi) (cos phi, sin phi)}, phi
 *       measured from the head's +X towards +Y), for a sharp iris;
 *   <li>{@link #vertexColors}, one linear RGB colour per vertex (iris and pupil smeared over the
 *       coarse rings of the low-poly eye), when a mesh's UVs cannot be replaced.
 * </ul>
 *
 * <p>The forward axis of an eye mesh is the mean direction, from the mesh's centroid, of its
 * vertices within 30 degrees of +Z (the front cap), i.e. the mesh's own pole, which points within a
 * few degrees of +Z. The iris spans theta &lt; {@value #LIMBUS_RAD} rad (an 11.8 mm iris on the
 * 15.5 mm-radius MakeHuman eyeball), the pupil theta &lt; {@value #PUPIL_RAD} rad.
 */
public final class EyeAlbedo {
  /** Angular radius of the iris (limbus), radians. */
  public static final float LIMBUS_RAD = 0.39f;
  /** Angular radius of the pupil, radians. */
  public static final float PUPIL_RAD = 0.12f;

  private static final float[] SCLERA = {0.70f, 0.64f, 0.58f};
  private static final float[] PUPIL = {0.012f, 0.011f, 0.012f};

  private EyeAlbedo() {}

  /**
   * Linear RGB iris colour: a Tyndall-scattering (blue) stroma attenuated by melanin (brown) and
   * pheomelanin (yellow), over a dark brown layer.
   */
  public static float[] irisRgb(double melanin, double pheomelanin) {
    double[] scatter = {0.12, 0.22, 0.42};
    double[] eu = {0.35, 0.6, 1.0};
    double[] ph = {0.15, 0.35, 1.0};
    double[] back = {0.05, 0.025, 0.01};
    float[] out = new float[3];
    for (int c = 0; c < 3; c++) {
      double a = 6 * melanin * eu[c] + 3 * pheomelanin * ph[c];
      out[c] = (float) (scatter[c] * StrictMath.exp(-a) + melanin * back[c]);
    }
    return out;
  }

  /**
   * The eye texture in the {@link #uvs} layout, linear RGB, {@code size x size},
   * {@link Texture.Wrap#CLAMP}. Depends only on the iris parameters of {@code p}.
   */
  public static Texture texture(AlbedoParams p, int size) {
    float[] iris = irisRgb(p.irisMelanin(), p.irisPheomelanin());
    GradientNoise fibres = new GradientNoise(Double.doubleToLongBits(p.irisMelanin()) * 31
        + Double.doubleToLongBits(p.irisPheomelanin()));
    float[] rgb = new float[3 * size * size];
    for (int j = 0; j < size; j++) {
      float v = 1 - (j + 0.5f) / size;
      for (int i = 0; i < size; i++) {
        float u = (i + 0.5f) / size;
        float dx = u - 0.5f;
        float dy = v - 0.5f;
        float theta = (float) (2 * Math.PI * Math.sqrt(dx * dx + dy * dy));
        float phi = (float) StrictMath.atan2(dy, dx);
        shade(iris, fibres, theta, phi, rgb, 3 * (j * size + i));
      }
    }
    return new Texture(size, size, rgb, Texture.Wrap.CLAMP);
  }

  /** Colour at angle theta from the forward axis and azimuth phi (radians). */
  private static void shade(float[] iris, GradientNoise fibres, float theta, float phi, float[] out, int off) {
    float irisW = FaceZones.smoothstep(LIMBUS_RAD + 0.02f, LIMBUS_RAD - 0.02f, theta);
    float pupilW = FaceZones.smoothstep(PUPIL_RAD + 0.012f, PUPIL_RAD - 0.012f, theta);
    float r = theta / LIMBUS_RAD; // 0 centre .. 1 limbus
    // Radial fibres: noise around the circle (seamless: on a circle of radius 3 in the plane).
    float cx = (float) StrictMath.cos(phi) * 3;
    float cy = (float) StrictMath.sin(phi) * 3;
    float f = fibres.noise(cx * 4, cy * 4, r * 1.5f) + 0.5f * fibres.noise(cx * 9, cy * 9, r * 3 + 7);
    float collarette = FaceZones.gauss((r - 0.45f) * (r - 0.45f) / 0.006f);
    float limbal = FaceZones.smoothstep(0.7f, 1.0f, r);
    float shadeIris = (1 + 0.9f * f) * (1 + 0.35f * collarette) * (1 - 0.55f * limbal);
    for (int c = 0; c < 3; c++) {
      float irisC = Math.max(0, Math.min(1, iris[c] * shadeIris));
      float col = irisW * irisC + (1 - irisW) * SCLERA[c];
      out[off + c] = pupilW * PUPIL[c] + (1 - pupilW) * col;
    }
  }

  /** Per-vertex UVs of an eye mesh in the {@link #texture} layout, [V*2]. */
  public static float[] uvs(Mesh eye) {
    float[] frame = frame(eye);
    float[] p = eye.positions();
    int n = eye.vertexCount();
    float[] out = new float[2 * n];
    for (int i = 0; i < n; i++) {
      float[] tp = thetaPhi(frame, p, i);
      out[2 * i] = (float) (0.5 + 0.5 * tp[0] / Math.PI * StrictMath.cos(tp[1]));
      out[2 * i + 1] = (float) (0.5 + 0.5 * tp[0] / Math.PI * StrictMath.sin(tp[1]));
    }
    return out;
  }

  /**
   * One linear RGB colour per vertex of an eye mesh, [V*3]: the eye's colour averaged over
   * +/-0.12 rad of theta around the vertex, so the coarse rings still show a dark centre, the iris
   * and the sclera.
   */
  public static float[] vertexColors(AlbedoParams p, Mesh eye) {
    float[] iris = irisRgb(p.irisMelanin(), p.irisPheomelanin());
    GradientNoise fibres = new GradientNoise(0);
    float[] frame = frame(eye);
    float[] pos = eye.positions();
    int n = eye.vertexCount();
    float[] out = new float[3 * n];
    float[] c = new float[3];
    for (int i = 0; i < n; i++) {
      float[] tp = thetaPhi(frame, pos, i);
      for (int s = -2; s <= 2; s++) {
        shade(iris, fibres, Math.max(0, tp[0] + 0.06f * s), tp[1], c, 0);
        for (int k = 0; k < 3; k++) {
          out[3 * i + k] += c[k] / 5;
        }
      }
    }
    return out;
  }

  /** {centre xyz, forward xyz, e1 xyz, e2 xyz} of an eye mesh. */
  private static float[] frame(Mesh eye) {
    float[] p = eye.positions();
    int n = eye.vertexCount();
    double cx = 0;
    double cy = 0;
    double cz = 0;
    for (int i = 0; i < n; i++) {
      cx += p[3 * i];
      cy += p[3 * i + 1];
      cz += p[3 * i + 2];
    }
    cx /= n;
    cy /= n;
    cz /= n;
    double fx = 0;
    double fy = 0;
    double fz = 0;
    for (int i = 0; i < n; i++) {
      double dx = p[3 * i] - cx;
      double dy = p[3 * i + 1] - cy;
      double dz = p[3 * i + 2] - cz;
      double len = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (len > 0 && dz / len > StrictMath.cos(Math.toRadians(30))) {
        fx += dx / len;
        fy += dy / len;
        fz += dz / len;
      }
    }
    double fl = Math.sqrt(fx * fx + fy * fy + fz * fz);
    if (fl == 0) {
      fx = 0;
      fy = 0;
      fz = 1;
      fl = 1;
    }
    fx /= fl;
    fy /= fl;
    fz /= fl;
    // e1: +X made orthogonal to forward; e2 = forward x e1 (about +Y).
    double ex = 1 - fx * fx;
    double ey = -fx * fy;
    double ez = -fx * fz;
    double el = Math.sqrt(ex * ex + ey * ey + ez * ez);
    ex /= el;
    ey /= el;
    ez /= el;
    double gx = fy * ez - fz * ey;
    double gy = fz * ex - fx * ez;
    double gz = fx * ey - fy * ex;
    return new float[] {(float) cx, (float) cy, (float) cz, (float) fx, (float) fy, (float) fz,
        (float) ex, (float) ey, (float) ez, (float) gx, (float) gy, (float) gz};
  }

  /** {theta, phi} of vertex i. */
  private static float[] thetaPhi(float[] f, float[] p, int i) {
    double dx = p[3 * i] - f[0];
    double dy = p[3 * i + 1] - f[1];
    double dz = p[3 * i + 2] - f[2];
    double a = dx * f[3] + dy * f[4] + dz * f[5];
    double b = dx * f[6] + dy * f[7] + dz * f[8];
    double c = dx * f[9] + dy * f[10] + dz * f[11];
    return new float[] {(float) StrictMath.atan2(Math.sqrt(b * b + c * c), a), (float) StrictMath.atan2(c, b)};
  }
}
