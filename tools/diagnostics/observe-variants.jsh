// Error-mode correction with other observed sets: default (no scalp, neck, mouth cavity), + neck,
// + neck + scalp when the scan is bald (by metadata: oracle), + neck + scalp always. Prints per-head
// scalp offset statistics to design a hair test. first=64 n=64 split=val
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.topology.fit.NormalOffsets;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null);
var r = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
double sigma = 0.003;
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
boolean[] mask(boolean neck, boolean scalp) { boolean[] m = new boolean[V]; for (int v = 0; v < V; v++) m[v] = reg[v] != Region.MOUTH_CAVITY && (scalp || reg[v] != Region.SCALP) && (neck || reg[v] != Region.NECK); return m; }
float[] correct(float[] start, boolean[] obs, float[] scan, float[] sn, int passes) {
  float[] cur = start;
  for (int p = 0; p < passes; p++) {
    float[] nrm = t.head().withPositions(cur).vertexNormals();
    var seen = NormalOffsets.observe(cur, nrm, obs, scan, sn, 0.010);
    double[] off = seen.offsets().clone();
    for (int m = 0; m < seen.count(); m++) { int v = seen.vertices()[m]; for (int c = 0; c < 3; c++) off[m] += seen.normals()[3*m+c] * (cur[3*v+c] - start[3*v+c]); }
    cur = em.correct(start, new NormalOffsets(seen.vertices(), seen.normals(), off), sigma);
  }
  return cur;
}
String[] names = {"default", "+neck", "+neck+scalp(oracle bald)", "+neck+scalp always"};
double[][] sum = new double[2][names.length + 1]; int[] nh = new int[2];
var fam = new java.util.TreeMap<String, double[]>();
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  boolean hair = s.metadataJson().contains("\"hair\":true");
  var ex = VaeExample.of(s, t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  float[] ff = ex.frame().fromUnit(r.encodeDecode(ex, i).positions());
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  // scalp statistics on the feed-forward head
  float[] nrm = t.head().withPositions(ff).vertexNormals();
  var all = NormalOffsets.observe(ff, nrm, mask(true, true), scan, sn, 0.010);
  int scalpN = 0, scalpSeen = 0; java.util.List<Double> so = new java.util.ArrayList<>();
  for (int v = 0; v < V; v++) if (reg[v] == Region.SCALP) scalpN++;
  for (int m = 0; m < all.count(); m++) if (reg[all.vertices()[m]] == Region.SCALP) { scalpSeen++; so.add(all.offsets()[m]); }
  java.util.Collections.sort(so);
  double med = so.isEmpty() ? Double.NaN : so.get(so.size() / 2) * 1000;
  double[] e = new double[names.length + 1];
  e[0] = dist(ff, gt);
  e[1] = dist(correct(ff, mask(false, false), scan, sn, 2), gt);
  e[2] = dist(correct(ff, mask(true, false), scan, sn, 2), gt);
  e[3] = hair ? e[2] : dist(correct(ff, mask(true, true), scan, sn, 2), gt);
  e[4] = dist(correct(ff, mask(true, true), scan, sn, 2), gt);
  int h = hair ? 1 : 0; nh[h]++; for (int k = 0; k < e.length; k++) sum[h][k] += e[k];
  double[] f = fam.computeIfAbsent(ex.family(), k -> new double[e.length + 1]); f[0]++; for (int k = 0; k < e.length; k++) f[k+1] += e[k];
  System.out.printf("head %d %-14s hair %-5s scalp seen %3d/%d median offset %6.2f mm | ff %.3f def %.3f neck %.3f oracle %.3f always %.3f%n", i, ex.family(), hair, scalpSeen, scalpN, med, e[0], e[1], e[2], e[3], e[4]);
}
for (int h = 0; h < 2; h++) System.out.printf("%s n=%d ff %.3f default %.3f +neck %.3f oracle %.3f always %.3f%n", h == 1 ? "HAIR" : "BALD", nh[h], sum[h][0]/nh[h], sum[h][1]/nh[h], sum[h][2]/nh[h], sum[h][3]/nh[h], sum[h][4]/nh[h]);
int N = nh[0] + nh[1]; System.out.printf("ALL n=%d ff %.3f default %.3f +neck %.3f oracle %.3f always %.3f%n", N, (sum[0][0]+sum[1][0])/N, (sum[0][1]+sum[1][1])/N, (sum[0][2]+sum[1][2])/N, (sum[0][3]+sum[1][3])/N, (sum[0][4]+sum[1][4])/N);
for (var en : fam.entrySet()) { double[] f = en.getValue(); System.out.printf("FAMILY %-14s n=%d ff %.3f default %.3f +neck %.3f oracle %.3f%n", en.getKey(), (int) f[0], f[1]/f[0], f[2]/f[0], f[3]/f[0], f[4]/f[0]); }
/exit
