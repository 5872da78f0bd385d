// The shipped Retopologizer's error-mode correction of the feed-forward head (shipped error
// modes unless modes=FILE) with 1, 2, 4 and 8 passes (Retopologizer.correct: the first pass
// unweighted, the later ones robustly reweighted): mean per-vertex error (mm) on validation heads,
// overall and per scan family. first=64 n=16 split=val
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var modes = System.getProperty("modes") == null ? ShippedWeights.loadErrorModes(null) : ErrorModes.read(java.nio.file.Path.of(System.getProperty("modes")));
var r = new Retopologizer(vae, t.regions()).withErrorModes(modes);
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16);
int[] passes = {1, 2, 4, 8};
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
var byFamily = new java.util.TreeMap<String, double[]>();
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ff = r.encodeDecode(ex, i);
  double[] e = new double[1 + passes.length];
  e[0] = dist(ex.frame().fromUnit(ff.positions()), gt);
  for (int k = 0; k < passes.length; k++) e[1 + k] = dist(ex.frame().fromUnit(r.correct(ex, ff, passes[k]).positions()), gt);
  for (String key : new String[] {"all", ex.family()}) { double[] s = byFamily.computeIfAbsent(key, x -> new double[2 + passes.length]); s[0]++; for (int k = 0; k < e.length; k++) s[1 + k] += e[k]; }
}
for (var en : byFamily.entrySet()) { double[] s = en.getValue(); System.out.printf("MEAN %-14s n=%3d feed-forward %.3f mm; corrected, 1 / 2 / 4 / 8 passes %.3f / %.3f / %.3f / %.3f%n", en.getKey(), (int) s[0], s[1]/s[0], s[2]/s[0], s[3]/s[0], s[4]/s[0], s[5]/s[0]); }
/exit
