package dev.topos.pipeline;

import dev.topos.export.GlbReader;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.io.PlyReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A user's scan file as points (with normals where the file gives them), in the file's own axes and
 * units: meshes (OBJ, PLY, GLB) are sampled uniformly by area ({@value #SAMPLES} points, normals
 * interpolated from the vertex normals); point clouds keep their points (at most {@value #SAMPLES},
 * drawn at random) and their normals if they have any. A point cloud without normals comes back
 * without: {@link ScanRetopologizer} estimates them and takes their signs from the model, which
 * needs the model (see {@link dev.topos.nn.vae.NormalSigns}). The same file and seed always
 * give the same points.
 */
public final class ScanReader {
  /** Points taken from a scan (sampled from a mesh, at most this many kept from a point cloud). */
  public static final int SAMPLES = 8192;
  private ScanReader() {}

  /**
   * Reads a scan.
   *
   * @param file {@code .obj}, {@code .ply} (mesh or point cloud) or {@code .glb}
   * @param seed seed of the surface sampling or of the point subsampling
   * @return at most {@value #SAMPLES} points, with normals unless the file is a point cloud without them, in the file's units and axes
   * @throws IllegalArgumentException for a file with no points, a degenerate mesh or one without area
   */
  public static PointCloud read(Path file, long seed) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!name.endsWith(".ply") && !name.endsWith(".obj") && !name.endsWith(".glb")) {
      throw new IllegalArgumentException(file + ": unsupported scan file type (use .obj, .ply or .glb)");
    }
    PointCloud cloud;
    if (name.endsWith(".ply")) {
      // A point-only PLY may carry per-point normals, which only the point-cloud reader keeps.
      Mesh m = PlyReader.read(file);
      cloud = m.faceCount() > 0 ? sample(m, seed) : PlyReader.readPointCloud(file);
    } else {
      Mesh m = name.endsWith(".glb") ? GlbReader.read(file) : MeshFiles.read(file);
      cloud = m.faceCount() > 0 ? sample(m, seed) : new PointCloud(m.positions(), null);
    }
    if (cloud.size() == 0) {
      throw new IllegalArgumentException(file + ": no points or faces");
    }
    return subsample(cloud, seed);
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

  /** {@value #SAMPLES} points drawn without replacement (a partial Fisher-Yates shuffle); all when fewer. */
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
    for (int i = 0; i < SAMPLES; i++) {
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
