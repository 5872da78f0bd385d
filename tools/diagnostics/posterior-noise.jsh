// How much the VAE's sampling noise costs: per validation head, the error of the head decoded from
// the posterior mean against heads decoded from posterior samples (as in training), and the
// posterior's standard deviation against the spread of the means across heads.
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
int V = t.vertexCount(); int n = Integer.getInteger("n", 16); int N = vae.config().points();
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double eMean = 0, eSample = 0, sdSum = 0; int L = vae.tokens(), C = vae.config().latentChannels();
float[][] means = new float[n][];
for (int i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  try (NDManager scope = NDManager.newBaseManager()) {
    var post = vae.encode(scope.create(ex.subsample(N, new java.util.SplittableRandom(i)), new Shape(1, N, 6)));
    means[i] = post.mean().toFloatArray();
    float[] sd = post.logVar().mul(0.5f).exp().toFloatArray();
    for (float x : sd) sdSum += x / sd.length / n;
    double em = dist(ex.frame().fromUnit(VaeTrainTask.positions(vae.decode(post.mean()).toFloatArray())), gt);
    double es = 0;
    for (int k = 0; k < 4; k++) {
      var g = new java.util.SplittableRandom(1000L * i + k); float[] z = new float[L * C];
      for (int j = 0; j < z.length; j++) z[j] = (float) dev.topos.geometry.Gaussian.next(g);
      NDArray noise = scope.create(z, post.mean().getShape()); // [1, L, C] seeded standard normal
      es += dist(ex.frame().fromUnit(VaeTrainTask.positions(vae.decode(post.sample(noise)).toFloatArray())), gt) / 4;
    }
    eMean += em / n; eSample += es / n;
    System.out.printf("%d %s mean %.2f sampled %.2f%n", i, ex.family(), em, es);
  }
}
double spread = 0;
for (int j = 0; j < L * C; j++) { double m = 0, q = 0; for (int i = 0; i < n; i++) { m += means[i][j]; q += means[i][j] * means[i][j]; } m /= n; spread += Math.sqrt(Math.max(0, q / n - m * m)) / (L * C); }
System.out.printf("MEAN decoded from the mean %.3f mm, from samples %.3f mm; posterior sd %.4f, spread of means across heads %.4f%n", eMean, eSample, sdSum, spread);
/exit
