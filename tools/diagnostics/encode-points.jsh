import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.ndarray.index.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var weights = java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best"));
var vae = TopoVae.load(weights, t.head());
var vae40 = TopoVae.load(weights.resolveSibling("checkpoint").resolve("model"), t.head()); // the run's last checkpoint
var avg = TopoVae.load(weights, t.head()); // the mean of the best and the last weights
try (var scratch = NDManager.newBaseManager()) { for (var e : avg.parameters().asMap().entrySet()) { var o = vae40.parameters().get(e.getKey()); e.getValue().set(new NDIndex("..."), scratch.create(e.getValue().add(o).div(2f).toFloatArray(), o.getShape())); } } // indexed put: see ParameterSet.zeroGradients
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32);
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
float[] enc(TopoVae m, VaeExample ex, int K, int N) {
  var rng = new java.util.SplittableRandom(0);
  try (NDManager scope = NDManager.newBaseManager()) {
    float[] all = new float[K * N * 6];
    for (int k = 0; k < K; k++) System.arraycopy(ex.subsample(N, rng), 0, all, k * N * 6, N * 6);
    var mu = m.encode(scope.create(all, new Shape(K, N, 6))).mean().mean(new int[]{0}, true);
    return VaeTrainTask.positions(m.decode(mu).toFloatArray());
  }
}
String[] names = {"best K16x1024", "best K1x4096", "best K4x2048", "best K16x2048", "last K16x1024", "avg K16x1024"};
double[] acc = new double[names.length];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  float[][] outs = { enc(vae, ex, 16, 1024), enc(vae, ex, 1, 4096), enc(vae, ex, 4, 2048), enc(vae, ex, 16, 2048), enc(vae40, ex, 16, 1024), enc(avg, ex, 16, 1024) };
  var sb = new StringBuilder(i + " " + ex.family());
  for (int k = 0; k < outs.length; k++) { double e = dist(ex.frame().fromUnit(outs[k]), gt); acc[k] += e / n; sb.append(String.format(" %.2f", e)); }
  System.out.println(sb);
}
for (int k = 0; k < names.length; k++) System.out.printf("MEAN %-18s %.3f%n", names[k], acc[k]);
/exit
