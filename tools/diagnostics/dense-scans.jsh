// Dense scan meshes and their normals (session 21): heads of the head model (seeds 1..heads), each scanned
// by marching cubes (a training-like mesh, 1.5-3 mm voxels), then made dense: Loop-subdivided once (smooth,
// about four times the triangles), midpoint-subdivided twice (the same faceted surface, sixteen times the
// triangles), and Loop-subdivided with 0.15 mm of noise along the normals (a dense scanner's noise). Each
// is sampled as ScanReader samples a mesh (8,192 points, seed 0) and given normals either as now (the
// mesh's vertex normals, interpolated) or at a fixed scale of the samples: the mean of the face normals
// of 16 x 8,192 dense samples within r = k x s of each point (s = sqrt(area / 8,192), the samples'
// spacing), on the point's side. Mean per-vertex error of retopo's feed-forward answer, mm.
// heads=6 scales=0.5,1,1.5
import dev.topos.geometry.*;
import dev.topos.geometry.io.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
import dev.topos.synth.scan.*;
import dev.topos.topology.*;
import dev.topos.topology.space.*;
int heads = Integer.getInteger("heads", 6);
double[] scales = java.util.Arrays.stream(System.getProperty("scales", "0.5,1,1.5").split(",")).mapToDouble(Double::parseDouble).toArray();
var model = HeadModel.loadBundled();
var t = model.topology();
var vae = ShippedWeights.load(null, t.head());
var retopo = new ScanRetopologizer(vae, t).withCalibration(ShippedWeights.loadCalibration(null)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null));
float[] smoothed(SurfaceSampler sampler, SurfaceSamples s, float[] faceNormals, double k) {
  int n = s.size();
  double spacing = Math.sqrt(sampler.area() / n);
  var dense = sampler.sample(16 * n, 12345, SurfaceSampler.NormalMode.FACE);
  var tree = new KdTree(dense.points().positions());
  float[] dn = dense.points().normals(), p = s.points().positions(), out = new float[3 * n];
  for (int i = 0; i < n; i++) {
    int f = s.triangles()[i];
    double fx = faceNormals[3 * f], fy = faceNormals[3 * f + 1], fz = faceNormals[3 * f + 2];
    double[] sum = new double[3];
    tree.forEachWithinRadius(p[3 * i], p[3 * i + 1], p[3 * i + 2], k * spacing, j -> {
      if (dn[3 * j] * fx + dn[3 * j + 1] * fy + dn[3 * j + 2] * fz > 0) { sum[0] += dn[3 * j]; sum[1] += dn[3 * j + 1]; sum[2] += dn[3 * j + 2]; }
    });
    double len = Math.sqrt(sum[0] * sum[0] + sum[1] * sum[1] + sum[2] * sum[2]);
    for (int c = 0; c < 3; c++) out[3 * i + c] = len > 0 ? (float) (sum[c] / len) : s.points().normals()[3 * i + c];
  }
  return out;
}
double error(PointCloud cloud, float[] truth) {
  var r = retopo.retopologize(ScanRetopologizer.prepare(cloud, ScanRetopologizer.Options.DEFAULT));
  return Metrics.perVertexError(r.head().positions(), truth).meanMm();
}
String[] names = {"mc", "loop1", "mid2", "loop1+noise"};
double[][] sums = new double[names.length][1 + scales.length];
for (int h = 1; h <= heads; h++) {
  var head = model.sample(h);
  Mesh mc = CoincidentVertices.weld(new ScanSimulator(t, ScanOptions.defaults()).simulate(head.headMesh(), h, ScanFamily.MARCHING_CUBES).mesh());
  Mesh loop = Subdivision.apply(mc, Subdivision.Scheme.LOOP);
  Mesh[] variants = {mc, loop, Subdivision.apply(Subdivision.apply(mc, Subdivision.Scheme.MIDPOINT), Subdivision.Scheme.MIDPOINT),
      NormalNoise.apply(loop, 0.00015, 0, 0, new java.util.SplittableRandom(h))};
  for (int v = 0; v < variants.length; v++) {
    var sampler = new SurfaceSampler(variants[v]);
    var samples = sampler.sample(ScanReader.SAMPLES, 0, SurfaceSampler.NormalMode.INTERPOLATED);
    float[] fn = Normals.triangleNormals(variants[v].positions(), sampler.triangles());
    StringBuilder line = new StringBuilder(String.format("head %d %-12s %,9d tris  s %.2f mm  now %.3f", h, names[v], sampler.triangles().length / 3,
        1000 * Math.sqrt(sampler.area() / ScanReader.SAMPLES), error(samples.points(), head.headPositions())));
    sums[v][0] += error(samples.points(), head.headPositions());
    for (int k = 0; k < scales.length; k++) {
      double e = error(new PointCloud(samples.points().positions(), smoothed(sampler, samples, fn, scales[k])), head.headPositions());
      sums[v][k + 1] += e;
      line.append(String.format("  r=%.1fs %.3f", scales[k], e));
    }
    System.out.println(line);
  }
}
for (int v = 0; v < names.length; v++) {
  StringBuilder line = new StringBuilder(String.format("mean %-12s now %.3f", names[v], sums[v][0] / heads));
  for (int k = 0; k < scales.length; k++) line.append(String.format("  r=%.1fs %.3f", scales[k], sums[v][k + 1] / heads));
  System.out.println(line);
}
/exit
