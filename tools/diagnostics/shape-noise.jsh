// The shape fit with a noise level read from the scan (session 9): after the error-mode correction,
// the median absolute offset of the scan from the head (MAD) sets the fit's noise sigma = max(s0,
// f x 1.4826 x MAD) and weight scale c = max(c0, 0.8 sigma); against the fixed shipped settings.
// Prints each head's MAD by family (do noisy scans stand out?).
// first=64 n=64 f=1 s0_mm=0.25 c0_mm=0.2 passes=2
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var base = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null));
var shape = ShippedWeights.loadShapeModes(null);
var shipped = base.withShapeModes(shape);
int V = t.vertexCount(), D = 3 * V;
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64), passes = Integer.getInteger("passes", 2);
double f = Double.parseDouble(System.getProperty("f", "1")), s0 = Double.parseDouble(System.getProperty("s0_mm", "0.25")) / 1000, c0 = Double.parseDouble(System.getProperty("c0_mm", "0.2")) / 1000;
boolean[] observable = new boolean[V]; for (int v = 0; v < V; v++) observable[v] = reg[v] != Region.MOUTH_CAVITY;
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
var groups = new java.util.TreeMap<String, double[]>();
void add(String g, double[] e) { double[] s = groups.computeIfAbsent(g, k -> new double[4]); s[0]++; for (int k = 0; k < 3; k++) s[k + 1] += e[k]; }
for (long i = first; i < first + n; i++) {
  var smp = reader.get(i);
  var ex = VaeExample.of(smp, t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ffR = base.encodeDecode(ex, i);
  float[] corr = ex.frame().fromUnit(base.correct(ex, ffR).positions());
  float[] ship = ex.frame().fromUnit(shipped.correct(ex, ffR).positions());
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  float[] cur = corr; double mad = 0, sigma = s0, c = c0;
  for (int pass = 0; pass < passes; pass++) {
    var seen = NormalOffsets.observe(cur, t.head().withPositions(cur).vertexNormals(), observable, scan, sn, 0.010);
    if (pass == 0) { double[] a = java.util.Arrays.stream(seen.offsets()).map(Math::abs).sorted().toArray(); mad = a[a.length / 2]; sigma = Math.max(s0, f * 1.4826 * mad); c = Math.max(c0, 0.8 * sigma); }
    double[] w = new double[seen.count()]; for (int m = 0; m < w.length; m++) { double r = seen.offsets()[m] / c; w[m] = 1 / (1 + r * r); }
    cur = shape.fit(cur, seen, w, sigma);
  }
  double[] e = {dist(corr, gt), dist(ship, gt), dist(cur, gt)};
  add("all", e); add("family " + ex.family(), e);
  System.out.printf("head %d %-14s MAD %.3f mm sigma %.3f: %.3f %.3f %.3f%n", i, ex.family(), mad * 1000, sigma * 1000, e[0], e[1], e[2]);
}
System.out.println("columns: error modes only, shipped (fixed noise), noise from the scan");
for (var g : groups.entrySet()) { double[] s = g.getValue(); System.out.printf("MEAN %-22s (%2d): %.3f %.3f %.3f%n", g.getKey(), (int) s[0], s[1]/s[0], s[2]/s[0], s[3]/s[0]); }
/exit
