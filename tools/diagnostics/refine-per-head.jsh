// Per test head: feed-forward vs refined mean per-vertex error, the refined placement, and the
// regions where refinement changed the error most (session 4: refinement hurt on average).
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "test")));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
// limits=default (the shipped ones), none (sessions 2-3), or MATCH_M,SHIFT_M,LOG_SCALE,ANCHOR_M,KEEP_BEST
String lim = System.getProperty("limits", "default");
var limits = switch (lim) {
  case "default" -> Retopologizer.Limits.DEFAULT;
  case "none" -> Retopologizer.Limits.NONE;
  default -> { String[] f = lim.split(","); yield new Retopologizer.Limits(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]), Boolean.parseBoolean(f[4])); }
};
var r = new Retopologizer(vae, reg, 16, limits) // the session-4 encoding: 16 subsets of 1,024 points, as in the documented table;
int V = t.vertexCount(); int first = Integer.getInteger("first", 0); int n = Integer.getInteger("n", 40);
double[] perVertex(float[] a, float[] b) { double[] d = new double[V]; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; d[v]=Math.sqrt(dx*dx+dy*dy+dz*dz)*1000;} return d; }
double mean(double[] d) { double s = 0; for (double x : d) s += x; return s / d.length; }
double ffSum = 0, rfSum = 0;
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head()); float[] gt = ex.frame().fromUnit(ex.targetPositions());
  double[] a = perVertex(ex.frame().fromUnit(r.refine(ex, 0, i).positions()), gt);
  var res = r.refine(ex, 60, i);
  double[] b = perVertex(ex.frame().fromUnit(res.positions()), gt);
  var byRegion = new java.util.TreeMap<String, double[]>();
  for (int v = 0; v < V; v++) { double[] acc = byRegion.computeIfAbsent(reg[v].toString(), k -> new double[3]); acc[0] += a[v]; acc[1] += b[v]; acc[2]++; }
  var sb = new StringBuilder();
  for (var e : byRegion.entrySet()) { double[] acc = e.getValue(); if (acc[1] - acc[0] > 0.5 * acc[2]) sb.append(String.format(" %s %.1f->%.1f", e.getKey(), acc[0]/acc[2], acc[1]/acc[2])); }
  float[] p = res.placement();
  ffSum += mean(a); rfSum += mean(b);
  System.out.printf("%d %-15s FF %.2f RF %.2f  place t=(%.1f %.1f %.1f) mm-unit*1000 scale %.4f  frame scale %.3f%s%n", i, ex.family(), mean(a), mean(b),
      p[0]*1000, p[1]*1000, p[2]*1000, Math.exp(p[3]), ex.frame().scale(), sb);
}
System.out.printf("MEAN heads %d-%d (%s, limits %s): FF %.3f RF %.3f%n", first, first + n - 1, System.getProperty("split", "test"), lim, ffSum / n, rfSum / n);
/exit
