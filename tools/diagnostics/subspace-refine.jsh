// Does refinement drift along the surface because the latent has room to? A simplified
// refinement (decoder frozen; scan-to-vertex point-to-plane plus a quarter point-to-point, vertex-
// to-scan point-to-plane x 0.5, matches within 10 mm, no placement, Adam, last iterate) of either
// the whole latent (prior 0.01 x mean squared change, as --refine) or only its offset within the
// span of the top K principal directions of the encoder's latents of `bank` training heads.
// Mean per-vertex error (mm) against the truth at steps 0 (feed-forward), 20, 60, 150, split along
// the normal and along the surface at the end. ideal=true: the scan is the true head's own surface
// (4,096 points; scalp and neck fitted); false: the dataset's scan (scalp and neck follow).
// bank=1500 k=32,128,512 lr_sub=0.1 first=64 n=12 split=val
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.ndarray.index.*;
import ai.djl.engine.*;
import ai.djl.training.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
import org.ejml.dense.row.factory.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int LC = vae.tokens() * vae.config().latentChannels();
int bank = Integer.getInteger("bank", 1500), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 12);
boolean ideal = Boolean.parseBoolean(System.getProperty("ideal", "true"));
double lrSub = Double.parseDouble(System.getProperty("lr_sub", "0.1"));
int[] ks = java.util.Arrays.stream(System.getProperty("k", "32,128,512").split(",")).mapToInt(Integer::parseInt).toArray();
// the latent bank (cached: it takes minutes)
var cache = java.nio.file.Path.of(System.getProperty("cache", "/tmp/latent-bank-" + bank + ".bin"));
float[][] lat = new float[bank][];
if (java.nio.file.Files.exists(cache)) {
  var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(cache)));
  for (int i = 0; i < bank; i++) { lat[i] = new float[LC]; for (int j = 0; j < LC; j++) lat[i][j] = in.readFloat(); }
  in.close();
} else {
  var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
  for (int i = 0; i < bank; i++) lat[i] = r.encodeDecode(VaeExample.of(train.get(i), t.head()), i).latent();
  var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(cache)));
  for (int i = 0; i < bank; i++) for (int j = 0; j < LC; j++) out.writeFloat(lat[i][j]);
  out.close();
}
double[] mu = new double[LC];
for (float[] l : lat) for (int j = 0; j < LC; j++) mu[j] += l[j] / bank;
var X = new DMatrixRMaj(bank, LC);
for (int i = 0; i < bank; i++) for (int j = 0; j < LC; j++) X.set(i, j, lat[i][j] - mu[j]);
var G = new DMatrixRMaj(bank, bank);
CommonOps_DDRM.multTransB(X, X, G);
var eig = DecompositionFactory_DDRM.eig(bank, true, true);
eig.decompose(G);
Integer[] order = new Integer[bank];
for (int i = 0; i < bank; i++) order[i] = i;
java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
int kmax = java.util.Arrays.stream(ks).max().getAsInt();
float[][] basis = new float[kmax][LC]; // orthonormal directions in latent space
double total = 0; for (int i = 0; i < bank; i++) total += Math.max(0, eig.getEigenvalue(i).real);
double kept = 0;
for (int k = 0; k < kmax; k++) {
  var e = eig.getEigenVector(order[k]); double lam = eig.getEigenvalue(order[k]).real; kept += lam;
  for (int j = 0; j < LC; j++) { double s = 0; for (int i = 0; i < bank; i++) s += X.get(i, j) * e.get(i); basis[k][j] = (float) (s / Math.sqrt(lam)); }
}
System.out.printf("latent bank %d heads: the top %d directions hold %.1f %% of the variance%n", bank, kmax, 100 * kept / total);
void adam(float[] z, float[] g, float[] m, float[] v, int t, double lr) { double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t); for (int i = 0; i < z.length; i++) { m[i] = (float) (0.9 * m[i] + 0.1 * g[i]); v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]); z[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)); } }
boolean[] cand = new boolean[V], pull = new boolean[V];
for (int v = 0; v < V; v++) { cand[v] = reg[v] != Region.MOUTH_CAVITY; pull[v] = cand[v] && (ideal || (reg[v] != Region.SCALP && reg[v] != Region.NECK)); }
double[] err(float[] x, float[] y, float[] nrm) { double s=0, sn=0, st=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; double d=Math.sqrt(dx*dx+dy*dy+dz*dz); double a=dx*nrm[3*v]+dy*nrm[3*v+1]+dz*nrm[3*v+2]; s+=d; sn+=Math.abs(a); st+=Math.sqrt(Math.max(0,d*d-a*a)); } return new double[]{s/V*1000, sn/V*1000, st/V*1000}; }
int[] checkpoints = {0, 20, 60, 150};
// refine: k = 0 the whole latent, else the top-k subspace; returns the error at each checkpoint, then normal and surface parts at the end
double[] refine(VaeExample ex, float[] z0, int k, float[] gt, float[] gtN) {
  double[] res = new double[checkpoints.length + 2];
  float[] pts = ex.scanPoints(); int p = pts.length / 6;
  float[] xyzT = new float[3*p]; for (int i = 0; i < p; i++) System.arraycopy(pts, 6*i, xyzT, 3*i, 3);
  var scanTree = new KdTree(xyzT);
  double maxD = 0.010 / ex.frame().scale();
  int dim = k == 0 ? LC : k; float[] c = new float[dim], m = new float[dim], v = new float[dim];
  int ci = 0;
  try (NDManager scope = NDManager.newBaseManager()) {
    for (int it = 0; it <= 150; it++) {
      float[] z = z0.clone();
      if (k == 0) { for (int j = 0; j < LC; j++) z[j] += c[j]; } else { for (int q = 0; q < k; q++) for (int j = 0; j < LC; j++) z[j] += c[q] * basis[q][j]; }
      try (NDManager step = scope.newSubManager()) {
        NDArray latent = step.create(z, new Shape(1, vae.tokens(), vae.config().latentChannels()));
        latent.setRequiresGradient(true);
        float[] dec;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = vae.decode(latent).get(0); // [V, 6]
          NDArray xyz = out.get(":, 0:3"); NDArray nr = out.get(":, 3:6"); nr = nr.div(nr.norm(new int[]{1}, true).add(1e-8f));
          dec = xyz.toFloatArray();
          if (ci < checkpoints.length && it == checkpoints[ci]) { res[ci++] = err(ex.frame().fromUnit(dec), gt, gtN)[0]; if (it == 150) { double[] e = err(ex.frame().fromUnit(dec), gt, gtN); res[checkpoints.length] = e[1]; res[checkpoints.length + 1] = e[2]; } }
          if (it == 150) break;
          // scan point -> nearest candidate vertex
          int nc = 0; for (int q = 0; q < V; q++) if (cand[q]) nc++;
          int[] candIdx = new int[nc]; float[] candXyz = new float[3*nc]; nc = 0;
          for (int q = 0; q < V; q++) if (cand[q]) { candIdx[nc] = q; System.arraycopy(dec, 3*q, candXyz, 3*nc, 3); nc++; }
          var vtree = new KdTree(candXyz);
          java.util.List<Integer> sv = new java.util.ArrayList<>(), sp = new java.util.ArrayList<>();
          for (int i = 0; i < p; i++) { var nb = vtree.nearestNeighbor(xyzT[3*i], xyzT[3*i+1], xyzT[3*i+2]); int vv = candIdx[nb.index()]; if (pull[vv] && nb.distance() < maxD) { sv.add(vv); sp.add(i); } }
          java.util.List<Integer> bv = new java.util.ArrayList<>(), bp = new java.util.ArrayList<>();
          for (int q = 0; q < V; q++) if (pull[q]) { var nb = scanTree.nearestNeighbor(dec[3*q], dec[3*q+1], dec[3*q+2]); if (nb.distance() < maxD) { bv.add(q); bp.add(nb.index()); } }
          NDArray target = step.create(xyzT, new Shape(p, 3));
          NDArray a = step.create(sv.stream().mapToLong(Integer::longValue).toArray()), b = step.create(sp.stream().mapToLong(Integer::longValue).toArray());
          NDArray d = target.get(new NDIndex("{}", b)).sub(xyz.get(new NDIndex("{}", a))); // [M, 3]
          NDArray loss = d.mul(nr.get(new NDIndex("{}", a))).sum(new int[]{1}).abs().mean().add(d.square().sum(new int[]{1}).add(1e-12f).sqrt().mean().mul(0.25f));
          NDArray a2 = step.create(bv.stream().mapToLong(Integer::longValue).toArray()), b2 = step.create(bp.stream().mapToLong(Integer::longValue).toArray());
          NDArray d2 = target.get(new NDIndex("{}", b2)).sub(xyz.get(new NDIndex("{}", a2)));
          loss = loss.add(d2.mul(nr.get(new NDIndex("{}", a2))).sum(new int[]{1}).abs().mean().mul(0.5f));
          loss = loss.add(latent.sub(step.create(z0, latent.getShape())).square().mean().mul(0.01f));
          gc.backward(loss);
        }
        float[] g = latent.getGradient().toFloatArray();
        if (k == 0) adam(c, g, m, v, it + 1, 0.04);
        else { float[] gc2 = new float[k]; for (int q = 0; q < k; q++) { double s = 0; for (int j = 0; j < LC; j++) s += g[j] * basis[q][j]; gc2[q] = (float) s; } adam(c, gc2, m, v, it + 1, lrSub); }
      }
    }
  }
  vae.parameters().zeroGradients();
  return res;
}
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
int modes = ks.length + 1;
double[][] sum = new double[modes][checkpoints.length + 2];
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3*V);
  float[] gtN = t.head().withPositions(gt).vertexNormals();
  VaeExample ex;
  if (ideal) { var cloud = new SurfaceSampler(t.head().withPositions(gt)).samplePoints(4096, i, SurfaceSampler.NormalMode.FACE); ex = VaeExample.ofScan(ScanConditioning.apply(cloud.positions(), cloud.normals(), Axis.PY, Axis.PZ, Units.M)); }
  else ex = VaeExample.of(s, t.head());
  float[] z0 = r.encodeDecode(ex, i).latent();
  for (int mIdx = 0; mIdx < modes; mIdx++) { double[] e = refine(ex, z0, mIdx == 0 ? 0 : ks[mIdx - 1], gt, gtN); for (int j = 0; j < e.length; j++) sum[mIdx][j] += e[j] / n; }
  System.out.printf("head %d done%n", i);
}
for (int mIdx = 0; mIdx < modes; mIdx++) System.out.printf("MEAN %s: steps 0/20/60/150 %.3f / %.3f / %.3f / %.3f mm; at 150 along the normal %.3f, along the surface %.3f%n",
    mIdx == 0 ? "whole latent" : "top " + ks[mIdx - 1], sum[mIdx][0], sum[mIdx][1], sum[mIdx][2], sum[mIdx][3], sum[mIdx][4], sum[mIdx][5]);
/exit
