// How well does a ridge regression from the network's latent of the levelled scan predict what the mean
// head's pose estimate missed (session 15)? Reads pose-features.jsh files: train=A.bin,B.bin val=C.bin;
// features: `proj` seeded Gaussian projections of the latent (0: the latent itself), the estimate's
// rotation vector, 1; targets: the residual rotation vector D (degrees). Prints, per ridge in `ridges`,
// the mean |D| before and |D - prediction| after, over the validation rows, by pose.
// proj=1500 ridges=0.01,0.03,0.1,0.3,1 estimate=true (false: without the estimate's rotation vector)
import dev.topos.geometry.*;
int L = Integer.getInteger("latent", 5168), W = L + 10;
int proj = Integer.getInteger("proj", 1500);
boolean useEstimate = !"false".equals(System.getProperty("estimate"));
java.util.List<float[]> read(String files) throws Exception {
  java.util.List<float[]> rows = new java.util.ArrayList<>();
  for (String f : files.split(",")) {
    var buf = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(f))).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    while (buf.remaining() >= W) { float[] r = new float[W]; buf.get(r); rows.add(r); }
  }
  return rows;
}
var train = read(System.getProperty("train")); var val = read(System.getProperty("val"));
System.out.printf("train %d rows, val %d rows%n", train.size(), val.size());
int P = (proj > 0 ? proj : L) + 3 + 1;
float[] P_ = null;
if (proj > 0) { var g = new java.util.Random(7); P_ = new float[proj * L]; for (int i = 0; i < P_.length; i++) P_[i] = (float) (g.nextGaussian() / Math.sqrt(L)); }
final float[] PM = P_;
double[] features(float[] r) {
  double[] f = new double[P];
  if (PM == null) for (int i = 0; i < L; i++) f[i] = r[i];
  else for (int j = 0; j < proj; j++) { double s = 0; int o = j * L; for (int i = 0; i < L; i++) s += PM[o + i] * r[i]; f[j] = s; }
  int q = P - 4; for (int k = 0; k < 3; k++) f[q + k] = useEstimate ? r[L + k] : 0; f[P - 1] = 1;
  return f;
}
var reg = new RidgeRegression(P, 3);
for (float[] r : train) reg.add(features(r), new double[] {r[L + 3], r[L + 4], r[L + 5]});
java.util.List<double[]> vf = new java.util.ArrayList<>(); for (float[] r : val) vf.add(features(r));
for (String rs : System.getProperty("ridges", "0.01,0.03,0.1,0.3,1").split(",")) {
  float[] w = reg.solve(Double.parseDouble(rs));
  java.util.Map<String, double[]> byPose = new java.util.TreeMap<>();
  for (int i = 0; i < val.size(); i++) {
    float[] r = val.get(i); double[] f = vf.get(i);
    double[] pred = new double[3];
    for (int k = 0; k < 3; k++) { double s = 0; for (int j = 0; j < P; j++) s += f[j] * w[3 * j + k]; pred[k] = s; }
    double before = 0, after = 0, bp = 0, ap = 0;
    for (int k = 0; k < 3; k++) { double d = r[L + 3 + k]; before += d * d; after += (d - pred[k]) * (d - pred[k]); }
    bp = Math.abs(r[L + 3]); ap = Math.abs(r[L + 3] - pred[0]);
    String key = String.format("%+.0f:%+.0f:%+.0f", r[L + 7], r[L + 8], r[L + 9]);
    double[] acc = byPose.computeIfAbsent(key, x -> new double[5]);
    acc[0] += Math.sqrt(before); acc[1] += Math.sqrt(after); acc[2] += bp; acc[3] += ap; acc[4]++;
  }
  StringBuilder line = new StringBuilder("ridge " + rs + ":");
  double tb = 0, ta = 0, tn = 0;
  for (var e : byPose.entrySet()) { double[] a = e.getValue(); line.append(String.format(" %s %.2f->%.2f (pitch %.2f->%.2f)", e.getKey(), a[0] / a[4], a[1] / a[4], a[2] / a[4], a[3] / a[4])); tb += a[0]; ta += a[1]; tn += a[4]; }
  System.out.println(String.format("all %.2f->%.2f | ", tb / tn, ta / tn) + line);
}
/exit
