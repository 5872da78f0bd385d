// Mirror test-time augmentation: the scan mirrored in x (about the VAE frame's centre) is encoded
// too, its decoded head mirrored back through the topology's left/right vertex map, and the two
// heads averaged. Feed-forward error (mm) of the plain head, the mirrored one and their average;
// also latent averaging (mean of the plain latent and the mirrored latent is not meaningful, so
// only vertex averaging). weights=DIR first=64 n=64 split=val.
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
int[] mirror = t.mirror();
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double sp = 0, sm = 0, sa = 0; int better = 0;
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] pts = ex.scanPoints().clone();
  for (int k = 0; k < pts.length / 6; k++) { pts[6*k] = -pts[6*k]; pts[6*k+3] = -pts[6*k+3]; }
  var mx = new VaeExample(pts, ex.targetPositions(), ex.targetNormals(), ex.frame(), ex.family());
  float[] plain = r.encodeDecode(ex, i).positions();
  float[] m = r.encodeDecode(mx, i).positions();
  float[] back = new float[3*V];
  for (int v = 0; v < V; v++) { int u = mirror[v]; back[3*v] = -m[3*u]; back[3*v+1] = m[3*u+1]; back[3*v+2] = m[3*u+2]; }
  float[] avg = new float[3*V];
  for (int k = 0; k < 3*V; k++) avg[k] = 0.5f * (plain[k] + back[k]);
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  double ep = dist(ex.frame().fromUnit(plain), gt), em = dist(ex.frame().fromUnit(back), gt), ea = dist(ex.frame().fromUnit(avg), gt);
  sp += ep / n; sm += em / n; sa += ea / n; if (ea < ep) better++;
}
System.out.printf("MEAN plain %.3f mm, mirrored %.3f mm, average %.3f mm; average better on %d of %d heads%n", sp, sm, sa, better, n);
/exit
