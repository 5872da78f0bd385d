// Where estimated normals cost the encoder (session 19): each test scan encoded with its own normals,
// with quadric normals (12 neighbours, the true signs) everywhere, and with quadric normals only on the
// points whose nearest true-head vertex lies in one region (its own normals elsewhere); the calibrated
// feed-forward head's mean per-vertex error (mm), the share of points in the region and their mean angle
// to the scan's own normals. first=0 n=40
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg).withCalibration(ShippedWeights.loadCalibration(null));
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 40);
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/test"));
var names = new java.util.ArrayList<String>();
for (var g : reg) if (!names.contains(g.name())) names.add(g.name());
int R = names.size();
double mm(float[] head, VaeExample ex) { return Metrics.perVertexError(ex.frame().fromUnit(head), ex.frame().fromUnit(ex.targetPositions())).meanMm(); }
double own = 0, everywhere = 0; double[] byRegion = new double[R], share = new double[R], angle = new double[R]; int[] angleCount = new int[R];
for (long i = first; i < first + n; i++) {
  Sample s = reader.get(i);
  var ex = VaeExample.of(s, t.head());
  float[] truthN = ex.scanNormals();
  float[] q = NormalEstimation.estimate(ex.scanMetres(), 12);
  for (int p = 0; p < q.length; p += 3) if (q[p]*truthN[p]+q[p+1]*truthN[p+1]+q[p+2]*truthN[p+2] < 0) { q[p] = -q[p]; q[p+1] = -q[p+1]; q[p+2] = -q[p+2]; }
  var tree = new KdTree(ex.targetPositions());
  float[] pts = ex.scanUnitPositions();
  int P = pts.length / 3;
  int[] region = new int[P];
  for (int p = 0; p < P; p++) {
    int v = tree.kNearest(pts[3*p], pts[3*p+1], pts[3*p+2], 1)[0];
    region[p] = names.indexOf(reg[v].name());
    double c = Math.max(-1, Math.min(1, q[3*p]*truthN[3*p]+q[3*p+1]*truthN[3*p+1]+q[3*p+2]*truthN[3*p+2]));
    angle[region[p]] += Math.toDegrees(Math.acos(c)); angleCount[region[p]]++;
    share[region[p]] += 1.0 / P / n;
  }
  own += mm(r.feedForward(ex, i).positions(), ex);
  everywhere += mm(r.feedForward(ex.withScanNormals(q), i).positions(), ex);
  for (int g = 0; g < R; g++) {
    float[] mixed = truthN.clone();
    for (int p = 0; p < P; p++) if (region[p] == g) { mixed[3*p] = q[3*p]; mixed[3*p+1] = q[3*p+1]; mixed[3*p+2] = q[3*p+2]; }
    byRegion[g] += mm(r.feedForward(ex.withScanNormals(mixed), i).positions(), ex);
  }
  System.out.println("done " + i);
}
System.out.printf("own normals %.3f mm, quadric everywhere %.3f mm%n", own / n, everywhere / n);
for (int g = 0; g < R; g++) System.out.printf("quadric on %-14s only: %.3f mm (+%.3f), %4.1f%% of the points, %.1f deg%n", names.get(g), byRegion[g] / n, (byRegion[g] - own) / n, 100 * share[g], angle[g] / Math.max(1, angleCount[g]));
/exit
