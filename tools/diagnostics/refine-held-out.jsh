import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount();
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double ff = 0, rf = 0; int n = 0;
for (long i = 12; i < 24; i++) {
  var ex = VaeExample.of(reader.get(i), t.head()); float[] gt = ex.frame().fromUnit(ex.targetPositions());
  double a = dist(ex.frame().fromUnit(r.encodeDecode(ex, 0).positions()), gt), b = dist(ex.frame().fromUnit(r.refine(ex, 60, 0).positions()), gt);
  ff += a; rf += b; n++;
  System.out.printf("%d %s FF %.2f RF %.2f%n", i, ex.family(), a, b);
}
System.out.printf("MEAN heads 12-23: FF %.2f RF %.2f%n", ff/n, rf/n);
/exit
