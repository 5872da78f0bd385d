package dev.topos.synth.albedo;

import dev.topos.geometry.Mesh;
import dev.topos.render.Camera;
import dev.topos.render.Rasterizer;
import dev.topos.render.RenderSettings;
import dev.topos.render.VertexAttribute;
import dev.topos.render.VisibilityBuffer;
import java.util.Arrays;

/**
 * A mesh's UV layout rasterized into a square texture: which texels lie inside a UV island, on
 * which triangle and where, so that any per-vertex quantity (3-D position, normal, region label,
 * distance field) can be interpolated into texture space once and reused.
 *
 * <p>Texel (i, j) is column i, row j with row 0 at the top, index {@code j * size + i}; its centre
 * is at {@code u = (i + 0.5) / size}, {@code v = 1 - (j + 0.5) / size}, as in
 * {@link dev.topos.render.Texture}. A texel is <em>inside</em> when its centre is covered by a UV
 * triangle (the rasterizer's top-left rule; where islands overlap the first triangle wins).
 * Inside texels are listed in increasing texel index; arrays "per inside texel" follow that order.
 *
 * <p><b>Padding.</b> Texels outside every island but within {@link #padding()} texels
 * (8-neighbourhood rings) of one copy the value of their nearest inside texel
 * ({@link #dilate}), so bilinear sampling and mip-mapping at island borders and seams never pick up
 * the background. Immutable.
 */
public final class UvSurface {
  private final int size;
  private final int padding;
  private final int[] texel;
  private final int[] triangle;
  private final float[] barycentric;
  private final int[] vertexTriangles;
  private final int[] padTarget;
  private final int[] padSource;
  private final float mmPerTexel;

