// Can the encoder's error along the surface be read off its error along the normal? A bank of
// feed-forward errors (truth - head, metres) of `bank` training heads gives a Gaussian over the
// error: mean e0 plus the top K principal directions. For a held-out scan, the head's offset from
// the scan along each vertex normal is observed (the scan plane of the nearest scan point,
// within 10 mm; scalp, neck and mouth cavity not observed unless ideal), with noise sigma; the
// posterior mean of the error is added to the head (a linear, Kalman-style correction). Mean per-
// vertex error (mm), split along the normal and along the surface: feed-forward, + e0 alone, and
// corrected with K directions. ideal=true: the scan is the true head's surface (every vertex
// observed). bank=1500 k=64,256,1000 sigma_mm=1,2 (several: each with each k) start=ff|refined first=64 n=16 split=val
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
int V = t.vertexCount(); int D = 3 * V;
int bank = Integer.getInteger("bank", 1500), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16);
boolean ideal = Boolean.parseBoolean(System.getProperty("ideal", "false"));
double[] sigmas = java.util.Arrays.stream(System.getProperty("sigma_mm", "2").split(",")).mapToDouble(x -> Double.parseDouble(x) / 1000).toArray();
boolean refined = System.getProperty("start", "ff").equals("refined");
int[] ks = java.util.Arrays.stream(System.getProperty("k", "64,256,1000").split(",")).mapToInt(Integer::parseInt).toArray();
var cache = java.nio.file.Path.of(System.getProperty("cache", "/tmp/error-bank-" + bank + ".bin"));
float[][] err = new float[bank][];
if (java.nio.file.Files.exists(cache)) {
  var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(cache)));
  for (int i = 0; i < bank; i++) { err[i] = new float[D]; for (int j = 0; j < D; j++) err[i][j] = in.readFloat(); }
  in.close();
} else {
  var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
  for (int i = 0; i < bank; i++) {
    var ex = VaeExample.of(train.get(i), t.head());
    float[] head = ex.frame().fromUnit(r.encodeDecode(ex, i).positions()), gt = train.get(i).vertices();
    err[i] = new float[D]; for (int j = 0; j < D; j++) err[i][j] = gt[j] - head[j];
    if (i % 100 == 0) System.out.println("bank " + i);
  }
  var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(cache)));
  for (int i = 0; i < bank; i++) for (int j = 0; j < D; j++) out.writeFloat(err[i][j]);
  out.close();
}
double[] e0 = new double[D];
for (float[] e : err) for (int j = 0; j < D; j++) e0[j] += e[j] / bank;
var X = new DMatrixRMaj(bank, D);
for (int i = 0; i < bank; i++) for (int j = 0; j < D; j++) X.set(i, j, err[i][j] - e0[j]);
var G = new DMatrixRMaj(bank, bank);
CommonOps_DDRM.multTransB(X, X, G);
var eig = DecompositionFactory_DDRM.eig(bank, true, true);
eig.decompose(G);
Integer[] order = new Integer[bank];
for (int i = 0; i < bank; i++) order[i] = i;
java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
int kmax = Math.min(bank - 1, java.util.Arrays.stream(ks).max().getAsInt());
var US = new DMatrixRMaj(D, kmax); // principal directions times their standard deviations
for (int k = 0; k < kmax; k++) {
  var e = eig.getEigenVector(order[k]); double lam = Math.max(eig.getEigenvalue(order[k]).real, 0);
  var col = new DMatrixRMaj(D, 1); CommonOps_DDRM.multTransA(X, e, col);
  double norm = Math.sqrt(lam); double sd = Math.sqrt(lam / (bank - 1));
  for (int j = 0; j < D; j++) US.set(j, k, norm > 0 ? col.get(j) / norm * sd : 0);
}
System.out.printf("error bank of %d heads; mean error alone %.3f mm per vertex%n", bank, java.util.stream.IntStream.range(0, V).mapToDouble(v -> Math.sqrt(e0[3*v]*e0[3*v]+e0[3*v+1]*e0[3*v+1]+e0[3*v+2]*e0[3*v+2])).average().getAsDouble() * 1000);
double[] split(float[] x, float[] y, float[] nrm) { double s=0, sn=0, st=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; double d=Math.sqrt(dx*dx+dy*dy+dz*dz); double a=dx*nrm[3*v]+dy*nrm[3*v+1]+dz*nrm[3*v+2]; s+=d; sn+=Math.abs(a); st+=Math.sqrt(Math.max(0,d*d-a*a)); } return new double[]{s/V*1000, sn/V*1000, st/V*1000}; }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
int modes = 2 + ks.length * sigmas.length;
double[][] sum = new double[modes][3];
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), D);
  float[] gtN = t.head().withPositions(gt).vertexNormals();
  VaeExample ex;
  if (ideal) { var cloud = new SurfaceSampler(t.head().withPositions(gt)).samplePoints(4096, i, SurfaceSampler.NormalMode.FACE); ex = VaeExample.ofScan(ScanConditioning.apply(cloud.positions(), cloud.normals(), Axis.PY, Axis.PZ, Units.M)); }
  else ex = VaeExample.of(s, t.head());
  float[] head = ex.frame().fromUnit((refined ? r.refine(ex, 60, i) : r.encodeDecode(ex, i)).positions());
  float[] hn = t.head().withPositions(head).vertexNormals();
  int p = ex.pointCount(); float[] unit = new float[3*p], sn = new float[3*p];
  for (int q = 0; q < p; q++) { System.arraycopy(ex.scanPoints(), 6*q, unit, 3*q, 3); System.arraycopy(ex.scanPoints(), 6*q+3, sn, 3*q, 3); }
  float[] scan = ex.frame().fromUnit(unit);
  var tree = new KdTree(scan);
  // observed offsets along the head's vertex normals
  java.util.List<Integer> obsV = new java.util.ArrayList<>(); java.util.List<Double> obsR = new java.util.ArrayList<>();
  for (int v = 0; v < V; v++) {
    if (reg[v] == Region.MOUTH_CAVITY) continue;
    if (!ideal && (reg[v] == Region.SCALP || reg[v] == Region.NECK)) continue;
    double acc = 0; int cnt = 0;
    for (var nb : java.util.List.of(tree.nearestNeighbor(head[3*v], head[3*v+1], head[3*v+2]))) {
      if (nb.distance() > 0.010) continue;
      int q = nb.index(); double dot = sn[3*q]*hn[3*v] + sn[3*q+1]*hn[3*v+1] + sn[3*q+2]*hn[3*v+2];
      if (Math.abs(dot) < 0.5) continue;
      double plane = sn[3*q]*(scan[3*q]-head[3*v]) + sn[3*q+1]*(scan[3*q+1]-head[3*v+1]) + sn[3*q+2]*(scan[3*q+2]-head[3*v+2]);
      acc += plane / dot; cnt++;
    }
    if (cnt > 0 && Math.abs(acc / cnt) < 0.010) { obsV.add(v); obsR.add(acc / cnt); }
  }
  int m = obsV.size();
  float[][] outs = new float[modes][];
  outs[0] = head;
  outs[1] = head.clone(); for (int j = 0; j < D; j++) outs[1][j] += (float) e0[j];
  for (int mi = 0; mi < ks.length * sigmas.length; mi++) {
    int k = Math.min(ks[mi % ks.length], kmax); double sigma = sigmas[mi / ks.length];
    var A = new DMatrixRMaj(m, k); var rhs = new DMatrixRMaj(m, 1);
    for (int o = 0; o < m; o++) { int v = obsV.get(o); double pred = 0;
      for (int c = 0; c < 3; c++) pred += hn[3*v+c] * e0[3*v+c];
      rhs.set(o, 0, (obsR.get(o) - pred) / (sigma * sigma));
      for (int kk = 0; kk < k; kk++) A.set(o, kk, hn[3*v]*US.get(3*v, kk) + hn[3*v+1]*US.get(3*v+1, kk) + hn[3*v+2]*US.get(3*v+2, kk)); }
    var H = new DMatrixRMaj(k, k); CommonOps_DDRM.multTransA(A, A, H); CommonOps_DDRM.scale(1 / (sigma * sigma), H);
    for (int kk = 0; kk < k; kk++) H.add(kk, kk, 1);
    var b = new DMatrixRMaj(k, 1); CommonOps_DDRM.multTransA(A, rhs, b);
    var c = new DMatrixRMaj(k, 1); CommonOps_DDRM.solve(H, b, c);
    outs[2 + mi] = outs[1].clone();
    for (int j = 0; j < D; j++) { double dd = 0; for (int kk = 0; kk < k; kk++) dd += US.get(j, kk) * c.get(kk); outs[2 + mi][j] += (float) dd; }
  }
  for (int mi = 0; mi < modes; mi++) { double[] e = split(outs[mi], gt, gtN); for (int j = 0; j < 3; j++) sum[mi][j] += e[j] / n; }
  System.out.printf("head %d (%s, %d of %d vertices observed): start %.3f, last correction %.3f%n", i, ex.family(), m, V, split(outs[0], gt, gtN)[0], split(outs[modes-1], gt, gtN)[0]);
}
for (int mi = 0; mi < modes; mi++) System.out.printf("MEAN %s: %.3f mm (along the normal %.3f, along the surface %.3f)%n",
    mi == 0 ? (refined ? "refined" : "feed-forward") : mi == 1 ? "+ mean error" : "corrected, k=" + ks[(mi - 2) % ks.length] + " sigma=" + sigmas[(mi - 2) / ks.length] * 1000 + " mm", sum[mi][0], sum[mi][1], sum[mi][2]);
/exit
