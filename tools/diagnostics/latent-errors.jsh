// The latent's error (session 22): per head, the latent that decodes (plus the calibration's fixed
// offset, as refinement keeps it) nearest the true head, found by Adam from the encoder's latent
// (decoder frozen, mean per-vertex distance), minus the encoder's latent. Written as float32 rows of
// L*C values to out=FILE (a "lat1" header, rows, row length), for a Gaussian over the latent's error.
// split=extra first=0 n=500 steps=100 out=FILE
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.*;
import ai.djl.training.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
var cr = r.withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 500), steps = Integer.getInteger("steps", 100);
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "extra")));
var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(System.getProperty("out"))));
double mm(float[] head, float[] truth, double scale) { double s = 0; for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); } return s / V * scale * 1000; }
void adam(float[] z, float[] g, float[] m, float[] v, int t, double lr) { double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t); for (int i = 0; i < z.length; i++) { m[i] = (float) (0.9 * m[i] + 0.1 * g[i]); v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]); z[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)); } }
double sumFf = 0, sumOracle = 0;
for (int i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  var net = r.encodeDecode(ex, i);
  float[] cal = cr.calibrate(net).positions();
  float[] truth = java.util.Arrays.copyOf(ex.targetPositions(), 3 * V);
  float[] target = new float[3 * V];
  for (int j = 0; j < 3 * V; j++) target[j] = truth[j] - (cal[j] - net.positions()[j]); // the decoder's share of the truth
  float[] z0 = net.latent(); float[] z = z0.clone(); float[] m = new float[z.length], vv = new float[z.length];
  try (NDManager scope = NDManager.newBaseManager()) {
    NDArray tgt = scope.create(target, new Shape(V, 3));
    for (int it = 1; it <= steps; it++) {
      try (NDManager step = scope.newSubManager()) {
        NDArray latent = step.create(z, new Shape(1, vae.tokens(), vae.config().latentChannels()));
        latent.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray o = vae.decode(latent).get(0).get(":, 0:3");
          gc.backward(o.sub(tgt).square().sum(new int[]{1}).add(1e-12f).sqrt().mean());
        }
        adam(z, latent.getGradient().toFloatArray(), m, vv, it, it <= steps * 2 / 3 ? 0.03 : 0.01);
      }
    }
  }
  vae.parameters().zeroGradients();
  float[] dec = r.decode(z); float[] head = new float[3 * V];
  for (int j = 0; j < 3 * V; j++) head[j] = dec[j] + (cal[j] - net.positions()[j]);
  double eff = mm(cal, truth, ex.frame().scale()), eo = mm(head, truth, ex.frame().scale());
  sumFf += eff; sumOracle += eo;
  for (int j = 0; j < z.length; j++) out.writeFloat(z[j] - z0[j]);
  if ((i - first) % 20 == 0) System.out.printf("head %d: calibrated %.3f, oracle latent %.3f mm%n", i, eff, eo);
}
out.close();
System.out.printf("heads %d-%d: calibrated %.3f, oracle latent %.3f mm%n", first, first + n - 1, sumFf / n, sumOracle / n);
/exit
