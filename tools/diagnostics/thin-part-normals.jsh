// The decoded head's normals in place of estimated ones where the decoded head says "ear" (or the
// `regions=` listed), where the estimate is more than `gate=` degrees off the head's (session 19,
// prototype of NormalsFromSurface in NormalSigns.fromModel): with the true signs, in session 18's
// sign chain (as shipped before, "chain (shipped)" now runs the shipped chain, which includes it),
// after the chain with the last head (one more decode), and inside the chain's passes.
// first=0 n=40 regions=EARS gate=0
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg).withCalibration(ShippedWeights.loadCalibration(null));
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 40);
double gate = Double.parseDouble(System.getProperty("gate", "0"));
var which = java.util.Set.of(System.getProperty("regions", "EARS").split(","));
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/test"));
double mm(float[] head, VaeExample ex) { return Metrics.perVertexError(ex.frame().fromUnit(head), ex.frame().fromUnit(ex.targetPositions())).meanMm(); }
float[] trueSigns(float[] q, float[] truthN) { float[] o = q.clone(); for (int p = 0; p < o.length; p += 3) if (o[p]*truthN[p]+o[p+1]*truthN[p+1]+o[p+2]*truthN[p+2] < 0) { o[p] = -o[p]; o[p+1] = -o[p+1]; o[p+2] = -o[p+2]; } return o; }
// the decoded head's normal at each point's closest point where that point is nearest a vertex of the chosen regions
float[] fromHead(float[] pts, float[] normals, float[] head, double weight) {
  var closest = new ClosestPointOnMesh(t.head().withPositions(head));
  int[] tris = closest.triangles();
  float[] vn = Normals.vertexNormals(head, tris);
  float[] out = normals.clone();
  for (int p = 0; p < pts.length / 3; p++) {
    var c = closest.closest(pts[3*p], pts[3*p+1], pts[3*p+2]);
    int tr = c.triangle();
    int v = c.b0() >= c.b1() && c.b0() >= c.b2() ? tris[3*tr] : c.b1() >= c.b2() ? tris[3*tr+1] : tris[3*tr+2];
    if (!which.contains(reg[v].name())) continue;
    double[] m = c.evaluate(vn, tris);
    double ml = Math.sqrt(m[0]*m[0]+m[1]*m[1]+m[2]*m[2]) + 1e-30;
    double cos = Math.abs(m[0]*normals[3*p]+m[1]*normals[3*p+1]+m[2]*normals[3*p+2]) / ml;
    if (Math.toDegrees(Math.acos(Math.min(1, cos))) < gate) continue;
    double[] b = {weight*m[0] + (1-weight)*normals[3*p], weight*m[1] + (1-weight)*normals[3*p+1], weight*m[2] + (1-weight)*normals[3*p+2]};
    double l = Math.sqrt(b[0]*b[0]+b[1]*b[1]+b[2]*b[2]) + 1e-30;
    for (int k = 0; k < 3; k++) out[3*p+k] = (float) (b[k] / l);
  }
  return out;
}
String[] names = {"integrated in both passes", "integrated in the last pass", "own", "quadric true signs", "  + head normals on regions", "  + half blend", "chain (shipped)", "chain + head normals on regions (last head)", "chain + head normals, then one more sign pass"};
double[] sum = new double[names.length];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] truthN = ex.scanNormals(), pts = ex.scanUnitPositions();
  float[] est = NormalEstimation.estimate(ex.scanMetres(), 12);
  float[] q = trueSigns(est, truthN);
  float[] headQ = r.feedForward(ex.withScanNormals(q), i).positions();
  VaeExample chain = NormalSigns.fromModel(r, t.head(), ex.withScanNormals(est), i);
  float[] headChain = r.feedForward(chain, i).positions();
  float[] chainHead = fromHead(pts, chain.scanNormals(), headChain, 1);
  VaeExample o1 = ex.withScanNormals(est), o2 = ex.withScanNormals(est);
  double maxD = NormalSigns.MAX_DISTANCE_M / ex.frame().scale();
  for (int pass = 0; pass < 2; pass++) {
    float[] h1 = r.feedForward(o1, i).positions();
    o1 = o1.withScanNormals(NormalOrientation.alongSurface(pts, o1.scanNormals(), t.head().withPositions(h1), NormalSigns.MIN_COS, maxD));
    o1 = o1.withScanNormals(fromHead(pts, o1.scanNormals(), h1, 1));
    float[] h2 = r.feedForward(o2, i).positions();
    o2 = o2.withScanNormals(NormalOrientation.alongSurface(pts, o2.scanNormals(), t.head().withPositions(h2), NormalSigns.MIN_COS, maxD));
    if (pass == 1) o2 = o2.withScanNormals(fromHead(pts, o2.scanNormals(), h2, 1));
  }
  float[][] v = {o1.scanNormals(), o2.scanNormals(), truthN, q, fromHead(pts, q, headQ, 1), fromHead(pts, q, headQ, 0.5), chain.scanNormals(), chainHead,
      NormalSigns.fromModel(r, t.head(), chain.withScanNormals(chainHead), i, 1).scanNormals()};
  StringBuilder line = new StringBuilder(i + "");
  for (int m = 0; m < v.length; m++) { double e = mm(m == 2 ? r.feedForward(ex, i).positions() : m == 3 ? headQ : m == 6 ? headChain : r.feedForward(ex.withScanNormals(v[m]), i).positions(), ex); sum[m] += e; line.append(String.format(" %.3f", e)); }
  System.out.println(line);
}
for (int m = 0; m < names.length; m++) System.out.printf("all n=%d regions=%s: %-46s %.3f mm%n", n, which, names[m], sum[m] / n);
/exit
