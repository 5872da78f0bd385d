// Which estimated normals the encoder reads best (session 19): each test scan's points encoded with
// its own normals (as meshes give them), with PCA normals of k neighbours given the true signs (so
// only the directions differ), and with the normals of a decoded head at each point's closest point
// (the head decoded from the scan's own normals, `model`, or from PCA normals with true signs,
// `model-pca`), and a blend. Calibrated feed-forward mean per-vertex error (mm) and the mean angle to
// the scan's own normals (degrees); then the shipped chain for clouds without normals (PCA, signs
// propagated, then from the model) and the same with quadric (jet) directions of jk neighbours.
// first=0 n=40 split=test ks=6,8,12,20 jks=12,20,30 jk=12
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 40);
int[] ks = java.util.Arrays.stream(System.getProperty("ks", "6,8,12,20").split(",")).mapToInt(Integer::parseInt).toArray();
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "test")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int q = 0; q < 3; q++) { double d = head[3*v+q] - truth[3*v+q]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
float[] withSigns(float[] est, float[] truth) {
  float[] out = est.clone();
  for (int i = 0; i < out.length; i += 3) if (out[i]*truth[i]+out[i+1]*truth[i+1]+out[i+2]*truth[i+2] < 0) { out[i] = -out[i]; out[i+1] = -out[i+1]; out[i+2] = -out[i+2]; }
  return out;
}
double angle(float[] a, float[] b) {
  double s = 0; int m = a.length / 3;
  for (int i = 0; i < a.length; i += 3) {
    double c = (a[i]*b[i]+a[i+1]*b[i+1]+a[i+2]*b[i+2]) / Math.sqrt((a[i]*a[i]+a[i+1]*a[i+1]+a[i+2]*a[i+2]) * (b[i]*b[i]+b[i+1]*b[i+1]+b[i+2]*b[i+2]) + 1e-30);
    s += Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
  }
  return s / m;
}
// the decoded head's interpolated vertex normal at each point's closest point
float[] surfaceNormals(float[] points, float[] head) {
  Mesh surface = t.head().withPositions(head);
  var closest = new ClosestPointOnMesh(surface);
  int[] tris = closest.triangles();
  float[] vn = Normals.vertexNormals(head, tris);
  float[] out = new float[points.length];
  for (int i = 0; i < points.length / 3; i++) {
    dev.topos.geometry.SurfacePoint s = closest.closest(points[3*i], points[3*i+1], points[3*i+2]);
    double[] q = s.evaluate(vn, tris);
    double l = Math.sqrt(q[0]*q[0]+q[1]*q[1]+q[2]*q[2]) + 1e-30;
    for (int k = 0; k < 3; k++) out[3*i+k] = (float) (q[k] / l);
  }
  return out;
}
float[] blend(float[] a, float[] b) {
  float[] out = new float[a.length];
  for (int i = 0; i < a.length; i += 3) {
    double x = a[i]+b[i], y = a[i+1]+b[i+1], z = a[i+2]+b[i+2], l = Math.sqrt(x*x+y*y+z*z) + 1e-30;
    out[i] = (float) (x/l); out[i+1] = (float) (y/l); out[i+2] = (float) (z/l);
  }
  return out;
}
// quadric ("jet") normals, NormalEstimation's default since session 19 (the prototype here was inline)
float[] jet(float[] pts, int k) { return NormalEstimation.estimate(pts, k, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.QUADRIC); }
float[] plane(float[] pts, int k) { return NormalEstimation.estimate(pts, k, NormalEstimation.Orientation.PROPAGATED, NormalEstimation.Fit.PLANE); }
var names = new java.util.ArrayList<String>();
names.add("scan normals");
for (int k : ks) names.add("pca k=" + k);
names.add("model"); names.add("model-pca"); names.add("blend pca+model-pca");
int[] jks = java.util.Arrays.stream(System.getProperty("jks", "12,20,30").split(",")).mapToInt(Integer::parseInt).toArray();
int jk = Integer.getInteger("jk", 12);
for (int k : jks) names.add("jet k=" + k);
names.add("shipped (oriented pca 12)"); names.add("oriented, jet " + jk + " directions"); names.add("oriented, jet " + jk + ", oriented again");
names.add("jet " + jk + " (signs propagated with the planes), oriented (shipped since session 19)");
int M = names.size();
double[] err = new double[M], ang = new double[M];
var fam = new java.util.TreeMap<String, double[]>();
for (long i = first; i < first + n; i++) {
  Sample s = reader.get(i);
  var ex = VaeExample.of(s, t.head());
  float[] truthN = ex.scanNormals();
  float[] pts = ex.scanUnitPositions();
  float[][] normals = new float[M][];
  normals[0] = truthN;
  for (int j = 0; j < ks.length; j++) normals[1 + j] = withSigns(plane(ex.scanMetres(), ks[j]), truthN);
  float[] pca12 = withSigns(plane(ex.scanMetres(), 12), truthN);
  float[] headTrue = r.feedForward(ex, i).positions();
  normals[1 + ks.length] = surfaceNormals(pts, headTrue);
  float[] headPca = r.feedForward(ex.withScanNormals(pca12), i).positions();
  normals[2 + ks.length] = surfaceNormals(pts, headPca);
  normals[3 + ks.length] = blend(pca12, normals[2 + ks.length]);
  for (int j = 0; j < jks.length; j++) normals[4 + ks.length + j] = withSigns(jet(ex.scanMetres(), jks[j]), truthN);
  float[] oriented = NormalSigns.fromModel(r, t.head(), ex.withScanNormals(plane(ex.scanMetres(), 12)), i).scanNormals();
  normals[4 + ks.length + jks.length] = oriented;
  float[] jetOriented = withSigns(jet(ex.scanMetres(), jk), oriented);
  normals[5 + ks.length + jks.length] = jetOriented;
  normals[6 + ks.length + jks.length] = NormalSigns.fromModel(r, t.head(), ex.withScanNormals(jetOriented), i, 1).scanNormals();
  normals[7 + ks.length + jks.length] = NormalSigns.fromModel(r, t.head(), ex.withScanNormals(jet(ex.scanMetres(), jk)), i, Integer.getInteger("passes", 2)).scanNormals();
  double[] f = fam.computeIfAbsent(s.scanFamily(), x -> new double[M + 1]);
  StringBuilder line = new StringBuilder(String.format("%d %-15s", i, s.scanFamily()));
  for (int m = 0; m < M; m++) {
    double e = m == 0 ? mm(headTrue, ex) : mm(r.feedForward(ex.withScanNormals(normals[m]), i).positions(), ex);
    double a = angle(normals[m], truthN);
    err[m] += e; ang[m] += a; f[m] += e;
    line.append(String.format(" | %s %.3f (%.1f deg)", names.get(m), e, a));
  }
  f[M]++;
  System.out.println(line);
}
fam.forEach((name, f) -> { StringBuilder b = new StringBuilder(String.format("%-15s n=%.0f:", name, f[M])); for (int m = 0; m < M; m++) b.append(String.format(" %s %.3f;", names.get(m), f[m] / f[M])); System.out.println(b); });
for (int m = 0; m < M; m++) System.out.printf("all n=%d: %-22s %.3f mm, %.1f deg%n", n, names.get(m), err[m] / n, ang[m] / n);
/exit
