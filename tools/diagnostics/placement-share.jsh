import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = 24;
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
float[] translated(float[] a, float[] b) { double[] m = new double[3]; for (int v=0; v<V; v++) for (int k=0;k<3;k++) m[k]+=(b[3*v+k]-a[3*v+k])/V; float[] o=a.clone(); for (int v=0; v<V; v++) for (int k=0;k<3;k++) o[3*v+k]+=m[k]; return o; }
double[] acc = new double[6];
var fam = new java.util.TreeMap<String,double[]>();
for (long i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  for (int mode = 0; mode < 2; mode++) {
    var res = mode == 0 ? r.encodeDecode(ex, 0) : r.refine(ex, 60, 0);
    float[] p = ex.frame().fromUnit(res.positions());
    double e = dist(p, gt), et = dist(translated(p, gt), gt), es = dist(Umeyama.similarity(p, gt).apply(p), gt);
    acc[3*mode] += e/n; acc[3*mode+1] += et/n; acc[3*mode+2] += es/n;
    var f = fam.computeIfAbsent(ex.family() + (mode==0?" FF":" RF"), k -> new double[4]); f[0]+=e; f[1]+=et; f[2]+=es; f[3]++;
    System.out.printf("%d %s %s raw %.2f translated %.2f similarity %.2f%n", i, ex.family(), mode==0?"FF":"RF", e, et, es);
  }
}
System.out.printf("MEAN FF raw %.2f tr %.2f sim %.2f | RF raw %.2f tr %.2f sim %.2f%n", acc[0], acc[1], acc[2], acc[3], acc[4], acc[5]);
fam.forEach((k, f) -> System.out.printf("%s n=%.0f raw %.2f tr %.2f sim %.2f%n", k, f[3], f[0]/f[3], f[1]/f[3], f[2]/f[3]));
/exit
