// Head-space posterior: x = mu + M z (PCA of `bank` training heads, K directions x sd, z ~ N(0,I)),
// observed through (1) the feed-forward head plus the mean error, isotropic noise tau per coordinate,
// and (2) the scan's offsets along the current head's normals (noise sigma); Gauss-Newton iterations
// re-linearise the offsets. Compared with the error-mode correction (2 passes: the first
// unweighted one and one reweighted; session 8 ran it with session 7's 2 unweighted passes).
// bank=2000 k=1000 tau_mm=1.5 sigma_mm=1 iters=3 first=64 n=16 obs=default|neck
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.nn.vae.*;
import dev.topos.topology.fit.NormalOffsets;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
import org.ejml.dense.row.factory.*;
import org.ejml.interfaces.decomposition.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null);
var r = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 2000), K = Integer.getInteger("k", 1000), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16), iters = Integer.getInteger("iters", 3);
double[] taus = java.util.Arrays.stream(System.getProperty("tau_mm", "1.5").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
double[] sigmas = java.util.Arrays.stream(System.getProperty("sigma_mm", "1").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
String obs = System.getProperty("obs", "default");
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
double[] mu = new double[D]; float[][] h = new float[bank][];
for (int i = 0; i < bank; i++) { h[i] = java.util.Arrays.copyOf(train.get(i).vertices(), D); for (int j = 0; j < D; j++) mu[j] += h[i][j] / bank; }
var X = new DMatrixRMaj(bank, D);
for (int i = 0; i < bank; i++) for (int j = 0; j < D; j++) X.set(i, j, h[i][j] - mu[j]);
h = null;
var G = new DMatrixRMaj(bank, bank); CommonOps_DDRM.multTransB(X, X, G);
var eig = DecompositionFactory_DDRM.eig(bank, true, true); eig.decompose(G);
Integer[] order = new Integer[bank]; for (int i = 0; i < bank; i++) order[i] = i;
java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
var M = new DMatrixRMaj(D, K); double[] var_ = new double[K];
for (int k = 0; k < K; k++) {
  var e = eig.getEigenVector(order[k]); double lam = Math.max(eig.getEigenvalue(order[k]).real, 1e-30);
  var col = new DMatrixRMaj(D, 1); CommonOps_DDRM.multTransA(X, e, col);
  double f = 1 / Math.sqrt(bank - 1);
  for (int j = 0; j < D; j++) M.set(j, k, col.get(j) * f);
}
X = null; G = null;
var MtM = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(M, M, MtM);
System.out.println("head space ready");
float[] headOf(DMatrixRMaj z) { var x = new DMatrixRMaj(D, 1); CommonOps_DDRM.mult(M, z, x); float[] out = new float[D]; for (int j = 0; j < D; j++) out[j] = (float) (mu[j] + x.get(j)); return out; }
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
boolean[] observable = new boolean[V];
for (int v = 0; v < V; v++) observable[v] = reg[v] != Region.MOUTH_CAVITY && reg[v] != Region.SCALP && (obs.equals("neck") || reg[v] != Region.NECK);
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
int modes = taus.length * sigmas.length;
double[][] sum = new double[modes][iters]; double sff = 0, scorr = 0;
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  var ex = VaeExample.of(s, t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ffR = r.encodeDecode(ex, i);
  float[] ff = ex.frame().fromUnit(ffR.positions());
  float[] corr = ex.frame().fromUnit(r.correct(ex, ffR, 2).positions());
  sff += dist(ff, gt) / n; scorr += dist(corr, gt) / n;
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  var prior0 = new DMatrixRMaj(D, 1); for (int j = 0; j < D; j++) prior0.set(j, ff[j] + em.meanError()[j] - mu[j]);
  var mtd = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(M, prior0, mtd);
  StringBuilder line = new StringBuilder();
  int mi = 0;
  for (double tau : taus) for (double sigma : sigmas) {
    float[] cur = corr;
    for (int it = 0; it < iters; it++) {
      float[] cn = t.head().withPositions(cur).vertexNormals();
      var seen = NormalOffsets.observe(cur, cn, observable, scan, sn, 0.010);
      int m = seen.count();
      var A = new DMatrixRMaj(m, K); var rv = new DMatrixRMaj(m, 1);
      for (int o = 0; o < m; o++) { int v = seen.vertices()[o]; float nx = seen.normals()[3*o], ny = seen.normals()[3*o+1], nz = seen.normals()[3*o+2];
        rv.set(o, 0, (seen.offsets()[o] + nx*(cur[3*v]-mu[3*v]) + ny*(cur[3*v+1]-mu[3*v+1]) + nz*(cur[3*v+2]-mu[3*v+2])) / (sigma*sigma));
        for (int k = 0; k < K; k++) A.set(o, k, nx*M.get(3*v, k) + ny*M.get(3*v+1, k) + nz*M.get(3*v+2, k)); }
      var H = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(A, A, H); CommonOps_DDRM.scale(1 / (sigma*sigma), H);
      CommonOps_DDRM.addEquals(H, 1 / (tau*tau), MtM);
      for (int k = 0; k < K; k++) H.add(k, k, 1);
      var b = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(A, rv, b); CommonOps_DDRM.addEquals(b, 1 / (tau*tau), mtd);
      var z = new DMatrixRMaj(K, 1); CommonOps_DDRM.solve(H, b, z);
      cur = headOf(z);
      double e = dist(cur, gt); sum[mi][it] += e / n;
      if (it == iters - 1) line.append(String.format(" %.3f", e));
    }
    mi++;
  }
  System.out.printf("head %d %s: ff %.3f corr %.3f |%s%n", i, ex.family(), dist(ff, gt), dist(corr, gt), line);
}
System.out.printf("MEAN ff %.3f corrected %.3f%n", sff, scorr);
int mi = 0;
for (double tau : taus) for (double sigma : sigmas) { StringBuilder sb = new StringBuilder(); for (int it = 0; it < iters; it++) sb.append(String.format(" %.3f", sum[mi][it])); System.out.printf("MEAN tau %.1f sigma %.1f:%s%n", tau*1000, sigma*1000, sb); mi++; }
/exit
