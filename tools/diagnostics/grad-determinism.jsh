// Which backward pass adds in a varying order (session 16): the gradient of a fixed loss with respect to a
// latent, through the decoder, and through an index gather alone, each computed 7 times; run with THREADS=2
// (and THREADS=1 to compare).
import ai.djl.ndarray.*;
import ai.djl.ndarray.index.*;
import ai.djl.ndarray.types.*;
import ai.djl.engine.*;
import ai.djl.training.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
var t = ReferenceTopology.loadBundled();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var rng = new java.util.Random(3);
int L = vae.tokens(), C = vae.config().latentChannels();
float[] z = new float[L * C]; for (int i = 0; i < z.length; i++) z[i] = (float) rng.nextGaussian() * 0.5f;
int V = t.vertexCount();
float[] w = new float[V * 6]; for (int i = 0; i < w.length; i++) w[i] = (float) rng.nextGaussian();
int[] idx = new int[12000]; for (int i = 0; i < idx.length; i++) idx[i] = rng.nextInt(V);
float[] g(int mode) {
  try (NDManager m = NDManager.newBaseManager()) {
    NDArray latent = m.create(z, new Shape(1, L, C)); latent.setRequiresGradient(true);
    float[] out;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray loss;
      if (mode == 0) {
        NDArray dec = vae.decode(latent).get(0); // [V, 6]
        loss = dec.mul(m.create(w, new Shape(V, 6))).sum();
      } else {
        NDArray x = latent.reshape(L * C / 4, 4); // a stand-in [N, 4]
        NDArray rows = m.create(java.util.Arrays.stream(idx).map(i -> i % (L * C / 4)).toArray());
        loss = x.get(new NDIndex("{}", rows)).square().sum();
      }
      gc.backward(loss);
    }
    out = latent.getGradient().toFloatArray();
    vae.parameters().zeroGradients();
    return out;
  }
}
for (int mode = 0; mode < 2; mode++) {
  float[] a = g(mode); int differ = 0;
  for (int r = 0; r < 6; r++) { float[] b = g(mode); if (!java.util.Arrays.equals(a, b)) differ++; }
  System.out.printf("%s: %d of 6 repeats differ from the first%n", mode == 0 ? "decoder backward" : "index gather backward", differ);
}
/exit
