// More training heads for the feed-forward calibration, and the raw latent in place of its seeded
// projections (session 12). Accumulates the normal equations of one superset of features, [the
// decoded head's coordinates along 500 directions | the raw latent (L x C) | 1], over the cached
// answers of training heads 0-7,999 (/tmp/ffz-train-8000.bin, as calibration-settings.jsh reads it)
// and the network's answers on the extra training heads in DATA/calib (seeds 8,000 on, `topos synth
// --split train --seed 8000`; cached to CACHE/ffu-calib-N.bin, unit frame), snapshotting after
// each `snap` heads. Then, for each setting heads/head-modes/latent/ridge (latent: "raw" or a number
// of seeded projections, whose normal equations are the raw latent's transformed, P Z'Z P'), solves
// the ridge regression as FeedForwardCalibration does and reports the mean per-vertex error (mm) of
// the calibrated head on validation heads first..first+n-1.
// settings=8000/250/4000/0.1,8000/250/raw/0.1 extra=16000 snap=8000,16000,24000 first=0 n=128 cache=/work/cache
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount(), D = 3 * V;
int extra = Integer.getInteger("extra", 16000), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 128);
String cache = System.getProperty("cache", "/work/cache");
java.util.Set<Integer> snaps = new java.util.TreeSet<>();
for (String s : System.getProperty("snap", "8000,16000,24000").split(",")) snaps.add(Integer.parseInt(s));
String[] settings = System.getProperty("settings", "8000/250/4000/0.1,8000/250/raw/0.1").split(",");
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
var calib = DatasetReader.open(java.nio.file.Path.of(data + "/calib"));
var val = DatasetReader.open(java.nio.file.Path.of(data + "/val"));
int Lz = r.encodeDecode(VaeExample.of(val.get(first), t.head()), 0).latent().length;
int K = 500, R = 256, P = K + Lz + 1, T = R + 1;
long t0 = System.currentTimeMillis();
// bases from training heads 0-1999 (as the shipped fit)
float[][] bHeads = new float[2000][], bErrors = new float[2000][];
float[][] headsU = new float[8000][]; float[][] lat = new float[8000][]; float[][] errs = new float[8000][];
try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(
    java.nio.file.Path.of("/tmp/ffz-train-8000.bin")), 1 << 20))) {
  for (int i = 0; i < 8000; i++) {
    float[] row = new float[D + Lz];
    for (int j = 0; j < D + Lz; j++) row[j] = in.readFloat();
    var ex = VaeExample.of(train.get(i), t.head());
    headsU[i] = ex.frame().toUnit(java.util.Arrays.copyOf(row, D));
    lat[i] = java.util.Arrays.copyOfRange(row, D, D + Lz);
    float[] truth = ex.targetPositions(), e = new float[D];
    for (int j = 0; j < D; j++) e[j] = truth[j] - headsU[i][j];
    errs[i] = e;
  }
}
var headBasis = PrincipalModes.fit(java.util.Arrays.copyOf(headsU, 2000), K);
var errorBasis = PrincipalModes.fit(java.util.Arrays.copyOf(errs, 2000), R);
System.out.printf("bases in %.0f s%n", (System.currentTimeMillis() - t0) / 1000.0);
double[] coords(PrincipalModes b, float[] x) {
  int d = b.dimension(); float[] mean = b.mean(), modes = b.modes(); double[] c = new double[b.count()];
  for (int m = 0; m < c.length; m++) { double dot = 0, norm = 0; for (int j = 0; j < d; j++) { double u = modes[m * d + j]; dot += u * (x[j] - mean[j]); norm += u * u; } c[m] = norm == 0 ? 0 : dot / norm; }
  return c;
}
double[] feat(float[] head, float[] latent) {
  double[] f = new double[P]; double[] c = coords(headBasis, head);
  System.arraycopy(c, 0, f, 0, K); for (int j = 0; j < Lz; j++) f[K + j] = latent[j]; f[P - 1] = 1; return f;
}
double[] targ(float[] e) { double[] c = coords(errorBasis, e); double[] y = new double[T]; y[0] = 1; System.arraycopy(c, 0, y, 1, R); return y; }
DMatrixRMaj normal = new DMatrixRMaj(P, P), rhs = new DMatrixRMaj(P, T);
int B = 500;
DMatrixRMaj fb = new DMatrixRMaj(B, P), yb = new DMatrixRMaj(B, T);
int rows = 0, seen = 0;
java.util.Map<Integer, DMatrixRMaj[]> snapshot = new java.util.TreeMap<>();
void flush() {
  if (rows == 0) return;
  DMatrixRMaj f = rows == B ? fb : CommonOps_DDRM.extract(fb, 0, rows, 0, P), y = rows == B ? yb : CommonOps_DDRM.extract(yb, 0, rows, 0, T);
  CommonOps_MT_DDRM.multAddTransA(f, f, normal); // [P, P]
  CommonOps_MT_DDRM.multAddTransA(f, y, rhs); // [P, T]
  rows = 0;
}
void add(double[] f, double[] y) {
  System.arraycopy(f, 0, fb.data, rows * P, P); System.arraycopy(y, 0, yb.data, rows * T, T); rows++; seen++;
  if (rows == B) flush();
  if (snaps.contains(seen)) { flush(); snapshot.put(seen, new DMatrixRMaj[] {normal.copy(), rhs.copy()}); System.out.printf("snapshot %d heads at %.0f s%n", seen, (System.currentTimeMillis() - t0) / 1000.0); }
}
for (int i = 0; i < 8000; i++) { add(feat(headsU[i], lat[i]), targ(errs[i])); headsU[i] = null; lat[i] = null; errs[i] = null; }
var cacheFile = java.nio.file.Path.of(cache, "ffu-calib-" + extra + ".bin");
boolean cached = java.nio.file.Files.exists(cacheFile);
java.nio.file.Files.createDirectories(cacheFile.getParent());
var tmp = java.nio.file.Path.of(cache, "ffu-calib-" + extra + ".bin.tmp");
try (var out = cached ? null : new java.io.DataOutputStream(new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp), 1 << 20));
     var in = cached ? new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(cacheFile), 1 << 20)) : null) {
  for (int i = 0; i < extra; i++) {
    var ex = VaeExample.of(calib.get(i), t.head());
    float[] head, latent;
    if (cached) { head = new float[D]; latent = new float[Lz]; for (int j = 0; j < D; j++) head[j] = in.readFloat(); for (int j = 0; j < Lz; j++) latent[j] = in.readFloat(); }
    else { var res = r.encodeDecode(ex, 8000 + i); head = res.positions(); latent = res.latent(); for (float v : head) out.writeFloat(v); for (float v : latent) out.writeFloat(v); }
    float[] truth = ex.targetPositions(), e = new float[D];
    for (int j = 0; j < D; j++) e[j] = truth[j] - head[j];
    add(feat(head, latent), targ(e));
    if ((i + 1) % 1000 == 0) System.out.printf("extra %d at %.0f s%n", i + 1, (System.currentTimeMillis() - t0) / 1000.0);
  }
}
if (!cached) java.nio.file.Files.move(tmp, cacheFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
VaeExample[] valEx = new VaeExample[n];
Retopologizer.Result[] valFf = new Retopologizer.Result[n];
for (int i = 0; i < n; i++) { valEx[i] = VaeExample.of(val.get(first + i), t.head()); valFf[i] = r.encodeDecode(valEx[i], first + i); }
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int c = 0; c < 3; c++) { double d = head[3*v+c] - truth[3*v+c]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
// projections as FeedForwardCalibration makes them (java.util.Random, N(0, 1 / Lz))
DMatrixRMaj proj(int k) {
  var rnd = new java.util.Random(7); DMatrixRMaj p = new DMatrixRMaj(k, Lz); double sc = 1 / Math.sqrt(Lz);
  for (int j = 0; j < k * Lz; j++) p.data[j] = (float) (rnd.nextGaussian() * sc); return p;
}
for (String s : settings) {
  String[] q = s.split("/");
  int heads = Integer.parseInt(q[0]), k = Integer.parseInt(q[1]); boolean raw = q[2].equals("raw"); int np = raw ? Lz : Integer.parseInt(q[2]); double ridge = Double.parseDouble(q[3]);
  DMatrixRMaj nm = snapshot.get(heads)[0], rh = snapshot.get(heads)[1];
  // selection/transform M: [p, P] so that f_setting = M f_superset
  int p = k + np + 1;
  DMatrixRMaj A, b;
  if (raw) { // a selection of the superset's features: the first k head coordinates, the latent, the constant
    int[] idx = new int[p];
    for (int m = 0; m < k; m++) idx[m] = m;
    for (int j = 0; j < Lz; j++) idx[k + j] = K + j;
    idx[p - 1] = P - 1;
    A = new DMatrixRMaj(p, p); b = new DMatrixRMaj(p, T);
    for (int i2 = 0; i2 < p; i2++) { for (int j2 = 0; j2 < p; j2++) A.set(i2, j2, nm.get(idx[i2], idx[j2])); for (int j2 = 0; j2 < T; j2++) b.set(i2, j2, rh.get(idx[i2], j2)); }
  } else {
    DMatrixRMaj M = new DMatrixRMaj(p, P);
    for (int m = 0; m < k; m++) M.set(m, m, 1);
    CommonOps_DDRM.insert(proj(np), M, k, K);
    M.set(p - 1, P - 1, 1);
    DMatrixRMaj tmpM = new DMatrixRMaj(p, P); CommonOps_MT_DDRM.mult(M, nm, tmpM);
    A = new DMatrixRMaj(p, p); CommonOps_MT_DDRM.multTransB(tmpM, M, A);
    b = new DMatrixRMaj(p, T); CommonOps_MT_DDRM.mult(M, rh, b);
  }
  double cnt = A.get(p - 1, p - 1);
  for (int m = 0; m < p - 1; m++) { double mean = A.get(m, p - 1) / cnt; double var = Math.max(A.get(m, m) / cnt - mean * mean, 0); A.add(m, m, ridge * cnt * var + 1e-12); }
  var solver = org.ejml.dense.row.factory.LinearSolverFactory_DDRM.symmPosDef(p);
  if (!solver.setA(A)) throw new IllegalStateException("not positive definite");
  DMatrixRMaj W = new DMatrixRMaj(p, T); solver.solve(b, W);
  double a1 = 0, a2 = 0;
  DMatrixRMaj pm = raw ? null : proj(np);
  for (int i = 0; i < n; i++) {
    float[] head = valFf[i].positions(), latent = valFf[i].latent();
    double[] fs = feat(head, latent); double[] f = new double[p];
    for (int m = 0; m < k; m++) f[m] = fs[m];
    if (raw) for (int j = 0; j < Lz; j++) f[k + j] = latent[j];
    else for (int m = 0; m < np; m++) { double d = 0; for (int j = 0; j < Lz; j++) d += pm.get(m, j) * latent[j]; f[k + m] = d; }
    f[p - 1] = 1;
    double[] y = new double[T];
    for (int m = 0; m < p; m++) for (int j = 0; j < T; j++) y[j] += f[m] * W.get(m, j);
    float[] out = head.clone(); float[] em = errorBasis.mean(), modes = errorBasis.modes();
    for (int j = 0; j < D; j++) out[j] += (float) (y[0] * em[j]);
    for (int c = 1; c < T; c++) for (int j = 0; j < D; j++) out[j] += (float) y[c] * modes[(c - 1) * D + j];
    double e = mm(out, valEx[i]); if (i < n / 2) a1 += e / (n / 2); else a2 += e / (n - n / 2);
  }
  System.out.printf("heads %d, head modes %d, latent %s, ridge %s: val %d-%d %.3f mm, %d-%d %.3f mm, all %.3f (%.0f s)%n", heads, k, q[2], q[3], first, first + n / 2 - 1, a1, first + n / 2, first + n - 1, a2, (a1 + a2) / 2, (System.currentTimeMillis() - t0) / 1000.0);
}
/exit
