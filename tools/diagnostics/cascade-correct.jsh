// A second stage of error modes: a Gaussian over the error that remains after the shipped
// correction (truth minus corrected head) on `bank` training heads, then the same robust
// correction again from the corrected head with those modes. Mean per-vertex error (mm) on
// validation heads (session 8, before the shipped modes carried that mean: run now, the first stage
// already adds it). bank=500 k=256 first=64 n=64
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var r = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null));
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 500), K = Integer.getInteger("k", 256), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
float[][] res = new float[bank][];
for (int i = 0; i < bank; i++) {
  var ex = VaeExample.of(train.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  float[] c = ex.frame().fromUnit(r.correct(ex, (long) i).positions());
  res[i] = new float[D]; for (int j = 0; j < D; j++) res[i][j] = gt[j] - c[j];
  if (i % 100 == 0) System.out.println("bank " + i);
}
var modes2 = ErrorModes.fit(res, Math.min(K, bank - 1));
var r2 = new Retopologizer(vae, reg).withErrorModes(modes2);
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double[] sum = new double[4];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ff = r.encodeDecode(ex, i);
  var c = r.correct(ex, ff);
  float[] meanOnly = ex.frame().fromUnit(c.positions()).clone(); for (int j = 0; j < D; j++) meanOnly[j] += modes2.meanError()[j];
  var c2 = r2.correct(ex, c);
  sum[0] += dist(ex.frame().fromUnit(ff.positions()), gt) / n; sum[1] += dist(ex.frame().fromUnit(c.positions()), gt) / n;
  sum[2] += dist(meanOnly, gt) / n; sum[3] += dist(ex.frame().fromUnit(c2.positions()), gt) / n;
}
System.out.printf("MEAN feed-forward %.3f, corrected %.3f, + second-stage mean error %.3f, second stage %.3f mm%n", sum[0], sum[1], sum[2], sum[3]);
/exit
