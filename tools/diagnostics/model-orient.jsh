// Signs of PCA normals taken from the decoded head, pass after pass (session 18; chose NormalSigns):
// mincos=|cos| needed, maxdist=metres, passes=N, start=PROPAGATED|FROM_CENTROID, n=20 test scans (split=val for validation scans).
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "test")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int q = 0; q < 3; q++) { double d = head[3*v+q] - truth[3*v+q]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double wrongSign(float[] a, float[] b) { int w = 0; for (int i = 0; i < a.length; i += 3) if (a[i]*b[i]+a[i+1]*b[i+1]+a[i+2]*b[i+2] < 0) w++; return 100.0 * w / (a.length / 3); }
double minCos = Double.parseDouble(System.getProperty("mincos", "0")), maxDist = Double.parseDouble(System.getProperty("maxdist", "1e9"));
float[] orientBy(float[] pts, float[] normals, float[] headM) {
  var cp = new ClosestPointOnMesh(t.head().withPositions(headM)); int[] tri = cp.triangles();
  float[] out = normals.clone();
  for (int p = 0; p < pts.length / 3; p++) {
    var sp = cp.closest(pts[3*p], pts[3*p+1], pts[3*p+2]);
    int a = tri[3*sp.triangle()], b = tri[3*sp.triangle()+1], c = tri[3*sp.triangle()+2];
    double ux = headM[3*b]-headM[3*a], uy = headM[3*b+1]-headM[3*a+1], uz = headM[3*b+2]-headM[3*a+2];
    double vx = headM[3*c]-headM[3*a], vy = headM[3*c+1]-headM[3*a+1], vz = headM[3*c+2]-headM[3*a+2];
    double nx = uy*vz-uz*vy, ny = uz*vx-ux*vz, nz = ux*vy-uy*vx;
    double nl = Math.sqrt(nx*nx+ny*ny+nz*nz); if (!(nl > 0)) continue;
    double cos = (nx*out[3*p]+ny*out[3*p+1]+nz*out[3*p+2]) / nl;
    double[] q3 = sp.evaluate(headM, tri); double dx = q3[0]-pts[3*p], dy = q3[1]-pts[3*p+1], dz = q3[2]-pts[3*p+2];
    if (Math.abs(cos) < minCos || Math.sqrt(dx*dx+dy*dy+dz*dz) > maxDist) continue;
    if (cos < 0) for (int q=0;q<3;q++) out[3*p+q] = -out[3*p+q];
  }
  return out;
}
int n = Integer.getInteger("n", 20), passes = Integer.getInteger("passes", 3);
double[] acc = new double[passes + 2]; double[] wacc = new double[passes + 1];
for (long i = 0; i < n; i++) {
  Sample s = reader.get(i);
  float[] tn = s.scanNormals();
  float[] est = NormalEstimation.estimate(s.scanPoints(), 12, NormalEstimation.Orientation.valueOf(System.getProperty("start", "PROPAGATED")), NormalEstimation.Fit.valueOf(System.getProperty("fit", "quadric").toUpperCase()));
  StringBuilder line = new StringBuilder(i + " " + s.scanFamily());
  Sample st = new Sample(s.index(), s.seed(), s.metadataJson(), s.vertices(), s.scanFamily(), s.scanPoints(), tn, null, null, null);
  var ext = VaeExample.of(st, t.head());
  double et = mm(r.feedForward(ext, 0).positions(), ext); acc[passes + 1] += et / n;
  line.append(String.format(" true %.2f", et));
  for (int pass = 0; pass <= passes; pass++) {
    Sample sm = new Sample(s.index(), s.seed(), s.metadataJson(), s.vertices(), s.scanFamily(), s.scanPoints(), est, null, null, null);
    var ex = VaeExample.of(sm, t.head());
    var ff = r.feedForward(ex, 0);
    double e = mm(ff.positions(), ex); acc[pass] += e / n; double w = wrongSign(est, tn); wacc[pass] += w / n;
    line.append(String.format(" | pass %d %.2f mm (%.1f%%)", pass, e, w));
    est = orientBy(s.scanPoints(), est, ex.frame().fromUnit(ff.positions()));
  }
  System.out.println(line);
}
StringBuilder sb = new StringBuilder(String.format("mean: true normals %.3f", acc[passes + 1]));
for (int p = 0; p <= passes; p++) sb.append(String.format(" | pass %d %.3f mm (%.2f%% wrong)", p, acc[p], wacc[p]));
System.out.println(sb);
/exit
