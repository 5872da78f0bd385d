// Features for learning what the mean head's pose estimate misses (session 15): each head of `split`
// (`first`, `n`) turned by a seeded random rotation about its true centroid (with probability `upright`
// none; else yaw, pitch and roll uniform within +-`yaw`, +-`pitch`, +-`roll` degrees; or, with
// poses=..., each head at each of the listed "pitch:yaw:roll" poses), conditioned as retopo does, its pose
// estimated (ScanPose.estimate), levelled by the estimate, and encoded by the network. Writes per
// example, as little-endian floats: the latent (L*C), the estimate's rotation vector (3, degrees), the
// residual rotation D = R_est^T R_true as a rotation vector (3, degrees), the head index and the pose
// (pitch, yaw, roll). out=FILE
// split=calib first=0 n=3000 seed=15 upright=0.3 yaw=30 pitch=20 roll=10
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.topology.scan.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 3000);
double uprightShare = Double.parseDouble(System.getProperty("upright", "0.3"));
double maxYaw = Double.parseDouble(System.getProperty("yaw", "30")), maxPitch = Double.parseDouble(System.getProperty("pitch", "20")), maxRoll = Double.parseDouble(System.getProperty("roll", "10"));
String posesProp = System.getProperty("poses", "");
var rng = new java.util.Random(Long.getLong("seed", 15));
var set = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "calib")));
var meanFit = new MeanHeadFit(t);
double[] mul(double[] a, double[] b) { double[] c = new double[9]; for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3*i+j] += a[3*i+k] * b[3*k+j]; return c; }
double[] tr(double[] a) { return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]}; }
double[] rotation(double pitch, double yaw, double roll) { // R = R_y R_x R_z
  double a = Math.toRadians(pitch), b = Math.toRadians(yaw), g = Math.toRadians(roll);
  double[] x = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
  double[] y = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
  double[] z = {Math.cos(g), -Math.sin(g), 0, Math.sin(g), Math.cos(g), 0, 0, 0, 1};
  return mul(y, mul(x, z));
}
double[] rotvec(double[] m) { // degrees
  double th = Math.acos(Math.max(-1, Math.min(1, (m[0] + m[4] + m[8] - 1) / 2)));
  double[] w = {m[7] - m[5], m[2] - m[6], m[3] - m[1]};
  double f = th < 1e-9 ? 0.5 : th / (2 * Math.sin(th));
  for (int k = 0; k < 3; k++) w[k] = Math.toDegrees(w[k] * f);
  return w;
}
float[] turn(float[] xyz, double[] R, double[] c) {
  float[] out = new float[xyz.length];
  for (int i = 0; i < xyz.length / 3; i++) {
    double x = xyz[3*i] - c[0], y = xyz[3*i+1] - c[1], z = xyz[3*i+2] - c[2];
    for (int k = 0; k < 3; k++) out[3*i+k] = (float) (R[3*k] * x + R[3*k+1] * y + R[3*k+2] * z + c[k]);
  }
  return out;
}
java.util.List<double[]> poses = new java.util.ArrayList<>();
if (!posesProp.isEmpty()) for (String p : posesProp.split(",")) { String[] q = p.split(":"); poses.add(new double[] {Double.parseDouble(q[0]), Double.parseDouble(q[1]), Double.parseDouble(q[2])}); }
var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(System.getProperty("out"))));
void writeFloat(float f) throws Exception { out.writeInt(Integer.reverseBytes(Float.floatToIntBits(f))); }
long t0 = System.nanoTime(); int rows = 0; int width = 0;
for (int i = 0; i < n; i++) {
  var s = set.get(first + i);
  float[] head = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  double[] c = new double[3];
  for (int q = 0; q < head.length; q++) c[q % 3] += head[q] / (double) V;
  java.util.List<double[]> these = new java.util.ArrayList<>(poses);
  if (these.isEmpty()) {
    if (rng.nextDouble() < uprightShare) { rng.nextDouble(); rng.nextDouble(); rng.nextDouble(); these.add(new double[3]); }
    else these.add(new double[] {(2 * rng.nextDouble() - 1) * maxPitch, (2 * rng.nextDouble() - 1) * maxYaw, (2 * rng.nextDouble() - 1) * maxRoll});
  }
  for (double[] pose : these) {
    double[] R = rotation(pose[0], pose[1], pose[2]);
    var cond = ScanConditioning.apply(turn(s.scanPoints(), R, c), turn(s.scanNormals(), R, new double[3]), Axis.PY, Axis.PZ, Units.M);
    var frame = VaeFrame.of(cond.positions());
    float[] u = frame.toUnit(cond.positions());
    float[] pts = new float[u.length * 2];
    for (int q = 0; q < u.length / 3; q++) { System.arraycopy(u, 3*q, pts, 6*q, 3); System.arraycopy(cond.normals(), 3*q, pts, 6*q+3, 3); }
    var ex = new VaeExample(pts, null, null, frame, s.scanFamily());
    var est = ScanPose.estimate(meanFit, new PointCloud(cond.positions(), cond.normals()));
    var net = r.encodeDecode(ex.levelled(est), first + i);
    for (float f : net.latent()) writeFloat(f);
    width = net.latent().length + 10;
    for (double v : rotvec(est.rotation())) writeFloat((float) v);
    for (double v : rotvec(mul(tr(est.rotation()), R))) writeFloat((float) v);
    writeFloat(first + i); for (double v : pose) writeFloat((float) v);
    rows++;
  }
  if ((i + 1) % 100 == 0) System.out.printf("%d heads, %d rows, %.1f s%n", i + 1, rows, (System.nanoTime() - t0) / 1e9);
}
out.close();
System.out.printf("done: %d rows of %d floats, %.1f s%n", rows, width, (System.nanoTime() - t0) / 1e9);
/exit
