// Scans that come with normals (session 18): would taking their signs from the model's heads
// (EstimatedNormals.orient) hurt where the signs are right, and help where a mesh's winding is
// wrong (inside out, or a patch of it)? Calibrated feed-forward error (mm) and the share of
// points with a wrong sign, first n test scans. n=20
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
String[] names = {"as given", "inside out", "right half inside out"};
int n = Integer.getInteger("n", 20);
double[][] acc = new double[3][4];
for (long i = 0; i < n; i++) {
  Sample s = reader.get(i);
  var ex = VaeExample.of(s, t.head());
  float[] tn = ex.scanNormals(); float[] pts = ex.scanMetres();
  float[] inside = tn.clone(); for (int k = 0; k < inside.length; k++) inside[k] = -inside[k];
  float[] half = tn.clone(); for (int p = 0; p < half.length / 3; p++) if (pts[3*p] > 0) for (int q=0;q<3;q++) half[3*p+q] = -half[3*p+q];
  float[][] variants = {tn, inside, half};
  StringBuilder line = new StringBuilder(i + " " + s.scanFamily());
  for (int v = 0; v < 3; v++) {
    var given = ex.withScanNormals(variants[v]);
    var oriented = EstimatedNormals.orient(r, t.head(), given, i);
    double e0 = mm(r.feedForward(given, i).positions(), given), e1 = mm(r.feedForward(oriented, i).positions(), oriented);
    double w0 = wrong(variants[v], tn), w1 = wrong(oriented.scanNormals(), tn);
    acc[v][0] += e0 / n; acc[v][1] += e1 / n; acc[v][2] += w0 / n; acc[v][3] += w1 / n;
    line.append(String.format(" | %s %.2f -> %.2f mm (%.1f%% -> %.1f%% wrong)", names[v], e0, e1, w0, w1));
  }
  System.out.println(line);
}
for (int v = 0; v < 3; v++) System.out.printf("%s: %.3f -> %.3f mm, wrong signs %.2f%% -> %.2f%%%n", names[v], acc[v][0], acc[v][1], acc[v][2], acc[v][3]);
/exit
