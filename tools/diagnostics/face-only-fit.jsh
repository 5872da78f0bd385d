// Face-only scans (VaeExample.ofFaceOnly, FaceScanFrame, matched to the face alone as `retopo
// --face-only`): --correct with ShapeFit.DEFAULT's 4 shape passes against variants of its stages: the shape fit straight from
// the feed-forward head (no error modes), and more shape passes. Session 10.
// first=0 n=30 split=test passes=4,8 alone=true
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null); var sm = ShippedWeights.loadShapeModes(null);
var plain = new Retopologizer(vae, reg).observingOnly(FaceScanFrame.REGIONS);
var shipped = plain.withErrorModes(em).withShapeModes(sm);
boolean alone = Boolean.parseBoolean(System.getProperty("alone", "true")); // alone=false: skip the shape-fit-alone columns (they repeat the first)
int[] passes = java.util.Arrays.stream(System.getProperty("passes", "4,8").split(",")).mapToInt(Integer::parseInt).toArray();
// shape fit alone: error modes that are all zero (no mean, no modes, zero residual mean)
int D = 3 * t.vertexCount();
var zero = new ErrorModes(new float[D], new float[D], 1);
Retopologizer[] shapeOnly = new Retopologizer[passes.length], more = new Retopologizer[passes.length];
for (int q = 0; q < passes.length; q++) {
  var fit = new Retopologizer.ShapeFit(passes[q], Retopologizer.ShapeFit.DEFAULT.noiseMetres(), Retopologizer.ShapeFit.DEFAULT.robustScaleMetres(), true);
  shapeOnly[q] = plain.withErrorModes(zero).withShapeModes(sm, fit); more[q] = plain.withErrorModes(em).withShapeModes(sm, fit);
}
int V = t.vertexCount(); boolean[] faceV = new boolean[V]; for (int v = 0; v < V; v++) faceV[v] = FaceScanFrame.REGIONS.contains(reg[v]);
double dist(float[] a, float[] b, boolean[] mask) { double s=0; int c=0; for (int v=0; v<V; v++){ if (mask != null && !mask[v]) continue; double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz); c++;} return s/c*1000; }
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data") + "/" + System.getProperty("split", "test")));
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 30);
int cols = 1 + 2 * passes.length; double[] sum = new double[2 * cols];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.ofFaceOnly(reader.get(i), t.head(), reg);
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ff = plain.encodeDecode(ex, i);
  float[][] heads = new float[cols][];
  heads[0] = ex.frame().fromUnit(shipped.correct(ex, ff).positions());
  for (int q = 0; q < passes.length; q++) { heads[1 + q] = alone ? ex.frame().fromUnit(shapeOnly[q].correct(ex, ff, 1).positions()) : heads[0]; heads[1 + passes.length + q] = ex.frame().fromUnit(more[q].correct(ex, ff).positions()); }
  StringBuilder sb = new StringBuilder();
  for (int c = 0; c < cols; c++) { double w = dist(heads[c], gt, null), f = dist(heads[c], gt, faceV); sum[2*c] += w / n; sum[2*c+1] += f / n; sb.append(String.format(" %.2f (%.2f)", w, f)); }
  System.out.printf("head %d %-14s%s%n", i, ex.family(), sb);
}
StringBuilder sb = new StringBuilder(); for (int c = 0; c < cols; c++) sb.append(String.format(" %.3f (%.3f)", sum[2*c], sum[2*c+1]));
System.out.println("columns: 4 shape passes (ShapeFit.DEFAULT); the shape fit alone (one zero error-mode pass first) with " + java.util.Arrays.toString(passes) + " passes; error modes then " + java.util.Arrays.toString(passes) + " shape passes");
System.out.println("MEAN whole (face):" + sb);
/exit
