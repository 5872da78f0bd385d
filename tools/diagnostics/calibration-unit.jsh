// linear-calibration.jsh in the VAE's unit frame, where the decoder works: a linear residual layer
// on the decoded head, head + W f, fitted by ridge regression to (truth - head) over `bank` training
// heads. Features f: the head's coordinates along the top `k` principal directions of the bank's
// feed-forward heads (fitted on its first 2,000), `latent` seeded Gaussian projections of the
// encoder's latent, and a constant. rank=R > 0 regresses the error's coordinates along its top R
// principal directions (fitted on the bank's first 2,000) instead of every coordinate: the
// matrices to ship shrink to R x D. Reads the cache linear-calibration.jsh writes (feed-forward
// heads in metres and latents). Mean per-vertex error (mm) on held-out heads.
// bank=8000 k=0,250 latent=500,1000 lambda=1e-2,3e-2 rank=0 first=0 n=64 split=val
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 8000), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 64);
int[] ks = java.util.Arrays.stream(System.getProperty("k", "0,250").split(",")).mapToInt(Integer::parseInt).toArray();
int[] lats = java.util.Arrays.stream(System.getProperty("latent", "500,1000").split(",")).mapToInt(Integer::parseInt).toArray();
double[] lambdas = java.util.Arrays.stream(System.getProperty("lambda", "1e-2,3e-2").split(",")).mapToDouble(Double::parseDouble).toArray();
int rank = Integer.getInteger("rank", 0);
String split = System.getProperty("split", "val");
int Lz = 323 * 16;
float[][] readCache(java.nio.file.Path cache, int count) throws Exception {
  var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(cache)));
  float[][] out = new float[count][];
  for (int i = 0; i < count; i++) { out[i] = new float[D + Lz]; for (int j = 0; j < D + Lz; j++) out[i][j] = in.readFloat(); }
  in.close();
  return out;
}
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
var held = DatasetReader.open(java.nio.file.Path.of(data + "/" + split));
float[][] rowsTrain = readCache(java.nio.file.Path.of("/tmp/ffz-train-" + bank + ".bin"), bank);
float[][] rowsHeld = readCache(java.nio.file.Path.of("/tmp/ffz-" + split + "-" + first + "-" + n + ".bin"), n);
// Unit-frame heads, latents, errors, and each head's scale (metres per unit).
record Unit(float[] head, float[] latent, float[] error, double scale) {}
Unit unit(float[] row, Sample s) {
  var ex = VaeExample.of(s, t.head());
  float[] head = ex.frame().toUnit(java.util.Arrays.copyOf(row, D));
  float[] truth = ex.targetPositions(), e = new float[D];
  for (int j = 0; j < D; j++) e[j] = truth[j] - head[j];
  return new Unit(head, java.util.Arrays.copyOfRange(row, D, D + Lz), e, ex.frame().scale());
}
Unit[] tr = new Unit[bank], he = new Unit[n];
for (int i = 0; i < bank; i++) { tr[i] = unit(rowsTrain[i], train.get(i)); rowsTrain[i] = null; }
for (int i = 0; i < n; i++) he[i] = unit(rowsHeld[i], held.get(first + i));
System.out.println("unit frame ready");
int basisHeads = Math.min(bank, 2000);
int kmax = java.util.Arrays.stream(ks).max().getAsInt();
PrincipalModes headBasis = null;
if (kmax > 0) { float[][] h = new float[basisHeads][]; for (int i = 0; i < basisHeads; i++) h[i] = tr[i].head(); headBasis = PrincipalModes.fit(h, kmax); }
PrincipalModes errorBasis = null;
if (rank > 0) { float[][] e = new float[basisHeads][]; for (int i = 0; i < basisHeads; i++) e[i] = tr[i].error(); errorBasis = PrincipalModes.fit(e, rank); }
double[] coords(PrincipalModes g, float[] x, int k, boolean centred) {
  double[] c = new double[k];
  float[] mu = g.mean(), m = g.modes();
  for (int q = 0; q < k; q++) { double dot = 0, nn = 0; for (int j = 0; j < D; j++) { double u = m[q * D + j]; dot += u * (x[j] - (centred ? mu[j] : 0)); nn += u * u; } c[q] = dot / nn; }
  return c;
}
int latMax = java.util.Arrays.stream(lats).max().getAsInt();
var rnd = new java.util.Random(7);
float[] proj = new float[latMax * Lz];
for (int j = 0; j < proj.length; j++) proj[j] = (float) (rnd.nextGaussian() / Math.sqrt(Lz));
double[] allFeatures(Unit u) {
  double[] f = new double[kmax + latMax];
  if (kmax > 0) System.arraycopy(coords(headBasis, u.head(), kmax, true), 0, f, 0, kmax);
  for (int q = 0; q < latMax; q++) { double dot = 0; for (int j = 0; j < Lz; j++) dot += proj[q * Lz + j] * u.latent()[j]; f[kmax + q] = dot; }
  return f;
}
double[][] fTr = new double[bank][], fHe = new double[n][];
for (int i = 0; i < bank; i++) fTr[i] = allFeatures(tr[i]);
for (int i = 0; i < n; i++) fHe[i] = allFeatures(he[i]);
int T = rank > 0 ? rank + 1 : D; // with a rank, the error basis's mean is coordinate 0 (always 1)
var Y = new DMatrixRMaj(bank, T);
for (int i = 0; i < bank; i++) {
  if (rank > 0) { Y.set(i, 0, 1); double[] c = coords(errorBasis, tr[i].error(), rank, true); for (int q = 0; q < rank; q++) Y.set(i, q + 1, c[q]); }
  else for (int j = 0; j < D; j++) Y.set(i, j, tr[i].error()[j]);
}
float[] predicted(double[] y) {
  if (rank == 0) { float[] e = new float[D]; for (int j = 0; j < D; j++) e[j] = (float) y[j]; return e; }
  float[] e = new float[D], mu = errorBasis.mean(), m = errorBasis.modes();
  for (int j = 0; j < D; j++) e[j] = (float) (y[0] * mu[j]);
  for (int q = 0; q < rank; q++) for (int j = 0; j < D; j++) e[j] += (float) (y[q + 1] * m[q * D + j]);
  return e;
}
double vertexMm(float[] head, float[] e, float[] truth, double scale) {
  double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int c = 0; c < 3; c++) { double d = head[3*v+c] + (e == null ? 0 : e[3*v+c]) - truth[3*v+c]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * scale * 1000;
}
double ff = 0;
for (int i = 0; i < n; i++) { float[] truth = new float[D]; for (int j = 0; j < D; j++) truth[j] = he[i].head()[j] + he[i].error()[j]; ff += vertexMm(he[i].head(), null, truth, he[i].scale()) / n; }
System.out.printf("feed-forward: %.3f mm on %s heads %d-%d%n", ff, split, first, first + n - 1);
for (int k : ks) for (int lat : lats) {
  int P = k + lat + 1;
  java.util.function.Function<double[], double[]> select = all -> {
    double[] f = new double[P];
    System.arraycopy(all, 0, f, 0, k);
    System.arraycopy(all, kmax, f, k, lat);
    f[P - 1] = 1;
    return f;
  };
  var F = new DMatrixRMaj(bank, P);
  for (int i = 0; i < bank; i++) { double[] f = select.apply(fTr[i]); for (int m = 0; m < P; m++) F.set(i, m, f[m]); }
  var FtF = new DMatrixRMaj(P, P); CommonOps_DDRM.multTransA(F, F, FtF);
  var FtY = new DMatrixRMaj(P, T); CommonOps_DDRM.multTransA(F, Y, FtY);
  double[] variance = new double[P - 1];
  for (int m = 0; m < P - 1; m++) { double s1 = 0, s2 = 0; for (int i = 0; i < bank; i++) { double x = F.get(i, m); s1 += x; s2 += x * x; } variance[m] = s2 / bank - (s1 / bank) * (s1 / bank); }
  for (double lambda : lambdas) {
    var A = FtF.copy();
    for (int m = 0; m < P - 1; m++) A.add(m, m, lambda * bank * variance[m]);
    var W = new DMatrixRMaj(P, T); CommonOps_DDRM.solve(A, FtY, W);
    double err = 0, errTr = 0;
    for (int i = 0; i < n; i++) {
      double[] f = select.apply(fHe[i]), y = new double[T];
      for (int m = 0; m < P; m++) for (int j = 0; j < T; j++) y[j] += f[m] * W.get(m, j);
      float[] truth = new float[D]; for (int j = 0; j < D; j++) truth[j] = he[i].head()[j] + he[i].error()[j];
      err += vertexMm(he[i].head(), predicted(y), truth, he[i].scale()) / n;
    }
    for (int i = 0; i < 200; i++) {
      double[] f = select.apply(fTr[i]), y = new double[T];
      for (int m = 0; m < P; m++) for (int j = 0; j < T; j++) y[j] += f[m] * W.get(m, j);
      float[] truth = new float[D]; for (int j = 0; j < D; j++) truth[j] = tr[i].head()[j] + tr[i].error()[j];
      errTr += vertexMm(tr[i].head(), predicted(y), truth, tr[i].scale()) / 200;
    }
    System.out.printf("unit frame, k %d, latent %d, rank %d, lambda %.0e: training heads 0-199 %.3f mm, held out %.3f mm%n", k, lat, rank, lambda, errTr, err);
  }
}
/exit
