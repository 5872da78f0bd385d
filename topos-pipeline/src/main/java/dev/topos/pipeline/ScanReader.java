package dev.topos.pipeline;

import dev.topos.export.MeshFileReader;
import dev.topos.geometry.CoincidentVertices;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.RepeatedPoints;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.geometry.io.MeshFiles;
import dev.topos.geometry.io.PlyReader;
import dev.topos.geometry.io.XyzReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A user's scan file as points (with normals where the file gives them), in the file's own axes and
 * units: meshes (OBJ, PLY, STL, glTF) have their coincident vertices joined ({@link CoincidentVertices})
 * and are sampled uniformly by area ({@value #SAMPLES} points, normals
 * interpolated from the vertex normals); point clouds keep their points, each position once ({@link
 * RepeatedPoints}; at most {@value #SAMPLES},
 * drawn at random) and their normals if they have any. A point cloud without normals comes back
 * without, and with up to {@value #ESTIMATION_SAMPLES} points: {@link ScanRetopologizer} estimates
 * them, keeps {@value #SAMPLES} points and takes their signs from the model (see {@link dev.topos.nn.vae.NormalSigns}). The same file and seed always
 * give the same points.
 */
public final class ScanReader {
  /** Points taken from a scan (sampled from a mesh, at most this many kept from a point cloud). */
  public static final int SAMPLES = 8192;
  /**
   * Points kept from a point cloud without normals, to estimate them from: normals from denser
   * points are truer, and the encoder reads their signs and directions (session 18: one head's
   * 90,353-point cloud, seeds 0-3, normals estimated on the 8,192 points kept, 2.03-3.78 mm, on
   * 32,768 points 1.60-1.97, on all 1.57-1.81; about 1 s for 32,768 points; PCA normals then, quadric
   * ones since session 19).
   */
  public static final int ESTIMATION_SAMPLES = 32768;
  /** The scan file types, as messages list them. */
  public static final String TYPES = "." + String.join(", .", MeshFileReader.EXTENSIONS) + " (meshes or point clouds) or ."
      + String.join(", .", XyzReader.EXTENSIONS) + " (ASCII points)";

  private ScanReader() {}

  /**
   * Reads a scan.
   *
   * @param file a mesh or point cloud: {@code .obj}, {@code .ply}, {@code .stl}, {@code .glb},
   *     {@code .gltf}, or an ASCII point cloud ({@code .xyz}, {@code .pts}, {@code .asc}, {@code .csv},
   *     {@code .txt}; see {@link XyzReader})
   * @param seed seed of the surface sampling or of the point subsampling
   * @return at most {@value #SAMPLES} points with normals, or at most {@value #ESTIMATION_SAMPLES} points without
   *     when the file is a point cloud without them, in the file's units and axes
   * @throws IllegalArgumentException for a file with no points, a degenerate mesh or one without area
   */
  public static PointCloud read(Path file, long seed) throws IOException {
    String extension = MeshFiles.extension(file);
    if (!MeshFileReader.reads(file) && !XyzReader.reads(file)) {
      throw new IllegalArgumentException(file + ": unsupported scan file type (use " + TYPES + ")");
    }
    PointCloud cloud;
    boolean sampled; // a mesh's samples, not a point cloud's own points
    if (XyzReader.reads(file)) {
      sampled = false;
      cloud = XyzReader.read(file);
    } else if (extension.equals("ply")) {
      // A point-only PLY may carry per-point normals, which only the point-cloud reader keeps.
      Mesh m = PlyReader.read(file);
      sampled = m.faceCount() > 0;
      cloud = sampled ? sample(m, seed) : PlyReader.readPointCloud(file);
    } else {
      Mesh m = MeshFileReader.read(file);
      sampled = m.faceCount() > 0;
      cloud = sampled ? sample(m, seed) : new PointCloud(m.positions(), null);
    }
    if (cloud.size() == 0) {
      throw new IllegalArgumentException(file + ": no points or faces");
    }
    if (cloud.hasNormals() && allZero(cloud.normals())) { // zero normals carry no direction: as none
      cloud = new PointCloud(cloud.positions(), null);
    }
    if (!sampled) { // repeats carry nothing, yet fill the neighbourhoods normals are estimated from
      cloud = RepeatedPoints.drop(cloud);
    }
    // Normals estimated from denser points are truer (ScanRetopologizer subsamples after estimating them).
    return subsample(cloud, cloud.hasNormals() ? SAMPLES : ESTIMATION_SAMPLES, seed);
  }

  /** Whether every value is 0 (normals that carry no direction). */
  static boolean allZero(float[] values) {
    for (float v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private static PointCloud sample(Mesh m, long seed) {
    m = CoincidentVertices.weld(m); // split vertices (a soup, UV seams) would give faceted normals
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

  /** {@code count} points drawn without replacement (a partial Fisher-Yates shuffle), with their normals; all when fewer. */
  static PointCloud subsample(PointCloud c, int count, long seed) {
    if (c.size() <= count) {
      return c;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int n = c.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    float[] p = new float[3 * count];
    float[] q = c.hasNormals() ? new float[3 * count] : null;
    for (int i = 0; i < count; i++) {
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
