package dev.topos.render;

/**
 * The surface seen by one sample, handed to a {@link FragmentShader}.
 *
 * <p>A fragment is a reusable view owned by one rendering task: its values (and the arrays
 * returned by {@link #position()}, {@link #normal()}, {@link #viewDirection()}, {@link #uv()} and
 * {@link #color()}) are valid only during the {@code shade} call and must not be modified.
 */
public final class Fragment {
  private final RenderMesh mesh;
  private final boolean perspective;
  private final double[] eye;
  private final double[] forward;
  private final float[] position = new float[3];
  private final float[] normal = new float[3];
  private final float[] view = new float[3];
  private final float[] uv = new float[2];
  private final float[] color = new float[3];
  private int triangle;
  private float b0;
  private float b1;
  private float b2;
  private float pixelX;
  private float pixelY;

  Fragment(RenderMesh mesh, Camera camera) {
    this.mesh = mesh;
    this.perspective = camera instanceof Camera.Perspective;
    this.eye = camera.pose().eye();
    this.forward = camera.pose().forward();
  }

  /** Sets the fragment to triangle t at barycentrics (b0, b1, b2) seen at base-image pixel (px, py). */
  void set(int t, float b0, float b1, float b2, float px, float py) {
    this.triangle = t;
    this.b0 = b0;
    this.b1 = b1;
    this.b2 = b2;
    this.pixelX = px;
    this.pixelY = py;
    int[] tris = mesh.triangles();
    float[] p = mesh.positions();
    int i0 = 3 * tris[3 * t], i1 = 3 * tris[3 * t + 1], i2 = 3 * tris[3 * t + 2];
    for (int k = 0; k < 3; k++) {
      position[k] = b0 * p[i0 + k] + b1 * p[i1 + k] + b2 * p[i2 + k];
    }
    if (mesh.normals() != null) {
      mesh.normals().interpolate(tris, t, b0, b1, b2, normal, 0);
    } else {
      float ux = p[i1] - p[i0], uy = p[i1 + 1] - p[i0 + 1], uz = p[i1 + 2] - p[i0 + 2];
      float vx = p[i2] - p[i0], vy = p[i2 + 1] - p[i0 + 1], vz = p[i2 + 2] - p[i0 + 2];
      normal[0] = uy * vz - uz * vy;
      normal[1] = uz * vx - ux * vz;
      normal[2] = ux * vy - uy * vx;
    }
    normalize(normal);
    if (perspective) {
      view[0] = (float) (eye[0] - position[0]);
      view[1] = (float) (eye[1] - position[1]);
      view[2] = (float) (eye[2] - position[2]);
      normalize(view);
    } else {
      view[0] = (float) -forward[0];
      view[1] = (float) -forward[1];
      view[2] = (float) -forward[2];
    }
    if (mesh.uvs() != null) {
      mesh.uvs().interpolate(tris, t, b0, b1, b2, uv, 0);
    }
    if (mesh.colors() != null) {
      mesh.colors().interpolate(tris, t, b0, b1, b2, color, 0);
    }
  }

  static void normalize(float[] v) {
    float len = (float) Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (len > 0) {
      v[0] /= len;
      v[1] /= len;
      v[2] /= len;
    }
  }

  /** The mesh being drawn. */
  public RenderMesh mesh() {
    return mesh;
  }

  /** Index of the triangle in {@link RenderMesh#triangles()}. */
  public int triangle() {
    return triangle;
  }

  /** Perspective-correct barycentric weight of corner 0. */
  public float b0() {
    return b0;
  }

  public float b1() {
    return b1;
  }

  public float b2() {
    return b2;
  }

  /** Continuous x of the sample in base-image pixels (centre of pixel i is i + 0.5). */
  public float pixelX() {
    return pixelX;
  }

  /** Continuous y of the sample in base-image pixels. */
  public float pixelY() {
    return pixelY;
  }

  /** World position in metres, [3]. */
  public float[] position() {
    return position;
  }

  /** Unit world-space shading normal (interpolated, or the face normal for meshes without normals), [3]. */
  public float[] normal() {
    return normal;
  }

  /** Unit world-space direction from the surface towards the viewer, [3]. */
  public float[] viewDirection() {
    return view;
  }

  /** Whether the mesh has UVs. */
  public boolean hasUv() {
    return mesh.uvs() != null;
  }

  /** Interpolated UV, [2]; zeros when the mesh has none. */
  public float[] uv() {
    return uv;
  }

  /** Whether the mesh has vertex colours. */
  public boolean hasColor() {
    return mesh.colors() != null;
  }

  /** Interpolated linear RGB vertex colour, [3]; zeros when the mesh has none. */
  public float[] color() {
    return color;
  }

  /** Interpolates {@code mesh().attributes().get(index)} into out[off..off+C-1]. */
  public void attribute(int index, float[] out, int off) {
    mesh.attributes().get(index).interpolate(mesh.triangles(), triangle, b0, b1, b2, out, off);
  }
}
