// Robust error-mode correction (session 8; what Retopologizer.correct became, with first_pass=none):
// scalp and neck observed after the first pass; the first pass unweighted at noise sigma0, then after each pass each observation's
// residual r (the scan's offset from the corrected head along the normal) gives it a weight
// 1 / (1 + (r / c)^2) (Cauchy) for the next pass, at noise sigma. Compared with feed-forward and
// the unweighted correction with the neck observed. Per hair flag (metadata) and scan family.
// sigma0_mm=3 sigma_mm=0.75 c_mm=0.5 passes=8 first_pass=none (the shipped choice; the sweeps ran first_pass=all until the last) first=64 n=64 [modes=FILE k=K] [adaptive=true:
// sigma and c at least 1.4826 x the median absolute offset] [first_pass=all|neck|none: what the
// unweighted first pass observes besides the rest of the head]
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.topology.fit.NormalOffsets;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = System.getProperty("modes") == null ? ShippedWeights.loadErrorModes(null) : ErrorModes.read(java.nio.file.Path.of(System.getProperty("modes")));
if (System.getProperty("k") != null) { int kk = Integer.getInteger("k"); em = new ErrorModes(em.meanError(), java.util.Arrays.copyOf(em.modes(), kk * em.dimension()), em.heads()); }
boolean adaptive = Boolean.parseBoolean(System.getProperty("adaptive", "false"));
var r = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(), D = 3 * V, K = em.count(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64), passes = Integer.getInteger("passes", 3);
double sigmaLater = Double.parseDouble(System.getProperty("sigma_mm", "3")) / 1000;
double sigma0 = Double.parseDouble(System.getProperty("sigma0_mm", System.getProperty("sigma_mm", "3"))) / 1000;
double[] cs = java.util.Arrays.stream(System.getProperty("c_mm", "1,2,3").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
float[] mode = em.modes(), e0 = em.meanError();
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
boolean[] mask(boolean neck, boolean scalp) { boolean[] m = new boolean[V]; for (int v = 0; v < V; v++) m[v] = reg[v] != Region.MOUTH_CAVITY && (scalp || reg[v] != Region.SCALP) && (neck || reg[v] != Region.NECK); return m; }
// weighted posterior mean: start + e0 + modes^T z, z = (I + A^T W A / s^2)^-1 A^T W (o - n.e0) / s^2
float[] solve(float[] start, NormalOffsets seen, double[] w, double sigma) {
  int m = seen.count(); var A = new DMatrixRMaj(m, K); var AW = new DMatrixRMaj(m, K); var rv = new DMatrixRMaj(m, 1);
  for (int o = 0; o < m; o++) { int v = seen.vertices()[o]; float nx = seen.normals()[3*o], ny = seen.normals()[3*o+1], nz = seen.normals()[3*o+2];
    double pred = nx*e0[3*v] + ny*e0[3*v+1] + nz*e0[3*v+2]; double wo = w[o] / (sigma*sigma);
    rv.set(o, 0, (seen.offsets()[o] - pred) * wo);
    for (int c = 0; c < K; c++) { int b = c*D + 3*v; double a = nx*mode[b] + ny*mode[b+1] + nz*mode[b+2]; A.set(o, c, a); AW.set(o, c, a * wo); } }
  var H = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(A, AW, H); for (int c = 0; c < K; c++) H.add(c, c, 1);
  var b = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(A, rv, b);
  var z = new DMatrixRMaj(K, 1); CommonOps_DDRM.solve(H, b, z);
  float[] out = start.clone(); for (int j = 0; j < D; j++) out[j] += e0[j];
  for (int c = 0; c < K; c++) { float zc = (float) z.get(c); for (int j = 0; j < D; j++) out[j] += zc * mode[c*D + j]; }
  return out;
}
String firstObs = System.getProperty("first_pass", "none"); // all | neck (no scalp) | none (no scalp, no neck)
boolean[] firstMask = mask(!firstObs.equals("none"), firstObs.equals("all"));
float[] correct(float[] start, boolean[] obs, float[] scan, float[] sn, double c) {
  float[] cur = start;
  for (int p = 0; p < passes; p++) {
    float[] nrm = t.head().withPositions(cur).vertexNormals();
    var seen = NormalOffsets.observe(cur, nrm, p == 0 && c > 0 ? firstMask : obs, scan, sn, 0.010);
    double[] off = seen.offsets().clone(); double[] w = new double[seen.count()];
    double cc = c, sg = p == 0 ? sigma0 : sigmaLater;
    if (adaptive && p > 0) { double[] a = java.util.Arrays.stream(seen.offsets()).map(Math::abs).sorted().toArray(); double mad = 1.4826 * a[a.length / 2]; cc = Math.max(c, mad); sg = Math.max(sigmaLater, mad); }
    for (int m = 0; m < seen.count(); m++) { int v = seen.vertices()[m]; for (int k = 0; k < 3; k++) off[m] += seen.normals()[3*m+k] * (cur[3*v+k] - start[3*v+k]);
      double res = seen.offsets()[m]; // the scan's offset from the current head
      w[m] = (p == 0 || c <= 0) ? 1 : 1 / (1 + (res / cc) * (res / cc)); }
    cur = solve(start, new NormalOffsets(seen.vertices(), seen.normals(), off), w, sg);
  }
  return cur;
}
int nv = 2 + cs.length; double[][] sum = new double[2][nv]; int[] nh = new int[2];
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
  double[] e = new double[nv];
  e[0] = dist(ff, gt);
  e[1] = dist(correct(ff, mask(true, false), scan, sn, 0), gt);
  for (int k = 0; k < cs.length; k++) e[2 + k] = dist(correct(ff, mask(true, true), scan, sn, cs[k]), gt);
  int h = hair ? 1 : 0; nh[h]++; for (int k = 0; k < nv; k++) sum[h][k] += e[k];
  double[] f = fam.computeIfAbsent(ex.family(), k -> new double[nv + 1]); f[0]++; for (int k = 0; k < nv; k++) f[k+1] += e[k];
  System.out.printf("head %d %-14s hair %-5s %s%n", i, ex.family(), hair, java.util.Arrays.toString(java.util.Arrays.stream(e).map(x -> Math.round(x*1000)/1000.0).toArray()));
}
String hdr = "ff, +neck (non-robust), then scalp+neck robust with c = " + System.getProperty("c_mm", "1,2,3") + " mm";
System.out.println(hdr);
for (int h = 0; h < 2; h++) { StringBuilder sb = new StringBuilder(); for (int k = 0; k < nv; k++) sb.append(String.format(" %.3f", sum[h][k]/nh[h])); System.out.printf("%s n=%d%s%n", h == 1 ? "HAIR" : "BALD", nh[h], sb); }
{ StringBuilder sb = new StringBuilder(); int N = nh[0]+nh[1]; for (int k = 0; k < nv; k++) sb.append(String.format(" %.3f", (sum[0][k]+sum[1][k])/N)); System.out.printf("ALL n=%d%s%n", N, sb); }
for (var en : fam.entrySet()) { double[] f = en.getValue(); StringBuilder sb = new StringBuilder(); for (int k = 0; k < nv; k++) sb.append(String.format(" %.3f", f[k+1]/f[0])); System.out.printf("FAMILY %-14s n=%d%s%n", en.getKey(), (int) f[0], sb); }
/exit
