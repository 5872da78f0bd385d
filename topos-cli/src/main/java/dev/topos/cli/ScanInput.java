package dev.topos.cli;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.NormalEstimation;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.geometry.io.PlyReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A user's scan file as points with normals: meshes (OBJ, PLY, GLB) are sampled uniformly by area
 * ({@value #SAMPLES} points, interpolated normals); point clouds keep their points (at most
 * {@value #SAMPLES}, drawn at random) and get PCA normals when the file has none.
 */
final class ScanInput {
  static final int SAMPLES = 8192;

  private ScanInput() {}

  static PointCloud read(Path file, long seed) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    PointCloud cloud;
    if (name.endsWith(".ply")) {
      Mesh m = PlyReader.read(file);
      cloud = m.faceCount() > 0 ? sample(m, seed) : PlyReader.readPointCloud(file);
    } else {
      Mesh m = MeshCommand.read(file);
      cloud = m.faceCount() > 0 ? sample(m, seed) : new PointCloud(m.positions(), null);
    }
    if (cloud.size() == 0) {
      throw new IllegalArgumentException(file + ": no points or faces");
    }
    cloud = subsample(cloud, seed);
    if (!cloud.hasNormals()) {
      cloud = new PointCloud(cloud.positions(), NormalEstimation.estimate(cloud.positions(), 12));
    }
    return cloud;
  }

  private static PointCloud sample(Mesh m, long seed) {
    float[] b = m.bounds();
    if (!(b[3] - b[0] > 0 || b[4] - b[1] > 0 || b[5] - b[2] > 0)) {
      throw new IllegalArgumentException("input mesh is degenerate (all vertices coincide)");
    }
    SurfaceSampler sampler = new SurfaceSampler(m);
    if (!(sampler.area() > 0)) {
      throw new IllegalArgumentException("input mesh has no surface area");
    }
    return sampler.samplePoints(SAMPLES, seed, SurfaceSampler.NormalMode.INTERPOLATED);
  }

  private static PointCloud subsample(PointCloud c, long seed) {
    if (c.size() <= SAMPLES) {
      return c;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int n = c.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] p = new float[3 * SAMPLES];
    float[] q = c.hasNormals() ? new float[3 * SAMPLES] : null;
    for (int i = 0; i < SAMPLES; i++) { // partial Fisher-Yates
      int j = i + rng.nextInt(n - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      System.arraycopy(c.positions(), 3 * order[i], p, 3 * i, 3);
      if (q != null) {
        System.arraycopy(c.normals(), 3 * order[i], q, 3 * i, 3);
      }
    }
    return new PointCloud(p, q);
  }
}
