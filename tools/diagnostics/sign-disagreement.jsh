// Clean scans and the patch repair of given normals (session 18): per test scan, the share of points
// whose given normal both the model's head (NormalSigns.REPAIR_PASSES) and the propagated PCA normals
// would turn around, and the model alone; their largest values and how many scans pass a share. n=200 split=test
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "test")));
int n = Integer.getInteger("n", 200);
double[] shares = new double[n]; double[] modelShares = new double[n];
for (int i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] g = ex.scanNormals(), o = NormalSigns.fromModel(r, t.head(), ex, i, NormalSigns.REPAIR_PASSES).scanNormals(), pca = NormalEstimation.estimate(ex.scanMetres(), 12, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.valueOf(System.getProperty("fit", "quadric").toUpperCase()));
  int both = 0, model = 0;
  for (int p = 0; p < g.length / 3; p++) {
    boolean m = g[3*p]*o[3*p]+g[3*p+1]*o[3*p+1]+g[3*p+2]*o[3*p+2] < 0, c = g[3*p]*pca[3*p]+g[3*p+1]*pca[3*p+1]+g[3*p+2]*pca[3*p+2] < 0;
    if (m && c) both++; if (m) model++;
  }
  shares[i] = 100.0 * both / (g.length / 3); modelShares[i] = 100.0 * model / (g.length / 3);
}
double[] sorted = shares.clone(); java.util.Arrays.sort(sorted);
System.out.printf("share (%%) of both-disagreeing signs over %d scans: median %.3f, p95 %.3f, max %.3f%n", n, sorted[n/2], sorted[(int)(0.95*(n-1))], sorted[n-1]);
for (double th : new double[]{0.25, 0.5, 1.0, 1.5}) { int c = 0; for (double x : shares) if (x > th) c++; System.out.printf("scans above %.2f %%: %d%n", th, c); }
double[] ms = modelShares.clone(); java.util.Arrays.sort(ms);
System.out.printf("model alone: median %.3f, p95 %.3f, max %.3f; scans above 1.5 %%: %d%n", ms[n/2], ms[(int)(0.95*(n-1))], ms[n-1],
    java.util.Arrays.stream(modelShares).filter(x -> x > 1.5).count());
/exit
