// Chooses the settings of `topos train calibration` on validation heads: fits FeedForwardCalibration
// (the shipped code, FeedForwardCalibrationBuilder.fit) on the cached feed-forward answers of the
// first `bank` training heads (the cache linear-calibration.jsh writes: heads in metres, latents) for
// each setting head-modes/latent-projections/ridge, and reports the mean per-vertex error (mm) of the
// calibrated feed-forward head on validation heads first..first+n-1 (halves too).
// settings=250/1000/0.03,500/1000/0.03 bank=8000 first=0 n=128
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 8000), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 128);
String[] settings = System.getProperty("settings", "250/1000/0.03,500/1000/0.03").split(",");
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
var val = DatasetReader.open(java.nio.file.Path.of(data + "/val"));
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
VaeExample[] valEx = new VaeExample[n];
Retopologizer.Result[] valFf = new Retopologizer.Result[n];
for (int i = 0; i < n; i++) { valEx[i] = VaeExample.of(val.get(first + i), t.head()); valFf[i] = r.encodeDecode(valEx[i], first + i); }
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int c = 0; c < 3; c++) { double d = head[3*v+c] - truth[3*v+c]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
double a = 0, b = 0;
for (int i = 0; i < n; i++) { double e = mm(valFf[i].positions(), valEx[i]); if (i < n / 2) a += e / (n / 2); else b += e / (n - n / 2); }
System.out.printf("network alone: val %d-%d %.3f mm, %d-%d %.3f mm, all %.3f%n", first, first + n / 2 - 1, a, first + n / 2, first + n - 1, b, (a + b) / 2);
for (String s : settings) {
  String[] p = s.split("/");
  var set = new FeedForwardCalibrationBuilder.Settings(bank, 2000, Integer.parseInt(p[0]), Integer.parseInt(p[1]), 256, Double.parseDouble(p[2]), 7);
  var c = FeedForwardCalibrationBuilder.fit(heads.clone(), latents.clone(), errors.clone(), set);
  var cr = r.withCalibration(c);
  a = 0; b = 0;
  for (int i = 0; i < n; i++) { double e = mm(cr.calibrate(valFf[i]).positions(), valEx[i]); if (i < n / 2) a += e / (n / 2); else b += e / (n - n / 2); }
  System.out.printf("head modes %s, latent projections %s, ridge %s: val %d-%d %.3f mm, %d-%d %.3f mm, all %.3f%n", p[0], p[1], p[2], first, first + n / 2 - 1, a, first + n / 2, first + n - 1, b, (a + b) / 2);
}
/exit
