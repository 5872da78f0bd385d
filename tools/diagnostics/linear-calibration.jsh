// Is the feed-forward error a linear function of the feed-forward head? Features of a head: its
// coordinates along the shape modes (z_k = mode_k . (head - mean) / |mode_k|^2, the first `k` of
// the shipped 500) and a constant. A ridge regression from those features to the error (truth -
// head, metres, every coordinate) is fitted on the feed-forward heads of `bank` training heads and
// added to the feed-forward head of each held-out validation head: a linear output layer fitted in
// closed form, reading nothing but the model's own answer. lambda = 0 with k = 0 is the error
// modes' mean alone. target=full regresses every coordinate; target=errormodes regresses the
// error's coordinates along the shipped error modes (their mean and 256 directions: a far smaller
// matrix). centre=true (the default) reads the features of the head moved so that its centroid is
// the mean's: a scan may lie anywhere, and the synthetic heads' own place must not leak in.
// latent=N adds N random projections of the encoder's latent (seeded) to the features.
// Mean per-vertex error (mm).
// bank=3000 k=50,100,250,500 lambda=1e-3,1e-2,1e-1,1 first=0 n=64 split=val target=full centre=true latent=0
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
var shape = ShapeModes.read(java.nio.file.Path.of(System.getProperty("modes", "training/vae-cpu-small/shape-modes.bin"))).gaussian();
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 3000), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 64);
int[] ks = java.util.Arrays.stream(System.getProperty("k", "50,100,250,500").split(",")).mapToInt(Integer::parseInt).toArray();
double[] lambdas = java.util.Arrays.stream(System.getProperty("lambda", "1e-3,1e-2,1e-1,1").split(",")).mapToDouble(Double::parseDouble).toArray();
String split = System.getProperty("split", "val");
boolean full = System.getProperty("target", "full").equals("full");
boolean centre = Boolean.parseBoolean(System.getProperty("centre", "true"));
int latentFeatures = Integer.getInteger("latent", 0);
var errorModes = ErrorModes.read(java.nio.file.Path.of(System.getProperty("errormodes", "training/vae-cpu-small/error-modes.bin")));
// Each row: the feed-forward head (metres, [D]) then the encoder's latent ([Lz]).
float[][] ffHeads(DatasetReader reader, int from, int count, java.nio.file.Path cache) throws Exception {
  float[][] out = new float[count][];
  if (java.nio.file.Files.exists(cache)) {
    var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(cache)));
    for (int i = 0; i < count; i++) { out[i] = new float[D + Lz]; for (int j = 0; j < D + Lz; j++) out[i][j] = in.readFloat(); }
    in.close();
    return out;
  }
  for (int i = 0; i < count; i++) {
    var ex = VaeExample.of(reader.get(from + i), t.head());
    var res = r.encodeDecode(ex, from + i);
    out[i] = java.util.Arrays.copyOf(ex.frame().fromUnit(res.positions()), D + Lz);
    System.arraycopy(res.latent(), 0, out[i], D, Lz);
    if (i % 250 == 0) System.out.println("feed-forward " + i + " of " + count);
  }
  var tmp = java.nio.file.Files.createTempFile(cache.getParent(), "ff", ".tmp");
  var o = new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp)));
  for (float[] h : out) for (float x : h) o.writeFloat(x);
  o.close();
  java.nio.file.Files.move(tmp, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  return out;
}
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
var held = DatasetReader.open(java.nio.file.Path.of(data + "/" + split));
int Lz = r.encodeDecode(VaeExample.of(held.get(first), t.head()), 0).latent().length;
float[][] ffTrain = ffHeads(train, 0, bank, java.nio.file.Path.of("/tmp/ffz-train-" + bank + ".bin"));
float[][] ffHeld = ffHeads(held, first, n, java.nio.file.Path.of("/tmp/ffz-" + split + "-" + first + "-" + n + ".bin"));
int kmax = java.util.Arrays.stream(ks).max().getAsInt();
float[] mu = shape.mean(), modes = shape.modes();
double[] muCentroid = new double[3];
for (int v = 0; v < V; v++) for (int c = 0; c < 3; c++) muCentroid[c] += mu[3 * v + c] / V;
var projection = new java.util.Random(7);
float[] latentProjection = new float[latentFeatures * Lz];
for (int j = 0; j < latentProjection.length; j++) latentProjection[j] = (float) (projection.nextGaussian() / Math.sqrt(Lz));
// [shape-mode coordinates of the (centred) head..., latent projections..., 1]
double[] features(float[] row, int k) {
  double[] shift = new double[3];
  if (centre) {
    for (int v = 0; v < V; v++) for (int c = 0; c < 3; c++) shift[c] += row[3 * v + c] / V;
    for (int c = 0; c < 3; c++) shift[c] -= muCentroid[c];
  }
  double[] f = new double[k + latentFeatures + 1];
  for (int m = 0; m < k; m++) {
    double dot = 0, nn = 0;
    for (int j = 0; j < D; j++) { double u = modes[m * D + j]; dot += u * (row[j] - shift[j % 3] - mu[j]); nn += u * u; }
    f[m] = dot / nn;
  }
  for (int m = 0; m < latentFeatures; m++) {
    double dot = 0;
    for (int j = 0; j < Lz; j++) dot += latentProjection[m * Lz + j] * row[D + j];
    f[k + m] = dot;
  }
  f[k + latentFeatures] = 1;
  return f;
}
double vertexMm(float[] a, float[] b) {
  double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int c = 0; c < 3; c++) { double d = a[3*v+c] - b[3*v+c]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * 1000;
}
double ff = 0;
for (int i = 0; i < n; i++) ff += vertexMm(ffHeld[i], held.get(first + i).vertices()) / n;
System.out.printf("feed-forward: %.3f mm on %s heads %d-%d%n", ff, split, first, first + n - 1);
// The target's basis: every coordinate (identity), or the error modes' mean and directions.
int E = errorModes.count();
float[] basis = full ? null : new float[(E + 1) * D];
if (!full) {
  System.arraycopy(errorModes.meanError(), 0, basis, 0, D);
  System.arraycopy(errorModes.modes(), 0, basis, D, E * D);
}
int T = full ? D : E + 1;
double[] targetOf(float[] error) {
  if (full) { double[] y = new double[D]; for (int j = 0; j < D; j++) y[j] = error[j]; return y; }
  double[] y = new double[T];
  y[0] = 1; // the mean error, whole: the intercept learns how much of it applies
  for (int m = 0; m < E; m++) {
    double dot = 0, nn = 0;
    for (int j = 0; j < D; j++) { double u = basis[(m + 1) * D + j]; dot += u * (error[j] - basis[j]); nn += u * u; }
    y[m + 1] = dot / nn;
  }
  return y;
}
void addPrediction(float[] head, double[] f, DMatrixRMaj W, int k) {
  double[] y = new double[T];
  for (int m = 0; m <= k; m++) for (int j = 0; j < T; j++) y[j] += f[m] * W.get(m, j);
  if (full) { for (int j = 0; j < D; j++) head[j] += y[j]; return; }
  for (int m = 0; m < T; m++) for (int j = 0; j < D; j++) head[j] += y[m] * basis[m * D + j];
}
var Y = new DMatrixRMaj(bank, T);
for (int i = 0; i < bank; i++) {
  float[] gt = train.get(i).vertices(), e = new float[D];
  for (int j = 0; j < D; j++) e[j] = gt[j] - ffTrain[i][j];
  double[] y = targetOf(e);
  for (int j = 0; j < T; j++) Y.set(i, j, y[j]);
}
double[][] allTrain = new double[bank][], allHeld = new double[n][];
for (int i = 0; i < bank; i++) allTrain[i] = features(ffTrain[i], kmax);
for (int i = 0; i < n; i++) allHeld[i] = features(ffHeld[i], kmax);
int kmaxAll = kmax;
for (int k : ks) {
  int P = k + latentFeatures + 1; // shape coordinates, latent projections, constant
  java.util.function.Function<double[], double[]> select = all -> {
    double[] f = new double[P];
    System.arraycopy(all, 0, f, 0, k);
    System.arraycopy(all, kmaxAll, f, k, latentFeatures + 1);
    return f;
  };
  var F = new DMatrixRMaj(bank, P);
  for (int i = 0; i < bank; i++) { double[] f = select.apply(allTrain[i]); for (int m = 0; m < P; m++) F.set(i, m, f[m]); }
  var FtF = new DMatrixRMaj(P, P); CommonOps_DDRM.multTransA(F, F, FtF);
  var FtY = new DMatrixRMaj(P, T); CommonOps_DDRM.multTransA(F, Y, FtY);
  // Each feature's ridge is lambda times its variance over the bank (the shape coordinates are ~N(0, 1)).
  double[] variance = new double[P - 1];
  for (int m = 0; m < P - 1; m++) { double s1 = 0, s2 = 0; for (int i = 0; i < bank; i++) { double x = F.get(i, m); s1 += x; s2 += x * x; } variance[m] = s2 / bank - (s1 / bank) * (s1 / bank); }
  for (double lambda : lambdas) {
    var A = FtF.copy();
    for (int m = 0; m < P - 1; m++) A.add(m, m, lambda * bank * variance[m]);
    var W = new DMatrixRMaj(P, T); CommonOps_DDRM.solve(A, FtY, W);
    double trainErr = 0, heldErr = 0;
    for (int i = 0; i < Math.min(bank, 200); i++) {
      float[] c = ffTrain[i].clone();
      addPrediction(c, select.apply(allTrain[i]), W, P - 1);
      trainErr += vertexMm(c, train.get(i).vertices()) / Math.min(bank, 200);
    }
    for (int i = 0; i < n; i++) {
      float[] c = ffHeld[i].clone();
      addPrediction(c, select.apply(allHeld[i]), W, P - 1);
      heldErr += vertexMm(c, held.get(first + i).vertices()) / n;
    }
    System.out.printf("k %d, latent %d, lambda %.0e: training heads 0-199 %.3f mm, held out %.3f mm%n", k, latentFeatures, lambda, trainErr, heldErr);
  }
}
/exit
