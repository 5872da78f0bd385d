// Refinement under a Gaussian over the latent's error (session 22): the Gaussian fitted to rows
// Needs commit a9eefd2 (Retopologizer.withLatentErrorPrior was removed after it); training/experiments/latent-prior-s22 has what it gave.
// written by latent-errors.jsh (files=A,B), K modes (modes=256) plus an isotropic rest; then, per
// validation head, the calibrated feed-forward head, the shipped `--refine`, and refinement under
// that Gaussian for each weight (weights=1,0.1) and learning rate (lr=0.1), mean per-vertex error
// (mm) and in brackets the mean scan-to-surface distance (mm). first=64 n=32 steps=60 rows=N
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int D = vae.tokens() * vae.config().latentChannels();
java.util.List<float[]> rows = new java.util.ArrayList<>();
int maxRows = Integer.getInteger("rows", Integer.MAX_VALUE);
for (String f : System.getProperty("files").split(",")) {
  try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(new java.io.FileInputStream(f)))) {
    long n = new java.io.File(f).length() / (4L * D);
    for (long i = 0; i < n && rows.size() < maxRows; i++) { float[] row = new float[D]; for (int j = 0; j < D; j++) row[j] = in.readFloat(); rows.add(row); }
  }
}
int K = Integer.getInteger("modes", 256);
var modes = PrincipalModes.fit(rows.toArray(new float[0][]), K);
double total = 0; for (float[] row : rows) for (int j = 0; j < D; j++) { double d = row[j] - modes.mean()[j]; total += d * d; }
total /= (rows.size() - 1);
double inModes = 0; for (float x : modes.modes()) inModes += x * x;
float residual = (float) Math.sqrt(Math.max(total - inModes, 1e-12) / (D - K));
double meanNorm = 0; for (float x : modes.mean()) meanNorm += x * x;
System.out.printf("%d rows; variance %.4f, in %d modes %.4f (%.1f %%), residual std %.4f, per-value std %.4f, |mean|^2 %.4f%n", rows.size(), total, K, inModes, 100 * inModes / total, residual, Math.sqrt(total / D), meanNorm);
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32), steps = Integer.getInteger("steps", 60);
var val = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double toSurface(float[] head, VaeExample ex) {
  float[] unitPts = new float[ex.pointCount() * 3]; float[] sp = ex.scanPoints();
  for (int i = 0; i < ex.pointCount(); i++) System.arraycopy(sp, 6 * i, unitPts, 3 * i, 3);
  var surface = new ClosestPointOnMesh(t.head().withPositions(head));
  return Metrics.pointToSurface(unitPts, surface).meanMm() * ex.frame().scale();
}
String[] weights = System.getProperty("weights.prior", "1,0.1").split(",");
String[] lrs = System.getProperty("lr", "0.1").split(",");
java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("calibrated", "refine"));
java.util.List<Retopologizer> variants = new java.util.ArrayList<>();
for (String w : weights) for (String lr : lrs) { names.add("w" + w + "/lr" + lr); variants.add(r.withLatentErrorPrior(new LatentErrorPrior(modes, residual, Double.parseDouble(w), Double.parseDouble(lr)))); }
int M = names.size();
double[] sum = new double[M], ssum = new double[M];
for (int i = 0; i < n; i++) {
  var ex = VaeExample.of(val.get(first + i), t.head());
  StringBuilder line = new StringBuilder("head " + (first + i) + ":");
  for (int k = 0; k < M; k++) {
    float[] h = k == 0 ? r.feedForward(ex, first + i).positions() : k == 1 ? r.refine(ex, steps, first + i).positions() : variants.get(k - 2).refine(ex, steps, first + i).positions();
    double e = mm(h, ex), s = toSurface(h, ex);
    sum[k] += e; ssum[k] += s;
    line.append(String.format(" %s %.3f (%.3f)", names.get(k), e, s));
  }
  System.out.println(line);
}
StringBuilder line = new StringBuilder("heads " + first + "-" + (first + n - 1) + ", steps " + steps + ":");
for (int k = 0; k < M; k++) line.append(String.format(" %s %.3f (%.3f)", names.get(k), sum[k] / n, ssum[k] / n));
System.out.println(line);
/exit
