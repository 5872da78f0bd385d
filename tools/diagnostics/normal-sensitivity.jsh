// How the encoder takes wrong normals (session 18): the first 10 test scans, calibrated feed-forward, with their own
// normals, 3 % of them flipped at random, 10 degrees of noise on each, all zero, PCA normals with the true signs (k 12, 30).
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "test")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int q = 0; q < 3; q++) { double d = head[3*v+q] - truth[3*v+q]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
String[] names = {"true", "3% flipped", "10deg noise", "zero", "pca oracle sign", "pca k=30 oracle sign"};
double[] acc = new double[names.length];
int n = 10;
for (long i = 0; i < n; i++) {
  Sample s = reader.get(i);
  float[] tn = s.scanNormals(); int m = tn.length / 3;
  var rnd = new java.util.SplittableRandom(i);
  float[] flip = tn.clone(); for (int p = 0; p < m; p++) if (rnd.nextDouble() < 0.03) for (int q=0;q<3;q++) flip[3*p+q] = -flip[3*p+q];
  float[] noisy = tn.clone(); for (int p = 0; p < m; p++) { double len=0; for (int q=0;q<3;q++){ noisy[3*p+q]+= (float)(0.13*rnd.nextGaussian()); len+=noisy[3*p+q]*noisy[3*p+q]; } len=Math.sqrt(len); for(int q=0;q<3;q++) noisy[3*p+q]/=len; }
  float[] zero = new float[tn.length];
  float[][] pcas = new float[2][];
  int[] ks = {12, 30};
  for (int j = 0; j < 2; j++) { float[] e = NormalEstimation.estimate(s.scanPoints(), ks[j], NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.PLANE); for (int p = 0; p < m; p++) { double d = e[3*p]*tn[3*p]+e[3*p+1]*tn[3*p+1]+e[3*p+2]*tn[3*p+2]; if (d < 0) for (int q=0;q<3;q++) e[3*p+q] = -e[3*p+q]; } pcas[j] = e; }
  float[][] variants = {tn, flip, noisy, zero, pcas[0], pcas[1]};
  StringBuilder line = new StringBuilder(i + " " + s.scanFamily() + " points " + m);
  for (int v = 0; v < variants.length; v++) {
    Sample sm = new Sample(s.index(), s.seed(), s.metadataJson(), s.vertices(), s.scanFamily(), s.scanPoints(), variants[v], null, null, null);
    var ex = VaeExample.of(sm, t.head());
    double e = mm(r.feedForward(ex, 0).positions(), ex); acc[v] += e / n;
    line.append(String.format(" | %s %.2f", names[v], e));
  }
  System.out.println(line);
}
for (int v = 0; v < names.length; v++) System.out.printf("%s: %.3f mm%n", names[v], acc[v]);
/exit