  /**
   * Rasterizes the UV layout of {@code mesh} (which must have UVs).
   *
   * @param size texture side in texels
   * @param padding rings of background texels to fill from the nearest island texel
   */
  public UvSurface(Mesh mesh, int size, int padding) {
    if (!mesh.hasUvs()) {
      throw new IllegalArgumentException("mesh has no UVs");
    }
    if (size < 8 || padding < 0) {
      throw new IllegalArgumentException("need size >= 8 and padding >= 0: " + size + ", " + padding);
    }
    this.size = size;
    this.padding = padding;
    float[] uv = mesh.uvs();
    float[] flat = new float[uv.length / 2 * 3];
    for (int i = 0; i < uv.length / 2; i++) {
      flat[3 * i] = uv[2 * i];
      flat[3 * i + 1] = uv[2 * i + 1];
    }
    int[] uvTriangles = mesh.triangulateCorners(mesh.faceUvs());
    this.vertexTriangles = mesh.triangles();
    Camera camera = Camera.orthographic(new double[] {0.5, 0.5, 1}, new double[] {0.5, 0.5, 0},
        new double[] {0, 1, 0}, 1.0, size, size);
    VisibilityBuffer vb = new Rasterizer(new RenderSettings(1, false, 1e-3, 1)).rasterize(camera, flat, uvTriangles);
    int n = size * size;
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (vb.triangleId()[i] >= 0) {
        count++;
      }
    }
    texel = new int[count];
    triangle = new int[count];
    barycentric = new float[3 * count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      int t = vb.triangleId()[i];
      if (t >= 0) {
        texel[k] = i;
        triangle[k] = t;
        System.arraycopy(vb.barycentrics(), 3 * i, barycentric, 3 * k, 3);
        k++;
      }
    }
    int[][] pad = dilation(size, padding, texel);
    padTarget = pad[0];
    padSource = pad[1];
    mmPerTexel = meanMmPerTexel(mesh, uvTriangles, size);
  }

  /** Breadth-first rings around the inside texels: (targets, sources) in fill order. */
  private static int[][] dilation(int size, int rings, int[] inside) {
    int[] source = new int[size * size];
    Arrays.fill(source, -1);
    for (int t : inside) {
      source[t] = t;
    }
    int[] frontier = inside.clone();
    int[] targets = new int[0];
    int[] sources = new int[0];
    for (int r = 0; r < rings && frontier.length > 0; r++) {
      int[] next = new int[frontier.length * 2 + 16];
      int count = 0;
      for (int t : frontier) {
        int x = t % size;
        int y = t / size;
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int nx = x + dx;
            int ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= size || ny >= size) {
              continue;
            }
            int nt = ny * size + nx;
            if (source[nt] < 0) {
              source[nt] = source[t];
              if (count == next.length) {
                next = Arrays.copyOf(next, 2 * next.length);
              }
              next[count++] = nt;
            }
          }
        }
      }
      frontier = Arrays.copyOf(next, count);
      int old = targets.length;
      targets = Arrays.copyOf(targets, old + count);
      sources = Arrays.copyOf(sources, old + count);
      for (int i = 0; i < count; i++) {
        targets[old + i] = frontier[i];
        sources[old + i] = source[frontier[i]];
      }
    }
    return new int[][] {targets, sources};
  }

  /** Square root of (3-D area / texel area) over the whole mesh, in millimetres per texel. */
  private static float meanMmPerTexel(Mesh mesh, int[] uvTriangles, int size) {
    float[] p = mesh.positions();
    float[] uv = mesh.uvs();
    int[] tv = mesh.triangles();
    double area3 = 0;
    double area2 = 0;
    for (int i = 0; i < tv.length; i += 3) {
      double[] e1 = new double[3];
      double[] e2 = new double[3];
      for (int c = 0; c < 3; c++) {
        e1[c] = p[3 * tv[i + 1] + c] - p[3 * tv[i] + c];
        e2[c] = p[3 * tv[i + 2] + c] - p[3 * tv[i] + c];
      }
      double cx = e1[1] * e2[2] - e1[2] * e2[1];
      double cy = e1[2] * e2[0] - e1[0] * e2[2];
      double cz = e1[0] * e2[1] - e1[1] * e2[0];
      area3 += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
      int a = uvTriangles[i];
      int b = uvTriangles[i + 1];
      int c = uvTriangles[i + 2];
      area2 += 0.5 * Math.abs((uv[2 * b] - uv[2 * a]) * (uv[2 * c + 1] - uv[2 * a + 1])
          - (uv[2 * c] - uv[2 * a]) * (uv[2 * b + 1] - uv[2 * a + 1]));
    }
    return (float) (1000 * Math.sqrt(area3 / area2) / size);
  }

  /** Texture side in texels. */
  public int size() {
    return size;
  }

  /** Rings of padding texels filled by {@link #dilate}. */
  public int padding() {
    return padding;
  }

  /** Number of inside texels K. */
  public int insideCount() {
    return texel.length;
  }

  /** Texel index of inside texel k. */
  public int texel(int k) {
    return texel[k];
  }

  /** A fresh copy of the texel indices of all inside texels, [K], increasing. */
  public int[] insideTexels() {
    return texel.clone();
  }

  /** A fresh boolean mask over all texels, [size*size]: true inside a UV island. */
  public boolean[] insideMask() {
    boolean[] mask = new boolean[size * size];
    for (int t : texel) {
      mask[t] = true;
    }
    return mask;
  }

  /**
   * Mean surface length per texel over the mesh, millimetres (the mesh's positions are metres);
   * the finest spatial scale the texture resolves is about twice this.
   */
  public float mmPerTexel() {
    return mmPerTexel;
  }

  /**
   * Interpolates per-vertex data (indexed like the mesh's positions) at every inside texel.
   *
   * @param perVertex [V*C]
   * @param components C
   * @return [K*C]
   */
  public float[] interpolate(float[] perVertex, int components) {
    VertexAttribute a = VertexAttribute.perVertex(perVertex, components);
    float[] out = new float[texel.length * components];
    for (int k = 0; k < texel.length; k++) {
      a.interpolate(vertexTriangles, triangle[k], barycentric[3 * k], barycentric[3 * k + 1],
          barycentric[3 * k + 2], out, components * k);
    }
    return out;
  }

  /**
   * Fills the padding texels of a row-major map [size*size*C] in place from their nearest inside
   * texel.
   */
  public void dilate(float[] map, int components) {
    for (int i = 0; i < padTarget.length; i++) {
      System.arraycopy(map, components * padSource[i], map, components * padTarget[i], components);
    }
  }

  /** A fresh mask over all texels, [size*size]: true inside an island or in its padding. */
  public boolean[] coveredMask() {
    boolean[] mask = insideMask();
    for (int t : padTarget) {
      mask[t] = true;
    }
    return mask;
  }
}
