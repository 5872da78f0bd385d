// The shipped Retopologizer's error-mode correction of the feed-forward head (shipped error
// modes unless modes=FILE), with 1, 2 and 3 passes (Retopologizer.correct): mean per-vertex error
// (mm) on validation heads. first=64 n=16 split=val
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var modes = System.getProperty("modes") == null ? ShippedWeights.loadErrorModes(null) : ErrorModes.read(java.nio.file.Path.of(System.getProperty("modes")));
var r = new Retopologizer(vae, t.regions()).withErrorModes(modes);
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16);
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double[] sum = new double[4];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ff = r.encodeDecode(ex, i);
  sum[0] += dist(ex.frame().fromUnit(ff.positions()), gt) / n;
  for (int p = 1; p <= 3; p++) sum[p] += dist(ex.frame().fromUnit(r.correct(ex, ff, false, p).positions()), gt) / n;
}
System.out.printf("MEAN feed-forward %.3f mm; corrected, 1 pass %.3f, 2 passes %.3f, 3 passes %.3f%n", sum[0], sum[1], sum[2], sum[3]);
/exit
