// The shape fit with the scan's points observed too (session 9): besides each vertex's offset to
// the scan (the shipped reading), each scan point's offset from the head's surface along the face
// normal at its closest point (a barycentric mix of three vertices), both robustly weighted. Both
// variants here run the same code (translations free, no rotations); the shipped fit for reference.
// first=64 n=32 lambda=1 (the points' weight against the vertices') [sideways=F: no point whose offset
// is under F times its distance to the head, i.e. one that lies mostly beside its closest point, as
// at a cut neck's edge; 0 keeps all]
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var base = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null));
var shape = ShippedWeights.loadShapeModes(null);
var shipped = base.withShapeModes(shape);
int V = t.vertexCount(), D = 3 * V, K = shape.count(), C = K + 3;
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32);
double lambda = Double.parseDouble(System.getProperty("lambda", "1"));
double sideways = Double.parseDouble(System.getProperty("sideways", "0"));
double SIGMA = 0.00025, CW = 0.0002;
float[] mu = shape.gaussian().mean(), modes = shape.gaussian().modes();
int[] tris = t.head().triangles();
boolean[] observable = new boolean[V]; for (int v = 0; v < V; v++) observable[v] = reg[v] != Region.MOUTH_CAVITY;
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
// observations: up to 3 vertices with barycentric weights, a unit normal, an offset and a weight
record Obs(int[] v, double[] b, double[] nrm, double offset, double w) {}
float[] fit(float[] x, java.util.List<Obs> obs) {
  double[] shift = new double[3]; for (int i = 0; i < D; i++) shift[i % 3] += (x[i] - mu[i]) / V;
  int m = obs.size();
  var A = new DMatrixRMaj(C, m); var r = new DMatrixRMaj(m, 1);
  for (int o = 0; o < m; o++) {
    Obs ob = obs.get(o); double s = Math.sqrt(ob.w()) / SIGMA; double gap = ob.offset();
    for (int k = 0; k < ob.v().length; k++) { int v = ob.v()[k]; for (int c = 0; c < 3; c++) gap += ob.b()[k] * ob.nrm()[c] * (x[3*v+c] - mu[3*v+c] - shift[c]); }
    r.set(o, 0, gap * s);
    for (int j = 0; j < K; j++) { double a = 0; for (int k = 0; k < ob.v().length; k++) { int at = j * D + 3 * ob.v()[k]; a += ob.b()[k] * (ob.nrm()[0]*modes[at] + ob.nrm()[1]*modes[at+1] + ob.nrm()[2]*modes[at+2]); } A.data[j * m + o] = a * s; }
    for (int c = 0; c < 3; c++) A.data[(K + c) * m + o] = ob.nrm()[c] * 0.02 * s;
  }
  var H = new DMatrixRMaj(C, C); CommonOps_DDRM.multOuter(A, H); for (int c = 0; c < C; c++) H.add(c, c, 1);
  var b = new DMatrixRMaj(C, 1); CommonOps_DDRM.mult(A, r, b);
  var a = new DMatrixRMaj(C, 1); CommonOps_DDRM.solve(H, b, a);
  double[] z = new double[K]; for (int j = 0; j < K; j++) z[j] = a.get(j);
  float[] out = shape.gaussian().sample(z);
  for (int i = 0; i < D; i++) out[i] += (float) (shift[i % 3] + a.get(K + i % 3) * 0.02);
  return out;
}
double cauchy(double r) { double q = r / CW; return 1 / (1 + q * q); }
java.util.List<Obs> observe(float[] x, float[] scan, float[] sn, boolean points) {
  var list = new java.util.ArrayList<Obs>();
  float[] vn = t.head().withPositions(x).vertexNormals();
  var seen = NormalOffsets.observe(x, vn, observable, scan, sn, 0.010);
  for (int m = 0; m < seen.count(); m++) { int v = seen.vertices()[m]; list.add(new Obs(new int[]{v}, new double[]{1}, new double[]{seen.normals()[3*m], seen.normals()[3*m+1], seen.normals()[3*m+2]}, seen.offsets()[m], cauchy(seen.offsets()[m]))); }
  if (!points) return list;
  var cp = new ClosestPointOnMesh(x, tris);
  for (int p = 0; p < scan.length / 3; p++) {
    var sp = cp.closest(scan[3*p], scan[3*p+1], scan[3*p+2]);
    if (sp.distance() > 0.010) continue;
    int i0 = tris[3*sp.triangle()], i1 = tris[3*sp.triangle()+1], i2 = tris[3*sp.triangle()+2];
    if (!observable[i0] || !observable[i1] || !observable[i2]) continue;
    double[] e1 = {x[3*i1]-x[3*i0], x[3*i1+1]-x[3*i0+1], x[3*i1+2]-x[3*i0+2]}, e2 = {x[3*i2]-x[3*i0], x[3*i2+1]-x[3*i0+1], x[3*i2+2]-x[3*i0+2]};
    double[] nr = {e1[1]*e2[2]-e1[2]*e2[1], e1[2]*e2[0]-e1[0]*e2[2], e1[0]*e2[1]-e1[1]*e2[0]}; double len = Math.sqrt(nr[0]*nr[0]+nr[1]*nr[1]+nr[2]*nr[2]);
    if (len == 0) continue; for (int c = 0; c < 3; c++) nr[c] /= len;
    if (Math.abs(nr[0]*sn[3*p] + nr[1]*sn[3*p+1] + nr[2]*sn[3*p+2]) < 0.5) continue;
    double off = nr[0]*(scan[3*p]-sp.x()) + nr[1]*(scan[3*p+1]-sp.y()) + nr[2]*(scan[3*p+2]-sp.z());
    if (Math.abs(off) < sideways * sp.distance()) continue;
    list.add(new Obs(new int[]{i0, i1, i2}, new double[]{sp.b0(), sp.b1(), sp.b2()}, nr, off, lambda * cauchy(off)));
  }
  return list;
}
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
var groups = new java.util.TreeMap<String, double[]>();
void add(String g, double[] e) { double[] s = groups.computeIfAbsent(g, k -> new double[e.length + 1]); s[0]++; for (int k = 0; k < e.length; k++) s[k + 1] += e[k]; }
for (long i = first; i < first + n; i++) {
  var smp = reader.get(i);
  var ex = VaeExample.of(smp, t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ffR = base.encodeDecode(ex, i);
  float[] corr = ex.frame().fromUnit(base.correct(ex, ffR).positions());
  float[] ship = ex.frame().fromUnit(shipped.correct(ex, ffR).positions());
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  double[] e = new double[4]; e[0] = dist(corr, gt); e[1] = dist(ship, gt);
  for (int variant = 0; variant < 2; variant++) {
    float[] cur = corr;
    for (int pass = 0; pass < 2; pass++) cur = fit(cur, observe(cur, scan, sn, variant == 1));
    e[2 + variant] = dist(cur, gt);
  }
  add("all", e); add("family " + ex.family(), e);
  System.out.printf("head %d %-14s: %s%n", i, ex.family(), java.util.Arrays.toString(java.util.Arrays.stream(e).map(x -> Math.round(x*1000)/1000.0).toArray()));
}
System.out.println("columns: error modes only, shipped, vertices (this script), vertices and points");
for (var g : groups.entrySet()) { double[] s = g.getValue(); StringBuilder sb = new StringBuilder(); for (int k = 1; k < s.length; k++) sb.append(String.format(" %.3f", s[k] / s[0])); System.out.printf("MEAN %-22s (%2d):%s%n", g.getKey(), (int) s[0], sb); }
/exit
