// Joint posterior over the head (session 9): the truth t = mu + M a (PCA of `bank` training heads, kh
// directions x sd, plus 3 translation columns of sd 20 mm so the frame need not match), a ~ N(0, I),
// observed through (1) the feed-forward head, whose error t - ff ~ N(e0, U U^T + s^2 I) (the shipped
// error modes U and mean e0, an isotropic rest s; s=0 leaves this term out), and (2) the scan's offsets
// along the current head's normals, robustly reweighted as in Retopologizer.correct (weight
// 1 / (1 + (r / c)^2), noise sigma). Linearised first at the shipped correction's head; each pass
// re-observes from the last. Compared with feed-forward and the shipped `--correct`.
// bank=2000 kh=500 s_mm=1 sigma_mm=0.75 c_mm=0.5 passes=4 first=64 n=16 split=val
// start=corr|ff (ff: from the feed-forward head, the first pass unweighted at 3 mm without scalp and neck,
// as Retopologizer.correct's) robust=cauchy|tukey (tukey: (1 - (r / 4.685c)^2)^2, 0 beyond)
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.topology.fit.NormalOffsets;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
import org.ejml.dense.row.factory.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null);
var r = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 2000), kh = Integer.getInteger("kh", 500), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16), passes = Integer.getInteger("passes", 4);
double[] ss = java.util.Arrays.stream(System.getProperty("s_mm", "1").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
double sigma = Double.parseDouble(System.getProperty("sigma_mm", "0.75")) / 1000, cw = Double.parseDouble(System.getProperty("c_mm", "0.5")) / 1000;
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
double[] mu = new double[D]; float[][] h = new float[bank][];
for (int i = 0; i < bank; i++) { h[i] = java.util.Arrays.copyOf(train.get(i).vertices(), D); for (int j = 0; j < D; j++) mu[j] += h[i][j] / (double) bank; }
var X = new DMatrixRMaj(bank, D);
for (int i = 0; i < bank; i++) for (int j = 0; j < D; j++) X.set(i, j, h[i][j] - mu[j]);
h = null;
var G = new DMatrixRMaj(bank, bank); CommonOps_DDRM.multTransB(X, X, G);
var eig = DecompositionFactory_DDRM.eig(bank, true, true); eig.decompose(G);
Integer[] order = new Integer[bank]; for (int i = 0; i < bank; i++) order[i] = i;
java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
int K = kh + 3;
var M = new DMatrixRMaj(D, K);
for (int k = 0; k < kh; k++) {
  var e = eig.getEigenVector(order[k]);
  var col = new DMatrixRMaj(D, 1); CommonOps_DDRM.multTransA(X, e, col);
  double f = 1 / Math.sqrt(bank - 1);
  for (int j = 0; j < D; j++) M.set(j, k, col.get(j) * f);
}
for (int c = 0; c < 3; c++) for (int v = 0; v < V; v++) M.set(3 * v + c, kh + c, 0.020);
X = null; G = null;
int Ke = em.count();
var U = new DMatrixRMaj(D, Ke); float[] mode = em.modes(), e0 = em.meanError();
for (int c = 0; c < Ke; c++) for (int j = 0; j < D; j++) U.set(j, c, mode[c * D + j]);
var MtM = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(M, M, MtM);
var B = new DMatrixRMaj(K, Ke); CommonOps_DDRM.multTransA(M, U, B);
var UtU = new DMatrixRMaj(Ke, Ke); CommonOps_DDRM.multTransA(U, U, UtU);
// per s: Pe = (M^T M - B C^-1 B^T) / s^2, C = s^2 I + U^T U; and B C^-1 for the information vector
int S = ss.length; DMatrixRMaj[] Pe = new DMatrixRMaj[S], BCi = new DMatrixRMaj[S];
for (int q = 0; q < S; q++) {
  double s = ss[q]; if (s <= 0) continue;
  var C = UtU.copy(); for (int c = 0; c < Ke; c++) C.add(c, c, s * s);
  var Ci = new DMatrixRMaj(Ke, Ke); CommonOps_DDRM.invert(C, Ci);
  BCi[q] = new DMatrixRMaj(K, Ke); CommonOps_DDRM.mult(B, Ci, BCi[q]);
  var BCB = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransB(BCi[q], B, BCB);
  Pe[q] = MtM.copy(); CommonOps_DDRM.subtractEquals(Pe[q], BCB); CommonOps_DDRM.scale(1 / (s * s), Pe[q]);
}
System.out.println("head space ready");
float[] headOf(DMatrixRMaj a) { var x = new DMatrixRMaj(D, 1); CommonOps_DDRM.mult(M, a, x); float[] out = new float[D]; for (int j = 0; j < D; j++) out[j] = (float) (mu[j] + x.get(j)); return out; }
int R = Region.values().length; double[][] regSum = new double[2][R]; int[] regCount = new int[R];
for (int v = 0; v < V; v++) regCount[reg[v].ordinal()]++;
void regions(int slot, float[] x, float[] y) { for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; regSum[slot][reg[v].ordinal()] += Math.sqrt(dx*dx+dy*dy+dz*dz) * 1000 / regCount[reg[v].ordinal()] / n; } }
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
boolean[] observable = new boolean[V], pulledOnly = new boolean[V];
for (int v = 0; v < V; v++) { observable[v] = reg[v] != Region.MOUTH_CAVITY; pulledOnly[v] = observable[v] && reg[v] != Region.SCALP && reg[v] != Region.NECK; }
boolean fromFf = System.getProperty("start", "corr").equals("ff"); boolean tukey = System.getProperty("robust", "cauchy").equals("tukey");
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double[][] sum = new double[S][passes]; double sff = 0, scorr = 0;
for (long i = first; i < first + n; i++) {
  var smp = reader.get(i);
  var ex = VaeExample.of(smp, t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ffR = r.encodeDecode(ex, i);
  float[] ff = ex.frame().fromUnit(ffR.positions());
  float[] corr = ex.frame().fromUnit(r.correct(ex, ffR).positions());
  sff += dist(ff, gt) / n; scorr += dist(corr, gt) / n; regions(0, corr, gt);
  boolean hair = smp.metadataJson().contains("\"hair\":true");
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  var d = new DMatrixRMaj(D, 1); for (int j = 0; j < D; j++) d.set(j, ff[j] + e0[j] - mu[j]);
  var md = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(M, d, md);
  var ud = new DMatrixRMaj(Ke, 1); CommonOps_DDRM.multTransA(U, d, ud);
  StringBuilder line = new StringBuilder();
  for (int q = 0; q < S; q++) {
    var eta = new DMatrixRMaj(K, 1);
    if (ss[q] > 0) { var tmp = new DMatrixRMaj(K, 1); CommonOps_DDRM.mult(BCi[q], ud, tmp); CommonOps_DDRM.subtract(md, tmp, eta); CommonOps_DDRM.scale(1 / (ss[q] * ss[q]), eta); }
    float[] cur = fromFf ? ff : corr;
    for (int it = 0; it < passes; it++) {
      float[] cn = t.head().withPositions(cur).vertexNormals();
      boolean plain = fromFf && it == 0;
      var seen = NormalOffsets.observe(cur, cn, plain ? pulledOnly : observable, scan, sn, 0.010);
      int m = seen.count();
      var A = new DMatrixRMaj(m, K); var AW = new DMatrixRMaj(m, K); var rv = new DMatrixRMaj(m, 1);
      for (int o = 0; o < m; o++) { int v = seen.vertices()[o]; float nx = seen.normals()[3*o], ny = seen.normals()[3*o+1], nz = seen.normals()[3*o+2];
        double res = seen.offsets()[o] / cw; double tk = res / 4.685; double w = plain ? 1 / (0.003 * 0.003) : (tukey ? (Math.abs(tk) < 1 ? (1 - tk*tk) * (1 - tk*tk) : 0) : 1 / (1 + res * res)) / (sigma * sigma); // [1/m^2]
        rv.set(o, 0, w * (seen.offsets()[o] + nx*(cur[3*v]-mu[3*v]) + ny*(cur[3*v+1]-mu[3*v+1]) + nz*(cur[3*v+2]-mu[3*v+2])));
        for (int k = 0; k < K; k++) { double a = nx*M.get(3*v, k) + ny*M.get(3*v+1, k) + nz*M.get(3*v+2, k); A.set(o, k, a); AW.set(o, k, a * w); } }
      var H = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(A, AW, H);
      if (ss[q] > 0) CommonOps_DDRM.addEquals(H, Pe[q]);
      for (int k = 0; k < K; k++) H.add(k, k, 1);
      var b = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(A, rv, b); CommonOps_DDRM.addEquals(b, eta);
      var a = new DMatrixRMaj(K, 1); CommonOps_DDRM.solve(H, b, a);
      cur = headOf(a);
      double e = dist(cur, gt); sum[q][it] += e / n;
      if (it == passes - 1) line.append(String.format(" %.3f", e));
      if (it == passes - 1 && q == 0) regions(1, cur, gt);
    }
  }
  System.out.printf("head %d %-14s %s: ff %.3f corr %.3f |%s%n", i, ex.family(), hair ? "hair" : "bald", dist(ff, gt), dist(corr, gt), line);
}
System.out.printf("MEAN ff %.3f shipped correct %.3f%n", sff, scorr);
for (int q = 0; q < S; q++) { StringBuilder sb = new StringBuilder(); for (int it = 0; it < passes; it++) sb.append(String.format(" %.3f", sum[q][it])); System.out.printf("MEAN s %.2f mm, passes:%s%n", ss[q]*1000, sb); }
for (var g : Region.values()) System.out.printf("region %-13s (%4d vertices): shipped correct %.3f, first s %.3f%n", g.key(), regCount[g.ordinal()], regSum[0][g.ordinal()], regSum[1][g.ordinal()]);
/exit
