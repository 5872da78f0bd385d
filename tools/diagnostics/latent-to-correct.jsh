// Can the latent hold what --correct finds? The shipped Retopologizer.correct (error modes, then the
// shape modes), then Adam on the latent (decoder frozen, from the feed-forward latent) towards the
// corrected vertices (mean per-vertex distance in the unit frame), errors against the truth after
// `checks` steps. Session 10. first=64 n=32 split=val checks=50,100,200,300 lr=0.03
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.*;
import ai.djl.training.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var r = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null)).withShapeModes(ShippedWeights.loadShapeModes(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32);
double lr0 = Double.parseDouble(System.getProperty("lr", "0.03"));
int[] checks = java.util.Arrays.stream(System.getProperty("checks", "50,100,200,300").split(",")).mapToInt(Integer::parseInt).toArray();
int steps = checks[checks.length - 1];
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
void adam(float[] z, float[] g, float[] m, float[] v, int t, double lr) { double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t); for (int i = 0; i < z.length; i++) { m[i] = (float) (0.9 * m[i] + 0.1 * g[i]); v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]); z[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)); } }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double[] sum = new double[2 + checks.length]; double secs = 0;
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ff = r.encodeDecode(ex, i);
  var corr = r.correct(ex, ff);
  double[] e = new double[2 + checks.length];
  e[0] = dist(ex.frame().fromUnit(ff.positions()), gt);
  e[1] = dist(ex.frame().fromUnit(corr.positions()), gt);
  float[] z = ff.latent().clone(); float[] m = new float[z.length], vv = new float[z.length];
  long t0 = System.nanoTime();
  int c = 0;
  try (NDManager scope = NDManager.newBaseManager()) {
    NDArray target = scope.create(corr.positions(), new Shape(V, 3)); // [V, 3] unit frame
    for (int it = 1; it <= steps; it++) {
      try (NDManager step = scope.newSubManager()) {
        NDArray latent = step.create(z, new Shape(1, vae.tokens(), vae.config().latentChannels()));
        latent.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = vae.decode(latent).get(0).get(":, 0:3"); // [V, 3]
          NDArray d = out.sub(target);
          gc.backward(d.square().sum(new int[]{1}).add(1e-12f).sqrt().mean());
        }
        adam(z, latent.getGradient().toFloatArray(), m, vv, it, it <= steps * 2 / 3 ? lr0 : lr0 / 3);
      }
      if (it == checks[c]) { e[2 + c] = dist(ex.frame().fromUnit(r.decode(z)), gt); c++; }
    }
  }
  vae.parameters().zeroGradients();
  secs += (System.nanoTime() - t0) / 1e9;
  for (int k = 0; k < e.length; k++) sum[k] += e[k] / n;
  System.out.printf("head %d %-14s %s%n", i, ex.family(), java.util.Arrays.toString(java.util.Arrays.stream(e).map(x -> Math.round(x*1000)/1000.0).toArray()));
}
System.out.printf("MEAN ff %.3f correct %.3f latent-fit@%s %s  (%.2f s per head for %d steps, one thread)%n", sum[0], sum[1], java.util.Arrays.toString(checks),
  java.util.Arrays.toString(java.util.Arrays.stream(sum, 2, sum.length).map(x -> Math.round(x*1000)/1000.0).toArray()), secs / n, steps);
/exit
