// Can the model itself tell a scan's head pose (session 14)? Each validation scan and its true head
// turned about the true head's centroid by `angles` degrees about `axis`; then, for each candidate
// turn back δ in `candidates`, the calibrated feed-forward head of the scan turned by -δ, its mean
// scan-to-surface distance (every scan point, capped at 10 mm; unit frame -> mm) and its per-vertex
// error (mm). Prints per angle: the error at δ = 0, at the δ of least distance, and at the true δ.
// first=64 n=16 axis=x angles=0,5,10 candidates=-12,-10,-8,-6,-4,-2,0,2,4,6,8,10,12
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var cr = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16);
String axis = System.getProperty("axis", "x");
double[] angles = java.util.Arrays.stream(System.getProperty("angles", "0,5,10").split(",")).mapToDouble(Double::parseDouble).toArray();
double[] cands = java.util.Arrays.stream(System.getProperty("candidates", "-12,-10,-8,-6,-4,-2,0,2,4,6,8,10,12").split(",")).mapToDouble(Double::parseDouble).toArray();
var val = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
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
// the scan turned by deg then back by delta (about the true centroid, then the scan's own centroid), its truth likewise
VaeExample prepared(Sample s, double deg, double delta) {
  float[] head = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  double[] c = new double[3];
  for (int i = 0; i < head.length; i++) c[i % 3] += head[i] / (double) V;
  float[] pts = turn(s.scanPoints(), deg, c), nrm = turn(s.scanNormals(), deg, null), h = turn(head, deg, c);
  double[] pc = new double[3];
  for (int i = 0; i < pts.length; i++) pc[i % 3] += pts[i] / (pts.length / 3.0);
  pts = turn(pts, -delta, pc); nrm = turn(nrm, -delta, null); h = turn(h, -delta, pc);
  var cond = ScanConditioning.apply(pts, nrm, Axis.PY, Axis.PZ, Units.M);
  var frame = VaeFrame.of(cond.positions());
  float[] u = frame.toUnit(cond.positions());
  float[] sp = new float[u.length * 2];
  for (int i = 0; i < u.length / 3; i++) { System.arraycopy(u, 3*i, sp, 6*i, 3); System.arraycopy(cond.normals(), 3*i, sp, 6*i+3, 3); }
  return new VaeExample(sp, frame.toUnit(h), t.head().withPositions(h).vertexNormals(), frame, s.scanFamily());
}
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double toSurface(float[] head, VaeExample ex) {
  float[] unitPts = new float[ex.pointCount() * 3]; float[] sp = ex.scanPoints();
  for (int i = 0; i < ex.pointCount(); i++) System.arraycopy(sp, 6 * i, unitPts, 3 * i, 3);
  var surface = new ClosestPointOnMesh(t.head().withPositions(head));
  double cap = 0.010 / ex.frame().scale(), sum = 0;
  for (int i = 0; i < ex.pointCount(); i++) sum += Math.min(cap, surface.closest(unitPts[3*i], unitPts[3*i+1], unitPts[3*i+2]).distance());
  return sum / ex.pointCount() * ex.frame().scale() * 1000;
}
for (double deg : angles) {
  double e0 = 0, eBest = 0, eTrue = 0; StringBuilder picks = new StringBuilder();
  for (int i = 0; i < n; i++) {
    var s = val.get(first + i);
    double best = Double.POSITIVE_INFINITY, bestErr = 0, bestDelta = 0;
    for (double d : cands) {
      var ex = prepared(s, deg, d);
      float[] h = cr.feedForward(ex, first + i).positions();
      double dist = toSurface(h, ex), err = mm(h, ex);
      if (d == 0) e0 += err;
      if (d == deg) eTrue += err;
      if (dist < best) { best = dist; bestErr = err; bestDelta = d; }
    }
    eBest += bestErr; picks.append(String.format(" %.0f", bestDelta));
  }
  System.out.printf("axis %s %.1f deg, heads %d-%d: error at 0 %.3f, at the least distance %.3f, at the truth %.3f | picked:%s%n", axis, deg, first, first + n - 1, e0 / n, eBest / n, eTrue / n, picks);
}
/exit
