// Scans that come with normals (session 18): would taking their signs from the model's heads
// (NormalSigns.orient) hurt where the signs are right, and help where a mesh's winding is
// wrong (inside out, or a patch of it)? Calibrated feed-forward error (mm) and the share of
// points with a wrong sign, first n test scans. n=20 [both=true: flip only where the model's and the
// propagated PCA signs both disagree with the given one; passes=N decode-and-orient passes, default 2]
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
double wrong(float[] a, float[] b) { int w = 0; for (int i = 0; i < a.length; i += 3) if (a[i]*b[i]+a[i+1]*b[i+1]+a[i+2]*b[i+2] < 0) w++; return 100.0 * w / (a.length / 3); }
String[] names = {"as given", "inside out", "right half inside out", "a 3 cm patch inside out", "five 2 cm patches inside out"};
int n = Integer.getInteger("n", 20);
double[][] acc = new double[5][4];
for (long i = 0; i < n; i++) {
  Sample s = reader.get(i);
  var ex = VaeExample.of(s, t.head());
  float[] tn = ex.scanNormals(); float[] pts = ex.scanMetres();
  float[] inside = tn.clone(); for (int k = 0; k < inside.length; k++) inside[k] = -inside[k];
  float[] half = tn.clone(); for (int p = 0; p < half.length / 3; p++) if (pts[3*p] > 0) for (int q=0;q<3;q++) half[3*p+q] = -half[3*p+q];
  var rnd = new java.util.SplittableRandom(i);
  float[] patch = tn.clone(); float[] patches = tn.clone();
  for (int pi = 0; pi < 6; pi++) {
    int c = rnd.nextInt(pts.length / 3); double radius = pi == 0 ? 0.03 : 0.02; float[] target = pi == 0 ? patch : patches;
    for (int p = 0; p < pts.length / 3; p++) { double dx = pts[3*p]-pts[3*c], dy = pts[3*p+1]-pts[3*c+1], dz = pts[3*p+2]-pts[3*c+2];
      if (dx*dx+dy*dy+dz*dz < radius*radius) for (int q=0;q<3;q++) target[3*p+q] = -tn[3*p+q]; }
  }
  float[][] variants = {tn, inside, half, patch, patches};
  StringBuilder line = new StringBuilder(i + " " + s.scanFamily());
  for (int v = 0; v < variants.length; v++) {
    var given = ex.withScanNormals(variants[v]);
    var oriented = NormalSigns.fromModel(r, t.head(), given, i, Integer.getInteger("passes", NormalSigns.PASSES));
    if (Boolean.getBoolean("both")) { // flip only where the model and the propagated PCA signs both disagree with the given sign
      float[] g = variants[v], o = oriented.scanNormals(), pca = NormalEstimation.estimate(pts, 12, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.valueOf(System.getProperty("fit", "quadric").toUpperCase())), f = g.clone();
      for (int p = 0; p < g.length / 3; p++) {
        boolean modelFlips = g[3*p]*o[3*p]+g[3*p+1]*o[3*p+1]+g[3*p+2]*o[3*p+2] < 0;
        boolean pcaDisagrees = g[3*p]*pca[3*p]+g[3*p+1]*pca[3*p+1]+g[3*p+2]*pca[3*p+2] < 0;
        if (modelFlips && pcaDisagrees) for (int q=0;q<3;q++) f[3*p+q] = -g[3*p+q];
      }
      oriented = given.withScanNormals(f);
    }
    double e0 = mm(r.feedForward(given, i).positions(), given), e1 = mm(r.feedForward(oriented, i).positions(), oriented);
    double w0 = wrong(variants[v], tn), w1 = wrong(oriented.scanNormals(), tn);
    acc[v][0] += e0 / n; acc[v][1] += e1 / n; acc[v][2] += w0 / n; acc[v][3] += w1 / n;
    line.append(String.format(" | %s %.2f -> %.2f mm (%.1f%% -> %.1f%% wrong)", names[v], e0, e1, w0, w1));
  }
  System.out.println(line);
}
for (int v = 0; v < names.length; v++) System.out.printf("%s: %.3f -> %.3f mm, wrong signs %.2f%% -> %.2f%%%n", names[v], acc[v][0], acc[v][1], acc[v][2], acc[v][3]);
/exit
