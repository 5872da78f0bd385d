// Point clouds without normals (session 18): each test scan's points encoded with its own normals
// (as meshes give them), with PCA normals oriented away from the centroid (the rule until session
// 18), with PCA normals propagated over a spanning tree (NormalEstimation's default since), and with
// those normals' signs then taken from the model's heads (NormalSigns, as retopo does since
// session 18); the calibrated feed-forward head's mean per-vertex error (mm) by family, and the share
// of points whose estimated normal has the wrong sign. first=0 n=40 split=test k=12 fit=quadric|plane
// (session 19: quadric fits by default; `plane` gives session 18's PCA normals; the centroid rule
// is always the plane's, as it was)
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 40), k = Integer.getInteger("k", 12);
var fit = NormalEstimation.Fit.valueOf(System.getProperty("fit", "quadric").toUpperCase());
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "test")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int q = 0; q < 3; q++) { double d = head[3*v+q] - truth[3*v+q]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double wrongSign(float[] a, float[] b) { int w = 0; for (int i = 0; i < a.length; i += 3) if (a[i]*b[i]+a[i+1]*b[i+1]+a[i+2]*b[i+2] < 0) w++; return 100.0 * w / (a.length / 3); }
String[] names = {"scan normals", "from centroid", "propagated", "model-oriented"};
var fam = new java.util.TreeMap<String, double[]>();
double[] all = new double[8];
for (long i = first; i < first + n; i++) {
  Sample s = reader.get(i);
  var conditioned = VaeExample.of(s, t.head()); // the crop, as retopo estimates after it
  float[] propagated = NormalEstimation.estimate(conditioned.scanMetres(), k, NormalEstimation.Orientation.PROPAGATED, fit);
  float[] oriented = NormalSigns.fromModel(r, t.head(), conditioned.withScanNormals(propagated), i).scanNormals();
  float[] truthNormals = conditioned.scanNormals();
  float[][] normals = {truthNormals, NormalEstimation.estimate(s.scanPoints(), k, NormalEstimation.Orientation.FROM_CENTROID, NormalEstimation.Fit.PLANE),
      propagated, oriented};
  StringBuilder line = new StringBuilder(String.format("%d %-15s", i, s.scanFamily()));
  double[] f = fam.computeIfAbsent(s.scanFamily(), x -> new double[8]);
  for (int m = 0; m < 4; m++) {
    VaeExample ex;
    float[] truth;
    if (m == 1) { // the rule until session 18: estimated on the whole scan before the crop
      ex = VaeExample.of(new Sample(s.index(), s.seed(), s.metadataJson(), s.vertices(), s.scanFamily(), s.scanPoints(), normals[m], null, null, null), t.head());
      truth = s.scanNormals();
    } else {
      ex = conditioned.withScanNormals(normals[m]);
      truth = truthNormals;
    }
    double e = mm(r.feedForward(ex, i).positions(), ex);
    f[m] += e; all[m] += e;
    if (m > 0) { double w = wrongSign(normals[m], truth); f[3 + m] += w; all[3 + m] += w; line.append(String.format(" | %s %.3f mm (%.1f%% wrong sign)", names[m], e, w)); }
    else line.append(String.format(" | %s %.3f mm", names[m], e));
  }
  f[7]++;
  System.out.println(line);
}
fam.forEach((name, f) -> System.out.printf("%-15s n=%.0f: scan normals %.3f, from centroid %.3f (%.1f%%), propagated %.3f (%.1f%%), model-oriented %.3f (%.1f%%)%n",
    name, f[7], f[0]/f[7], f[1]/f[7], f[4]/f[7], f[2]/f[7], f[5]/f[7], f[3]/f[7], f[6]/f[7]));
System.out.printf("all n=%d: scan normals %.3f, from centroid %.3f (%.1f%%), propagated %.3f (%.1f%%), model-oriented %.3f (%.1f%%)%n", n,
    all[0]/n, all[1]/n, all[4]/n, all[2]/n, all[5]/n, all[3]/n, all[6]/n);
/exit
