// Local attention (session 6): each encoder layer's learned locality weights beta_h, the width of
// the Gaussian they put on the attention (sigma = 1 / sqrt(2 * 100 * beta), unit frame, and in mm for
// a frame of radius 0.15 m, a head without shoulders), and the size of the learned anchor offsets.
// Run on a checkpoint or best folder of a model with local attention: run.sh locality.jsh DATA WEIGHTS
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
var t = ReferenceTopology.loadBundled();
try (var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head())) {
  if (!vae.config().localAttention()) { System.out.println("this model has no local attention"); }
  for (int l = 0; l < vae.config().encoderLayers() && vae.config().localAttention(); l++) {
    String n = "encoder.layers." + l;
    float[] beta = vae.parameters().values(n + ".locality");
    float[] w = vae.parameters().values(n + ".anchor.w");
    float[] b = vae.parameters().values(n + ".anchor.b");
    double wNorm = 0; for (float v : w) wNorm += v * v;
    StringBuilder s = new StringBuilder();
    for (float be : beta) {
      double sigma = be > 0 ? 1 / Math.sqrt(2 * VaeConfig.LOCALITY_SCALE * be) : Double.POSITIVE_INFINITY;
      s.append(String.format(" beta %.3f (sigma %.3f = %.1f mm)", be, sigma, sigma * 150));
    }
    System.out.printf("layer %d:%s; anchor bias |b| %.4f, |W| %.4f%n", l, s, Math.sqrt(b[0]*b[0]+b[1]*b[1]+b[2]*b[2]), Math.sqrt(wNorm));
  }
}
/exit
