// What refinement can reach on an ideal scan: the true head's own surface (4,096 points sampled
// from the reference mesh at the true positions, face normals; no hair, noise, holes or body),
// conditioned and framed like a user's scan. Mean per-vertex error (mm) feed-forward, after
// --refine STEPS (scalp and neck follow, the default) and with them fitted too; and the error split
// along / across the true surface. A refinement that fits the surface cannot see where vertices
// sit along it, so this bounds what --refine can do with the given encoder and decoder.
// weights=DIR first=64 n=16 steps=60 split=val calibrated=false (true: the shipped calibration, as retopo
// runs since session 12: the first row is then the calibrated head, and refinement starts from it).
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "val")));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r0 = new Retopologizer(vae, t.regions());
var r = Boolean.getBoolean("calibrated") ? r0.withCalibration(ShippedWeights.loadCalibration(null)) : r0;
int V = t.vertexCount(); int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 16), steps = Integer.getInteger("steps", 60);
double[] split(float[] x, float[] y, float[] nrm) { double s=0, sn=0, st=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; double d=Math.sqrt(dx*dx+dy*dy+dz*dz); double a=dx*nrm[3*v]+dy*nrm[3*v+1]+dz*nrm[3*v+2]; s+=d; sn+=Math.abs(a); st+=Math.sqrt(Math.max(0,d*d-a*a)); } return new double[]{s/V*1000, sn/V*1000, st/V*1000}; }
double[][] sum = new double[4][3];
String[] names = {"feed-forward", "refine " + steps, "refine " + steps + " fit scalp+neck", "refine " + (5*steps) + " fit scalp+neck"};
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3*V);
  Mesh head = t.head().withPositions(gt);
  float[] gtNormals = head.vertexNormals();
  var cloud = new SurfaceSampler(head).samplePoints(4096, i, SurfaceSampler.NormalMode.FACE);
  var c = ScanConditioning.apply(cloud.positions(), cloud.normals(), Axis.PY, Axis.PZ, Units.M);
  var ex = VaeExample.ofScan(c);
  float[][] outs = { r.feedForward(ex, i).positions(), r.refine(ex, steps, i, false).positions(), r.refine(ex, steps, i, true).positions(), r.refine(ex, 5*steps, i, true).positions() };
  for (int k = 0; k < 4; k++) { double[] e = split(ex.frame().fromUnit(outs[k]), gt, gtNormals); for (int j = 0; j < 3; j++) sum[k][j] += e[j] / n; }
  System.out.printf("head %d: ff %.3f, refined %.3f%n", i, split(ex.frame().fromUnit(outs[0]), gt, gtNormals)[0], split(ex.frame().fromUnit(outs[2]), gt, gtNormals)[0]);
}
for (int k = 0; k < 4; k++) System.out.printf("MEAN %s: %.3f mm (along the normal %.3f, along the surface %.3f)%n", names[k], sum[k][0], sum[k][1], sum[k][2]);
/exit
