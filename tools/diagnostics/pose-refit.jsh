// Can the model's own head sharpen the pose estimate (session 15)? Each validation scan and its true
// head turned about the true head's centroid by `angles` degrees about `axis` (as tilt.jsh); the pose
// first estimated by the mean head's fit (ScanPose.estimate), then `rounds` times: the scan levelled by
// the estimate, its calibrated feed-forward head decoded, and the pose re-estimated by the similarity
// ICP of that head (in place of the mean head) onto the scan as given. Prints per round the mean angle
// between estimate and truth (degrees) and the feed-forward per-vertex error (mm) of the scan levelled
// by it; `samples` surface samples densify the decoded head as the template.
// first=64 n=16 axis=y angles=0,10,20 rounds=3 samples=5000
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.topology.scan.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var cr = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16), rounds = Integer.getInteger("rounds", 3);
int samples = Integer.getInteger("samples", 5000);
String axis = System.getProperty("axis", "y");
double[] angles = java.util.Arrays.stream(System.getProperty("angles", "0,10,20").split(",")).mapToDouble(Double::parseDouble).toArray();
var val = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
var meanFit = new MeanHeadFit(t);
float[] turn(float[] xyz, double deg, double[] c) {
  double a = Math.toRadians(deg), cs = Math.cos(a), sn = Math.sin(a);
  float[] out = new float[xyz.length];
  for (int i = 0; i < xyz.length / 3; i++) {
    double x = xyz[3*i] - (c == null ? 0 : c[0]), y = xyz[3*i+1] - (c == null ? 0 : c[1]), z = xyz[3*i+2] - (c == null ? 0 : c[2]);
    double nx = x, ny = y, nz = z;
    if (axis.equals("x")) { ny = cs * y - sn * z; nz = sn * y + cs * z; }
    else if (axis.equals("y")) { nx = cs * x + sn * z; nz = -sn * x + cs * z; }
    else { nx = cs * x - sn * y; ny = sn * x + cs * y; }
    out[3*i] = (float) (nx + (c == null ? 0 : c[0])); out[3*i+1] = (float) (ny + (c == null ? 0 : c[1])); out[3*i+2] = (float) (nz + (c == null ? 0 : c[2]));
  }
  return out;
}
VaeExample turned(Sample s, double deg) {
  float[] head = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  double[] c = new double[3];
  for (int i = 0; i < head.length; i++) c[i % 3] += head[i] / (double) V;
  float[] h = turn(head, deg, c);
  var cond = ScanConditioning.apply(turn(s.scanPoints(), deg, c), turn(s.scanNormals(), deg, null), Axis.PY, Axis.PZ, Units.M);
  var frame = VaeFrame.of(cond.positions());
  float[] u = frame.toUnit(cond.positions());
  float[] pts = new float[u.length * 2];
  for (int i = 0; i < u.length / 3; i++) { System.arraycopy(u, 3*i, pts, 6*i, 3); System.arraycopy(cond.normals(), 3*i, pts, 6*i+3, 3); }
  return new VaeExample(pts, frame.toUnit(h), t.head().withPositions(h).vertexNormals(), frame, s.scanFamily());
}
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
for (double deg : angles) {
  double[] angErr = new double[rounds + 1], err = new double[rounds + 1];
  double ms = 0;
  for (int i = 0; i < n; i++) {
    var ex = turned(val.get(first + i), deg);
    var cloud = new PointCloud(ex.scanMetres(), ex.scanNormals());
    var est = ScanPose.estimate(meanFit, cloud);
    var truth = axis.equals("x") ? ScanPose.turned(deg, 0, est.pivot()) : ScanPose.turned(0, deg, est.pivot());
    StringBuilder line = new StringBuilder(String.format("  head %d:", first + i));
    for (int r = 0; ; r++) {
      var lev = ex.levelled(est);
      var ff = cr.feedForward(lev, first + i);
      angErr[r] += est.degreesFrom(truth) / n; double e = mm(ff.positions(), lev); err[r] += e / n;
      line.append(String.format(" %.1f/%.2f", est.degreesFrom(truth), e));
      if (r == rounds) break;
      long t0 = System.nanoTime();
      float[] headM = lev.frame().fromUnit(ff.positions()); // levelled frame, metres
      var fit = new MeanHeadFit(new ReferenceTopology(t.head().withPositions(headM), t.regions(), t.mirror(), t.parts(), t.joints(), t.jointCubePositions(), t.landmarks(), t.sourceVertex()),
          new MeanHeadFit.Options(60, 6000, 0.15, 60, samples));
      double[] R = est.rotation(), p = est.pivot(), rp = new double[3];
      for (int a = 0; a < 3; a++) rp[a] = p[a] - (R[3*a] * p[0] + R[3*a+1] * p[1] + R[3*a+2] * p[2]);
      var S = fit.align(cloud, new Similarity(R, 1, rp));
      est = new ScanPose(S.rotation(), p);
      ms += (System.nanoTime() - t0) / 1e6;
    }
    System.out.println(line);
  }
  StringBuilder out = new StringBuilder(String.format("axis %s %5.1f deg, heads %d-%d, angle error / feed-forward mm by round:", axis, deg, first, first + n - 1));
  for (int r = 0; r <= rounds; r++) out.append(String.format(" %.2f/%.3f", angErr[r], err[r]));
  out.append(String.format(" | refit %.0f ms a round", ms / n / Math.max(1, rounds)));
  System.out.println(out);
}
/exit
