// Whether `--refine` repeats across processes (session 16): test heads first..first+n-1 (VaeExample.of,
// not levelled), the shipped calibrated refinement (60 steps, seed = the head's index); per head a hash
// of the answer's bits and its mean per-vertex error. Run it twice, in two processes, and diff the output;
// THREADS and MKL_CBWR as for demo-repeat.jsh. first=0 n=40 split=test
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "test")));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 40);
for (int i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] p = r.refine(ex, Retopologizer.DEFAULT_REFINE_STEPS, i).positions(); // unit frame
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = p[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  System.out.printf("head %d %s hash %08x %.6f mm%n", i, ex.family(), java.util.Arrays.hashCode(p), s / V * ex.frame().scale() * 1000);
}
/exit
