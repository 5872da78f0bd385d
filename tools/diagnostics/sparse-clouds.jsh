// Sparse point clouds without normals (session 18): random subsets of the demo scan's vertices
// (a marching-cubes head, `bin/topos demo`; file=PLY of its points, truth=the demo's head OBJ) of
// several sizes, each through ScanRetopologizer as retopo runs it; mean per-vertex error (mm) over
// 3 subsets per size. file=/tmp/probe/in/cloud.ply truth=/tmp/probe/demo/head-seed1.obj
import dev.topos.geometry.*;
import dev.topos.geometry.io.*;
import dev.topos.pipeline.*;
import dev.topos.nn.vae.*;
import dev.topos.topology.*;
var t = ReferenceTopology.loadBundled();
var vae = ShippedWeights.load(null, t.head());
var sr = new ScanRetopologizer(vae, t).withCalibration(ShippedWeights.loadCalibration(null)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null));
float[] gt = java.util.Arrays.copyOf(MeshFiles.read(java.nio.file.Path.of(System.getProperty("truth", "/tmp/probe/demo/head-seed1.obj"))).positions(), 3 * t.vertexCount());
double err(float[] p) { double s = 0; int V = t.vertexCount(); for (int v = 0; v < V; v++) { double d2 = 0; for (int q = 0; q < 3; q++) { double d = p[3*v+q]-gt[3*v+q]; d2 += d*d; } s += Math.sqrt(d2); } return 1000 * s / V; }
var full = PlyReader.readPointCloud(java.nio.file.Path.of(System.getProperty("file", "/tmp/probe/in/cloud.ply")));
for (int size : new int[]{150, 300, 600, 1000, 2000, 4000, 8192}) {
  StringBuilder line = new StringBuilder(size + " points:");
  double sum = 0;
  for (long seed = 0; seed < 3; seed++) {
    var rng = new java.util.SplittableRandom(100 + seed); int n = full.size(); int[] idx = new int[n]; for (int i = 0; i < n; i++) idx[i] = i;
    float[] p = new float[3 * size];
    for (int i = 0; i < size; i++) { int j = i + rng.nextInt(n - i); int tmp = idx[i]; idx[i] = idx[j]; idx[j] = tmp; System.arraycopy(full.positions(), 3*idx[i], p, 3*i, 3); }
    double e = err(sr.retopologize(new PointCloud(p, null), ScanRetopologizer.Options.DEFAULT.withSeed(seed)).head().positions());
    sum += e; line.append(String.format(" %.2f", e));
  }
  System.out.println(line.append(String.format(" | mean %.2f mm", sum / 3)));
}
/exit
