// How the shape fit reads the scan (session 9): against the shipped reading (the nearest point's
// tangent plane along the vertex normal), (1) the mean of that and of the point's own height along
// the normal (the plane overshoots a convex surface by about k d^2 / 2 and the height falls short by
// as much, d the point's distance from the normal line), (2) no reading when the nearest point lies
// farther than `side_mm` from the normal line (holes, cut necks, scan borders), (3) both.
// first=64 n=32 side_mm=5
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var base = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null));
var shape = ShippedWeights.loadShapeModes(null);
var shipped = base.withShapeModes(shape);
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32);
double side = Double.parseDouble(System.getProperty("side_mm", "5")) / 1000;
boolean[] observable = new boolean[V]; for (int v = 0; v < V; v++) observable[v] = reg[v] != Region.MOUTH_CAVITY;
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
NormalOffsets observe(float[] head, float[] hn, float[] scan, float[] sn, KdTree tree, boolean mid, boolean limitSide) {
  int[] seen = new int[V]; float[] nn = new float[3*V]; double[] off = new double[V]; int m = 0;
  for (int i = 0; i < V; i++) {
    if (!observable[i]) continue;
    var nb = tree.nearestNeighbor(head[3*i], head[3*i+1], head[3*i+2]);
    if (nb.distance() > 0.010) continue;
    int q = nb.index();
    double cos = sn[3*q]*hn[3*i] + sn[3*q+1]*hn[3*i+1] + sn[3*q+2]*hn[3*i+2];
    if (Math.abs(cos) < 0.5) continue;
    double dx = scan[3*q]-head[3*i], dy = scan[3*q+1]-head[3*i+1], dz = scan[3*q+2]-head[3*i+2];
    double plane = (sn[3*q]*dx + sn[3*q+1]*dy + sn[3*q+2]*dz) / cos;
    double height = hn[3*i]*dx + hn[3*i+1]*dy + hn[3*i+2]*dz;
    double sideways = Math.sqrt(Math.max(0, dx*dx+dy*dy+dz*dz - height*height));
    if (limitSide && sideways > side) continue;
    double o = mid ? (plane + height) / 2 : plane;
    if (Math.abs(o) >= 0.010) continue;
    seen[m] = i; System.arraycopy(hn, 3*i, nn, 3*m, 3); off[m] = o; m++;
  }
  return new NormalOffsets(java.util.Arrays.copyOf(seen, m), java.util.Arrays.copyOf(nn, 3*m), java.util.Arrays.copyOf(off, m));
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
  var tree = new KdTree(scan);
  double[] e = new double[5]; e[0] = dist(corr, gt); e[1] = dist(ship, gt);
  for (int variant = 0; variant < 3; variant++) {
    boolean mid = variant != 1, lim = variant != 0;
    float[] cur = corr;
    for (int pass = 0; pass < 2; pass++) {
      var seen = observe(cur, t.head().withPositions(cur).vertexNormals(), scan, sn, tree, mid, lim);
      double[] w = new double[seen.count()]; for (int m = 0; m < w.length; m++) { double r = seen.offsets()[m] / 0.0002; w[m] = 1 / (1 + r * r); }
      cur = shape.fit(cur, seen, w, 0.00025);
    }
    e[2 + variant] = dist(cur, gt);
  }
  add("all", e); add("family " + ex.family(), e);
  System.out.printf("head %d %-14s: %s%n", i, ex.family(), java.util.Arrays.toString(java.util.Arrays.stream(e).map(x -> Math.round(x*1000)/1000.0).toArray()));
}
System.out.println("columns: error modes only, shipped, midpoint reading, sideways limit, both");
for (var g : groups.entrySet()) { double[] s = g.getValue(); StringBuilder sb = new StringBuilder(); for (int k = 1; k < s.length; k++) sb.append(String.format(" %.3f", s[k] / s[0])); System.out.printf("MEAN %-22s (%2d):%s%n", g.getKey(), (int) s[0], sb); }
/exit
