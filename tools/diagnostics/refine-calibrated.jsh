// Refinement with the feed-forward calibration (session 12): fits a calibration with the shipped
// code (FeedForwardCalibrationBuilder.fit) on the cached answers of the first `bank` training heads
// (/tmp/ffz-train-N.bin, as calibration-settings.jsh reads it; settings head-modes/projections/ridge),
// or reads one (calibration=FILE), then reports on validation heads first..first+n-1 the mean
// per-vertex error (mm) of the network, the calibrated feed-forward head, `--refine steps` from the
// network (as before session 12) and the shipped `--refine steps` of a calibrated Retopologizer
// (from the calibrated head, its correction kept as a fixed offset). Session 12 first ran every
// iterate through the calibration (that code is gone; its figures are in docs/VAE.md).
// bank=8000 setting=250/4000/0.1 first=0 n=64 steps=60 [calibration=FILE] [onlyCalibrated=true: skip the refinement from the network]
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 8000), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 64), steps = Integer.getInteger("steps", 60);
var val = DatasetReader.open(java.nio.file.Path.of(data + "/val"));
FeedForwardCalibration c;
if (System.getProperty("calibration") != null) {
  c = FeedForwardCalibration.read(java.nio.file.Path.of(System.getProperty("calibration")));
} else {
  var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
  int Lz = r.encodeDecode(VaeExample.of(val.get(first), t.head()), 0).latent().length;
  float[][] heads = new float[bank][], latents = new float[bank][], errors = new float[bank][];
  try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(
      java.nio.file.Path.of("/tmp/ffz-train-" + bank + ".bin")), 1 << 20))) {
    for (int i = 0; i < bank; i++) {
      float[] row = new float[D + Lz];
      for (int j = 0; j < D + Lz; j++) row[j] = in.readFloat();
      var ex = VaeExample.of(train.get(i), t.head());
      heads[i] = ex.frame().toUnit(java.util.Arrays.copyOf(row, D));
      latents[i] = java.util.Arrays.copyOfRange(row, D, D + Lz);
      float[] truth = ex.targetPositions(), e = new float[D];
      for (int j = 0; j < D; j++) e[j] = truth[j] - heads[i][j];
      errors[i] = e;
    }
  }
  String[] p = System.getProperty("setting", "250/4000/0.1").split("/");
  c = FeedForwardCalibrationBuilder.fit(heads, latents, errors,
      new FeedForwardCalibrationBuilder.Settings(bank, 2000, Integer.parseInt(p[0]), Integer.parseInt(p[1]), 256, Double.parseDouble(p[2]), 7));
}
System.out.println(c);
var cr = r.withCalibration(c);
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double[] sum = new double[4];
for (int i = 0; i < n; i++) {
  var ex = VaeExample.of(val.get(first + i), t.head());
  var net = r.encodeDecode(ex, first + i);
  double[] e = {mm(net.positions(), ex), mm(cr.calibrate(net).positions(), ex),
      Boolean.getBoolean("onlyCalibrated") ? Double.NaN : mm(r.refine(ex, steps, first + i).positions(), ex),
      mm(cr.refine(ex, steps, first + i).positions(), ex)};
  for (int k = 0; k < 4; k++) sum[k] += e[k];
  System.out.printf("val %d: network %.3f, calibrated %.3f, refined %.3f, refined from the calibrated head %.3f mm%n", first + i, e[0], e[1], e[2], e[3]);
}
System.out.printf("val %d-%d: network %.3f, calibrated %.3f, refined %.3f, refined from the calibrated head %.3f mm%n", first, first + n - 1,
    sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
/exit
