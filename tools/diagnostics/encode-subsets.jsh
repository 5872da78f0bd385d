import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = 24; int N = vae.config().points();
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
int[] Ks = {1, 4, 16, 32};
double[] acc = new double[Ks.length];
for (long i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var sb = new StringBuilder(i + " " + ex.family());
  for (int ki = 0; ki < Ks.length; ki++) {
    int K = Ks[ki];
    var rng = new java.util.SplittableRandom(0);
    float[] sum = null;
    try (NDManager scope = NDManager.newBaseManager()) {
      float[] all = new float[K * N * 6];
      for (int k = 0; k < K; k++) System.arraycopy(ex.subsample(N, rng), 0, all, k * N * 6, N * 6);
      NDArray mu = vae.encode(scope.create(all, new Shape(K, N, 6))).mean().mean(new int[]{0}); // [L, C]
      sum = mu.toFloatArray();
    }
    double e = dist(ex.frame().fromUnit(r.decode(sum)), gt);
    acc[ki] += e / n; sb.append(String.format(" K%d %.2f", K, e));
  }
  System.out.println(sb);
}
var sb = new StringBuilder("MEAN");
for (int ki = 0; ki < Ks.length; ki++) sb.append(String.format(" K%d %.2f", Ks[ki], acc[ki]));
System.out.println(sb);
/exit
