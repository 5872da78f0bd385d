// Feed-forward error of two weight folders on the same validation heads (default encoding):
// weights=A other=B first=64 n=64. Heads 64-127 were never used to pick a checkpoint.
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var a = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var b = TopoVae.load(java.nio.file.Path.of(System.getProperty("other")), t.head());
var ra = new Retopologizer(a, t.regions()); var rb = new Retopologizer(b, t.regions());
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double sa = 0, sb = 0; int better = 0;
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  double ea = dist(ex.frame().fromUnit(ra.encodeDecode(ex, i).positions()), gt);
  double eb = dist(ex.frame().fromUnit(rb.encodeDecode(ex, i).positions()), gt);
  sa += ea / n; sb += eb / n; if (eb < ea) better++;
}
System.out.printf("MEAN weights %.3f mm, other %.3f mm; other better on %d of %d heads%n", sa, sb, better, n);
/exit
