import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.*;
import ai.djl.training.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = 8;
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
void adam(float[] z, float[] g, float[] m, float[] v, int t, double lr) { double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t); for (int i = 0; i < z.length; i++) { m[i] = (float) (0.9 * m[i] + 0.1 * g[i]); v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]); z[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)); } }
double a0=0, a1=0, a2=0;
for (long i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  var ff = r.encodeDecode(ex, 0);
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  float[] z = ff.latent().clone(); float[] m = new float[z.length], vv = new float[z.length];
  float[] tgt = java.util.Arrays.copyOf(ex.targetPositions(), 3*V);
  double e100 = 0;
  try (NDManager scope = NDManager.newBaseManager()) {
    NDArray target = scope.create(tgt, new Shape(V, 3));
    for (int it = 1; it <= 300; it++) {
      try (NDManager step = scope.newSubManager()) {
        NDArray latent = step.create(z, new Shape(1, vae.tokens(), vae.config().latentChannels()));
        latent.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = vae.decode(latent).get(0).get(":, 0:3");
          NDArray d = out.sub(target.toDevice(out.getDevice(), false));
          gc.backward(d.square().sum(new int[]{1}).add(1e-12f).sqrt().mean());
        }
        adam(z, latent.getGradient().toFloatArray(), m, vv, it, it < 200 ? 0.03 : 0.01);
      }
      if (it == 100) e100 = dist(ex.frame().fromUnit(r.decode(z)), gt);
    }
  }
  vae.parameters().zeroGradients();
  double eff = dist(ex.frame().fromUnit(ff.positions()), gt), eo = dist(ex.frame().fromUnit(r.decode(z)), gt);
  a0 += eff/n; a1 += e100/n; a2 += eo/n;
  System.out.printf("%d %s FF %.2f  oracle-latent@100 %.2f @300 %.2f%n", i, ex.family(), eff, e100, eo);
}
System.out.printf("MEAN FF %.2f oracle@100 %.2f oracle@300 %.2f%n", a0, a1, a2);
/exit
