package dev.topos.geometry;

import java.util.SplittableRandom;

/**
 * Area-uniform random points on a mesh surface: each sample picks a triangle with probability
 * proportional to its area (binary search in the cumulative areas) and a uniform point in it
 * (square-root trick: with r = sqrt(u1), barycentrics (1 - r, r (1 - u2), r u2)). Polygons are
 * fan-triangulated ({@link Mesh#triangles()}); zero-area triangles are never picked.
 *
 * <p>Deterministic: the same mesh, count and seed give bit-identical output
 * ({@link SplittableRandom} seeded with {@code seed}, three draws per sample in order).
 * Immutable after construction; safe to share across threads.
 */
public final class SurfaceSampler {

  /** Which normal each sample gets. */
  public enum NormalMode {
    /** The unit normal of the sample's triangle (flat shading; exact for the surface sampled). */
    FACE,
    /**
     * The barycentric blend of the area-weighted vertex normals computed from the positions
     * ({@link Mesh#vertexNormals()}; normals stored in the mesh are not used), renormalised;
     * falls back to the face normal where the blend vanishes.
     */
    INTERPOLATED
  }

  private final float[] positions;
  private final int[] triangles;
  private final double[] cumulativeArea; // [T], cumulativeArea[t] = area of triangles 0..t
  private final float[] faceNormals;
  private final float[] vertexNormals;

  /** A sampler over the fan triangulation of the mesh. */
  public SurfaceSampler(Mesh mesh) {
    this(mesh.positions(), mesh.triangles());
  }

  /**
   * A sampler over a triangle list.
   *
   * @param positions [V*3], metres (not copied; do not modify)
   * @param triangles [T*3] vertex indices
   * @throws IllegalArgumentException if the total area is zero
   */
  public SurfaceSampler(float[] positions, int[] triangles) {
    this.positions = positions;
    this.triangles = triangles;
    int n = triangles.length / 3;
    cumulativeArea = new double[n];
    double total = 0;
    for (int t = 0; t < n; t++) {
      total += area(t);
      cumulativeArea[t] = total;
    }
    if (!(total > 0) || Double.isInfinite(total)) {
      throw new IllegalArgumentException("the mesh has no finite surface area to sample (area " + total + ")");
    }
    faceNormals = Normals.triangleNormals(positions, triangles);
    vertexNormals = Normals.vertexNormals(positions, triangles);
  }

  private double area(int t) {
    return Normals.triangleArea(positions, triangles, t);
  }

  /** Total surface area, square metres. */
  public double area() {
    return cumulativeArea[cumulativeArea.length - 1];
  }

  /** The triangle list samples refer to, [T*3]; do not modify. */
  public int[] triangles() {
    return triangles;
  }

  /** Samples {@code count} points on a mesh; see {@link #sample(int, long, NormalMode)}. */
  public static SurfaceSamples sample(Mesh mesh, int count, long seed, NormalMode mode) {
    return new SurfaceSampler(mesh).sample(count, seed, mode);
  }

  /** Just the points and normals of {@link #sample(int, long, NormalMode)}. */
  public PointCloud samplePoints(int count, long seed, NormalMode mode) {
    return sample(count, seed, mode).points();
  }

  /**
   * Samples {@code count} points uniformly by area.
   *
   * @param count number of samples, >= 0
   * @param seed random seed; equal seeds give identical samples
   * @param mode which normal the samples get
   */
  public SurfaceSamples sample(int count, long seed, NormalMode mode) {
    if (count < 0) {
      throw new IllegalArgumentException("count = " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] xyz = new float[3 * count];
    float[] nrm = new float[3 * count];
    int[] tri = new int[count];
    float[] bary = new float[3 * count];
    double total = area();
    for (int i = 0; i < count; i++) {
      int t = pick(random.nextDouble() * total);
      double r = Math.sqrt(random.nextDouble());
      double u2 = random.nextDouble();
      double b0 = 1 - r;
      double b1 = r * (1 - u2);
      double b2 = r * u2;
      int a = 3 * triangles[3 * t];
      int b = 3 * triangles[3 * t + 1];
      int c = 3 * triangles[3 * t + 2];
      double nx = 0;
      double ny = 0;
      double nz = 0;
      if (mode == NormalMode.INTERPOLATED) {
        nx = b0 * vertexNormals[a] + b1 * vertexNormals[b] + b2 * vertexNormals[c];
        ny = b0 * vertexNormals[a + 1] + b1 * vertexNormals[b + 1] + b2 * vertexNormals[c + 1];
        nz = b0 * vertexNormals[a + 2] + b1 * vertexNormals[b + 2] + b2 * vertexNormals[c + 2];
      }
      double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (len < 1e-12) {
        nx = faceNormals[3 * t];
        ny = faceNormals[3 * t + 1];
        nz = faceNormals[3 * t + 2];
        len = 1;
      }
      for (int k = 0; k < 3; k++) {
        xyz[3 * i + k] = (float) (b0 * positions[a + k] + b1 * positions[b + k] + b2 * positions[c + k]);
      }
      nrm[3 * i] = (float) (nx / len);
      nrm[3 * i + 1] = (float) (ny / len);
      nrm[3 * i + 2] = (float) (nz / len);
      tri[i] = t;
      bary[3 * i] = (float) b0;
      bary[3 * i + 1] = (float) b1;
      bary[3 * i + 2] = (float) b2;
    }
    return new SurfaceSamples(new PointCloud(xyz, nrm), tri, bary);
  }

  /** The first triangle whose cumulative area exceeds x, so zero-area triangles are never picked. */
  private int pick(double x) {
    int lo = 0;
    int hi = cumulativeArea.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulativeArea[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    // Only if rounding made x reach the total: step back over a zero-area tail.
    while (lo > 0 && cumulativeArea[lo] == cumulativeArea[lo - 1]) {
      lo--;
    }
    return lo;
  }
}
