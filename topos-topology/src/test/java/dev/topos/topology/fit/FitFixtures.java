package dev.topos.topology.fit;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.Similarity;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import java.util.Arrays;
import java.util.Random;

/**
 * Shared, lazily built test fixtures (the head model and the ~4 s linear-space basis are built once
 * per JVM) and the synthetic scans of the acceptance tests: a head sampled from the model, in metres,
 * moved by a known similarity.
 */
final class FitFixtures {
  /** The sampled head every acceptance test uses. */
  static final long SEED = 5;
  /** Standard deviation of the noise added to vertex scans, metres (0.2 mm). */
  static final double NOISE_M = 0.0002;
  /** Points sampled on the surface for surface scans. */
  static final int SURFACE_POINTS = 40_000;
  /** Where the back of the head is cut off in the partial scans: points with z below this go, metres. */
  static final double BACK_CUT_Z = -0.03;
  /** The true translation of the scans, metres. */
  static final double[] TRUE_TRANSLATION = {0.01, -0.02, 0.015};
  /** The true scale of the scans. */
  static final double TRUE_SCALE = 1.03;
  /** The true rotation of the scans about +Y, degrees. */
  static final double TRUE_YAW_DEGREES = 5;

  private static HeadModel model;
  private static LinearSpaceFit linear;

  private FitFixtures() {}

  static synchronized HeadModel model() {
    if (model == null) {
      model = HeadModel.loadBundled();
    }
    return model;
  }

  /** The linear-space fit with default options (its basis is shared by every test). */
  static synchronized LinearSpaceFit linear() {
    if (linear == null) {
      linear = new LinearSpaceFit(model());
    }
    return linear;
  }

  /** The mean-head alignment with default options (the one the linear fit starts from). */
  static MeanHeadFit mean() {
    return linear().alignment();
  }

  /** The transform applied to every test scan: 5 degrees about +Y, scale 1.03, translation (0.01, -0.02, 0.015) m. */
  static Similarity truth() {
    double a = Math.toRadians(TRUE_YAW_DEGREES);
    double c = Math.cos(a);
    double s = Math.sin(a);
    return new Similarity(new double[] {c, 0, s, 0, 1, 0, -s, 0, c}, TRUE_SCALE, TRUE_TRANSLATION);
  }

  static HeadShape head() {
    return model().sample(SEED);
  }

  /** The head's vertices plus Gaussian noise of {@link #NOISE_M}, with its vertex normals (head frame). */
  static PointCloud vertexScan(HeadShape head) {
    float[] p = head.headPositions();
    Random random = new Random(SEED);
    for (int i = 0; i < p.length; i++) {
      p[i] += (float) (NOISE_M * random.nextGaussian());
    }
    return new PointCloud(p, head.headMesh().vertexNormals());
  }

  /** {@link #SURFACE_POINTS} area-uniform points on the head's surface with interpolated normals (head frame). */
  static PointCloud surfaceScan(HeadShape head) {
    Mesh mesh = head.headMesh();
    return SurfaceSampler.sample(mesh, SURFACE_POINTS, SEED, SurfaceSampler.NormalMode.INTERPOLATED).points();
  }

  /** The points with z at least {@link #BACK_CUT_Z} (the back of the head removed). */
  static PointCloud withoutBack(PointCloud scan) {
    float[] p = scan.positions();
    float[] n = scan.normals();
    float[] kp = new float[p.length];
    float[] kn = new float[p.length];
    int k = 0;
    for (int i = 0; i < p.length; i += 3) {
      if (p[i + 2] >= BACK_CUT_Z) {
        System.arraycopy(p, i, kp, k, 3);
        System.arraycopy(n, i, kn, k, 3);
        k += 3;
      }
    }
    return new PointCloud(Arrays.copyOf(kp, k), Arrays.copyOf(kn, k));
  }

  /** The scan moved by a similarity (normals rotated). */
  static PointCloud moved(PointCloud scan, Similarity t) {
    Similarity rotation = new Similarity(t.rotation(), 1, new double[3]);
    return new PointCloud(t.apply(scan.positions()), scan.normals() == null ? null : rotation.apply(scan.normals()));
  }

  /** The scan moved by {@link #truth()}. */
  static PointCloud moved(PointCloud scan) {
    return moved(scan, truth());
  }

  /** Euclidean distance between two translations, millimetres. */
  static double distanceMm(double[] a, double[] b) {
    double dx = a[0] - b[0];
    double dy = a[1] - b[1];
    double dz = a[2] - b[2];
    return Math.sqrt(dx * dx + dy * dy + dz * dz) * 1000;
  }
}
