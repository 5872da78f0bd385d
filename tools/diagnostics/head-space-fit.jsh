// Refinement in a learned linear head space: x = mean + M z, M = the top K principal directions of
// `bank` training heads times their standard deviations, z ~ N(0, I) a priori. Start: the VAE's
// head (feed-forward or refined) projected into the space (least squares plus the prior). Then
// Gauss-Newton steps: each vertex's offset from the scan along its normal is observed (the plane of
// the nearest scan point within 10 mm; scalp, neck and mouth cavity not observed), noise sigma, and
// z is re-solved with the prior. Mean per-vertex error (mm) split along the normal / the surface.
// bank=2000 k=500 sigma_mm=1,2 iters=5 start=ff|refined first=64 n=16 split=val ideal=false
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
import org.ejml.dense.row.factory.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 2000), K = Integer.getInteger("k", 500), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16), iters = Integer.getInteger("iters", 5);
boolean ideal = Boolean.parseBoolean(System.getProperty("ideal", "false")), refined = System.getProperty("start", "ff").equals("refined");
double[] sigmas = java.util.Arrays.stream(System.getProperty("sigma_mm", "1,2").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
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
var M = new DMatrixRMaj(D, K); double kept = 0, total = 0;
for (int i = 0; i < bank; i++) total += Math.max(0, eig.getEigenvalue(i).real);
for (int k = 0; k < K; k++) {
  var e = eig.getEigenVector(order[k]); double lam = Math.max(eig.getEigenvalue(order[k]).real, 1e-30); kept += lam;
  var col = new DMatrixRMaj(D, 1); CommonOps_DDRM.multTransA(X, e, col);
  double f = 1 / Math.sqrt(bank - 1); // (X^T e / sqrt(lam)) * sqrt(lam / (bank - 1))
  for (int j = 0; j < D; j++) M.set(j, k, col.get(j) * f);
}
X = null; G = null;
System.out.printf("head space: %d training heads, %d directions, %.2f %% of the variance%n", bank, K, 100 * kept / total);
var MtM = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(M, M, MtM);
double[] split(float[] x, float[] y, float[] nrm) { double s=0, sn=0, st=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; double d=Math.sqrt(dx*dx+dy*dy+dz*dz); double a=dx*nrm[3*v]+dy*nrm[3*v+1]+dz*nrm[3*v+2]; s+=d; sn+=Math.abs(a); st+=Math.sqrt(Math.max(0,d*d-a*a)); } return new double[]{s/V*1000, sn/V*1000, st/V*1000}; }
float[] headOf(DMatrixRMaj z) { var x = new DMatrixRMaj(D, 1); CommonOps_DDRM.mult(M, z, x); float[] out = new float[D]; for (int j = 0; j < D; j++) out[j] = (float) (mu[j] + x.get(j)); return out; }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
int modes = 2 + sigmas.length * iters;
double[][] sum = new double[modes][3];
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), D);
  float[] gtN = t.head().withPositions(gt).vertexNormals();
  VaeExample ex;
  if (ideal) { var cloud = new SurfaceSampler(t.head().withPositions(gt)).samplePoints(4096, i, SurfaceSampler.NormalMode.FACE); ex = VaeExample.ofScan(ScanConditioning.apply(cloud.positions(), cloud.normals(), Axis.PY, Axis.PZ, Units.M)); }
  else ex = VaeExample.of(s, t.head());
  float[] head = ex.frame().fromUnit((refined ? r.refine(ex, 60, i) : r.encodeDecode(ex, i)).positions());
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  var tree = new KdTree(scan);
  // projection of the VAE head: (M^T M / tau^2 + I) z = M^T (head - mu) / tau^2, tau = 0.5 mm
  double tau = 0.0005;
  var Hp = MtM.copy(); CommonOps_DDRM.scale(1 / (tau * tau), Hp); for (int k = 0; k < K; k++) Hp.add(k, k, 1);
  var d0 = new DMatrixRMaj(D, 1); for (int j = 0; j < D; j++) d0.set(j, (head[j] - mu[j]) / (tau * tau));
  var b0 = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(M, d0, b0);
  var z0 = new DMatrixRMaj(K, 1); CommonOps_DDRM.solve(Hp, b0, z0);
  float[] projected = headOf(z0);
  double[][] e = new double[modes][];
  e[0] = split(head, gt, gtN); e[1] = split(projected, gt, gtN);
  for (int si = 0; si < sigmas.length; si++) {
    double sigma = sigmas[si]; var z = z0.copy(); float[] cur = projected;
    for (int it = 0; it < iters; it++) {
      float[] cn = t.head().withPositions(cur).vertexNormals();
      java.util.List<Integer> obsV = new java.util.ArrayList<>(); java.util.List<Double> obsR = new java.util.ArrayList<>();
      for (int v = 0; v < V; v++) {
        if (reg[v] == Region.MOUTH_CAVITY || (!ideal && (reg[v] == Region.SCALP || reg[v] == Region.NECK))) continue;
        var nb = tree.nearestNeighbor(cur[3*v], cur[3*v+1], cur[3*v+2]);
        if (nb.distance() > 0.010) continue;
        int q = nb.index(); double dot = sn[3*q]*cn[3*v] + sn[3*q+1]*cn[3*v+1] + sn[3*q+2]*cn[3*v+2];
        if (Math.abs(dot) < 0.5) continue;
        double off = (sn[3*q]*(scan[3*q]-cur[3*v]) + sn[3*q+1]*(scan[3*q+1]-cur[3*v+1]) + sn[3*q+2]*(scan[3*q+2]-cur[3*v+2])) / dot;
        if (Math.abs(off) < 0.010) { obsV.add(v); obsR.add(off); }
      }
      int m = obsV.size();
      var A = new DMatrixRMaj(m, K); var rv = new DMatrixRMaj(m, 1);
      for (int o = 0; o < m; o++) { int v = obsV.get(o); rv.set(o, 0, obsR.get(o) / (sigma * sigma));
        for (int k = 0; k < K; k++) A.set(o, k, cn[3*v]*M.get(3*v, k) + cn[3*v+1]*M.get(3*v+1, k) + cn[3*v+2]*M.get(3*v+2, k)); }
      var H = new DMatrixRMaj(K, K); CommonOps_DDRM.multTransA(A, A, H); CommonOps_DDRM.scale(1 / (sigma * sigma), H);
      for (int k = 0; k < K; k++) H.add(k, k, 1);
      var b = new DMatrixRMaj(K, 1); CommonOps_DDRM.multTransA(A, rv, b); CommonOps_DDRM.subtractEquals(b, z);
      var delta = new DMatrixRMaj(K, 1); CommonOps_DDRM.solve(H, b, delta);
      CommonOps_DDRM.addEquals(z, delta);
      cur = headOf(z);
      e[2 + si * iters + it] = split(cur, gt, gtN);
    }
  }
  for (int mi = 0; mi < modes; mi++) for (int j = 0; j < 3; j++) sum[mi][j] += e[mi][j] / n;
  System.out.printf("head %d (%s): start %.3f, projected %.3f, fitted %.3f%n", i, ex.family(), e[0][0], e[1][0], e[modes - 1][0]);
}
for (int mi = 0; mi < modes; mi++) System.out.printf("MEAN %s: %.3f mm (along the normal %.3f, along the surface %.3f)%n",
    mi == 0 ? (refined ? "refined" : "feed-forward") : mi == 1 ? "projected into the head space" : "sigma " + sigmas[(mi - 2) / iters] * 1000 + " mm, Gauss-Newton step " + ((mi - 2) % iters + 1), sum[mi][0], sum[mi][1], sum[mi][2]);
/exit
