// Time of one training step (forward + backward, batch 8, median of 7 after 3) and of the encoder
// alone, for cpu-small, cpu-small with local attention or local patches (session 6) and larger encoders. Run with THREADS=2 and nothing beside it for the
// figures in docs/VAE.md.
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.*;
import ai.djl.training.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var exs = new java.util.ArrayList<VaeExample>();
for (long i = 0; i < 8; i++) exs.add(VaeExample.of(reader.get(i), t.head()));
var s = VaeConfig.cpuSmall();
VaeConfig with(int points, int layers, int heads, int C) { return new VaeConfig(points, s.fourierFrequencies(), s.width(), layers, heads, s.headWidth(), s.ffnMultiplier(), C, s.logVarMin(), s.logVarMax(), s.pyramid(), s.decoderWidths(), s.decoderBlocks(), s.normGroups(), s.graphOp(), s.klWeight(), s.positionWeight(), s.normalWeight(), s.faceNormalWeight(), s.angleWeight(), s.dihedralWeight(), false, 0); }
VaeBatch batch(int n, int V, long seed) {
  var rng = new java.util.SplittableRandom(seed);
  float[] in = new float[8*n*6], p = new float[8*V*3], nn = new float[8*V*3];
  for (int b = 0; b < 8; b++) { var e = exs.get(b); System.arraycopy(e.subsample(n, rng), 0, in, b*n*6, n*6); System.arraycopy(e.targetPositions(), 0, p, b*V*3, V*3); System.arraycopy(e.targetNormals(), 0, nn, b*V*3, V*3); }
  return new VaeBatch(8, n, in, p, nn);
}
double median(double[] a) { var c = a.clone(); java.util.Arrays.sort(c); return c[c.length/2]; }
void prof(String name, VaeConfig c) {
  try (var vae = TopoVae.create(c, t.head(), 0)) {
    int V = t.vertexCount();
    double[] full = new double[7], enc = new double[7];
    for (int it = 0; it < 10; it++) {
      var b = batch(c.points(), V, it);
      long t0 = System.nanoTime();
      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        var l = vae.losses(scope, b, it); gc.backward(l.get("total"));
      }
      long t1 = System.nanoTime();
      vae.parameters().zeroGradients();
      try (NDManager scope = NDManager.newBaseManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        var pts = scope.create(b.inputs(), new Shape(8, c.points(), 6));
        gc.backward(vae.encode(pts).mean().square().mean());
      }
      long t2 = System.nanoTime();
      vae.parameters().zeroGradients();
      if (it >= 3) { full[it-3] = (t1-t0)/1e9; enc[it-3] = (t2-t1)/1e9; }
    }
    System.out.printf("%-28s params %,d  step %.3f s  encoder %.3f s%n", name, vae.parameters().count(), median(full), median(enc));
  }
}
prof("cpu-small", s);
prof("local attention", s.withLocalAttention(true));
prof("local patches of 16", s.withLocalPatch(16));
prof("points 2048", with(2048, 2, 2, 16));
prof("layers 4", with(1024, 4, 2, 16));
prof("layers 4 heads 4", with(1024, 4, 4, 16));
prof("layers 3 points 2048", with(2048, 3, 2, 16));
prof("layers 4 C32", with(1024, 4, 2, 32));
/exit
