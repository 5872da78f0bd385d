// The demo's refinement repeated in one process (session 16): `bin/topos demo`'s head and marching-cubes
// scan (seed=1), retopologized with --refine as DemoCommand does, reps=8 times; per run the mean per-vertex
// error, the scan-to-surface distance, a hash of the vertices and the largest difference from run 0.
// Run with THREADS=1 or 2 and with or without MKL_CBWR=AUTO,STRICT (run.sh sets it unless given; MKL_CBWR=
// for MKL's default) for the table in docs/VAE.md, "Reproducibility and threads".
import dev.topos.geometry.*;
import dev.topos.geometry.io.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
import dev.topos.synth.scan.*;
import dev.topos.topology.*;
import dev.topos.topology.space.*;
long seed = Long.getLong("seed", 1L);
int reps = Integer.getInteger("reps", 8);
var model = HeadModel.loadBundled();
var t = model.topology();
var head = model.sample(seed);
var scan = new ScanSimulator(t, ScanOptions.defaults()).simulate(head.headMesh(), seed, ScanFamily.MARCHING_CUBES);
var f = java.nio.file.Files.createTempFile("scan", ".obj");
ObjWriter.write(scan.mesh(), f);
var cloud = ScanReader.read(f, 0);
var vae = ShippedWeights.load(t.head());
var retopo = new ScanRetopologizer(vae, t, new LipParting(model)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null)).withCalibration(ShippedWeights.loadCalibration(null));
float[] first = null;
for (int k = 0; k < reps; k++) {
  var r = retopo.retopologize(cloud, ScanRetopologizer.Options.DEFAULT.withRefineSteps(Retopologizer.DEFAULT_REFINE_STEPS));
  float[] p = r.head().positions();
  double maxDiff = 0; if (first == null) first = p.clone(); else for (int i = 0; i < p.length; i++) maxDiff = Math.max(maxDiff, Math.abs(p[i] - first[i]));
  System.out.printf("hash %08x ", java.util.Arrays.hashCode(p)); System.out.printf("run %d: %.4f mm per vertex, scan %.4f mm, max diff from run 0 %.3e m%n", k, Metrics.perVertexError(p, head.headPositions()).meanMm(), Metrics.pointToSurface(cloud.positions(), new ClosestPointOnMesh(r.head())).meanMm(), maxDiff);
}
/exit
