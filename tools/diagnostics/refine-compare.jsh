// Refinement against the other answers (session 13): per validation head, the mean per-vertex error
// (mm) of the calibrated feed-forward head, the shipped `--refine` (from the calibrated head), the
// shipped `--correct` (from the network's head), and each one's mean scan-to-surface distance (mm,
// in brackets: exact, to the triangles, every scan point). Session 13 chose the refinement's loss
// and settings with it (its experiment switches and a refinement from the corrected head are gone
// from the code; docs/VAE.md has the figures).
// first=64 n=32 steps=60 which=calibrated,refine,correct [anchor=MM: Limits.anchorMetres, a pull of every
// vertex back to where refinement started; default none, as shipped]
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
double anchorMm = Double.parseDouble(System.getProperty("anchor", "Infinity"));
var limits = new Retopologizer.Limits(0.010, 0.005, 0.02, anchorMm / 1000, true);
var r = new Retopologizer(vae, t.regions(), Retopologizer.Encoding.DEFAULT, limits).withErrorModes(ShippedWeights.loadErrorModes(null)).withShapeModes(ShippedWeights.loadShapeModes(null));
var cr = r.withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32), steps = Integer.getInteger("steps", 60);
var val = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double toSurface(float[] head, VaeExample ex) {
  float[] unitPts = new float[ex.pointCount() * 3]; float[] sp = ex.scanPoints();
  for (int i = 0; i < ex.pointCount(); i++) System.arraycopy(sp, 6 * i, unitPts, 3 * i, 3);
  var surface = new dev.topos.geometry.ClosestPointOnMesh(t.head().withPositions(head));
  return dev.topos.geometry.Metrics.pointToSurface(unitPts, surface).meanMm() * ex.frame().scale();
}
String[] names = System.getProperty("which", "calibrated,refine,correct").split(",");
float[] head(String name, VaeExample ex, int seed) {
  switch (name) {
    case "calibrated": return cr.feedForward(ex, seed).positions();
    case "refine": return cr.refine(ex, steps, seed).positions();
    case "correct": return r.correct(ex, seed).positions();
    default: throw new IllegalArgumentException(name);
  }
}
int K = names.length;
double[] sum = new double[K], ssum = new double[K];
for (int i = 0; i < n; i++) {
  var ex = VaeExample.of(val.get(first + i), t.head());
  StringBuilder line = new StringBuilder("head " + (first + i) + ":");
  for (int k = 0; k < K; k++) {
    float[] h = head(names[k], ex, first + i);
    double e = mm(h, ex), s = toSurface(h, ex);
    sum[k] += e; ssum[k] += s;
    line.append(String.format(" %s %.3f (%.3f)", names[k], e, s));
  }
  System.out.println(line);
}
StringBuilder line = new StringBuilder("heads " + first + "-" + (first + n - 1) + ", steps " + steps + ", anchor " + anchorMm + " mm:");
for (int k = 0; k < K; k++) line.append(String.format(" %s %.3f (%.3f)", names[k], sum[k] / n, ssum[k] / n));
System.out.println(line);
/exit
