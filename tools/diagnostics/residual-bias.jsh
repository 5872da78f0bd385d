// The correction's residual mean (ErrorModes.residualMean), added whole or only along the surface
// (its part along the corrected head's vertex normals removed: everywhere, or everywhere but the
// mouth cavity, which no scan sees): mean per-vertex error and mean distance from the result's
// vertices to the true surface (mm) on validation heads. first=64 n=64
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null);
var r = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(), D = 3 * V; int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
float[] bias = em.residualMean();
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
double toSurface(float[] x, ClosestPointOnMesh truth) { return Metrics.pointToSurface(x, truth).meanMm(); }
String[] names = {"no bias", "whole bias", "along the surface", "along the surface but mouth cavity whole"};
double[][] sum = new double[names.length][2];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var truth = new ClosestPointOnMesh(t.head().withPositions(gt));
  float[] whole = ex.frame().fromUnit(r.correct(ex, i).positions());
  float[] none = whole.clone(); for (int j = 0; j < D; j++) none[j] -= bias[j];
  float[] nrm = t.head().withPositions(none).vertexNormals();
  float[] along = none.clone(), alongButMouth = none.clone();
  for (int v = 0; v < V; v++) { double a = bias[3*v]*nrm[3*v] + bias[3*v+1]*nrm[3*v+1] + bias[3*v+2]*nrm[3*v+2];
    for (int c = 0; c < 3; c++) { float tan = (float) (bias[3*v+c] - a * nrm[3*v+c]); along[3*v+c] += tan; alongButMouth[3*v+c] += reg[v] == Region.MOUTH_CAVITY ? bias[3*v+c] : tan; } }
  float[][] outs = {none, whole, along, alongButMouth};
  for (int k = 0; k < outs.length; k++) { sum[k][0] += dist(outs[k], gt) / n; sum[k][1] += toSurface(outs[k], truth) / n; }
}
for (int k = 0; k < names.length; k++) System.out.printf("MEAN %-42s per vertex %.3f mm, vertices to the true surface %.3f mm%n", names[k], sum[k][0], sum[k][1]);
/exit
