// How a scan's head pose off the expected frame (+Y up, face along +Z) costs (session 14): each
// validation scan and its true head turned about the true head's centroid by `angles` degrees
// (pitch about X: chin down for +; yaw about Y; roll about Z), then prepared as `topos retopo` does;
// mean per-vertex error (mm) of the calibrated feed-forward head, `--refine` and `--correct`.
// level=true: as `retopo` by default (ScanLeveling, judged by the calibrated feed-forward head, for
// --correct too, where retopo judges by the network's own; `gate` degrees, default
// ScanLeveling.GATE_DEGREES): the scan turned upright first where that is chosen, the truth likewise
// (the same error as turning the answer back); prints the angle levelled per head. level=false: as
// `retopo --no-level`. correction=FILE (or correction=shipped): the estimate corrected by a PoseCorrection
// (session 15), the gate then ScanLeveling.CORRECTED_GATE_DEGREES unless given.
// first=64 n=12 axis=x angles=0,5,10,15,20 which=calibrated,refine,correct level=false
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.scan.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions()).withErrorModes(ShippedWeights.loadErrorModes(null)).withShapeModes(ShippedWeights.loadShapeModes(null));
var cr = r.withCalibration(ShippedWeights.loadCalibration(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 12);
String axis = System.getProperty("axis", "x");
double[] angles = java.util.Arrays.stream(System.getProperty("angles", "0,5,10,15,20").split(",")).mapToDouble(Double::parseDouble).toArray();
String[] names = System.getProperty("which", "calibrated,refine,correct").split(",");
boolean level = Boolean.getBoolean("level");
String correctionFile = System.getProperty("correction", "");
PoseCorrection poseCorrection = correctionFile.isEmpty() ? null : correctionFile.equals("shipped") ? ShippedWeights.loadPoseCorrection(null) : PoseCorrection.read(java.nio.file.Path.of(correctionFile));
if (!correctionFile.isEmpty() && poseCorrection == null) throw new IllegalStateException("no shipped pose correction");
double gate = Double.parseDouble(System.getProperty("gate", String.valueOf(poseCorrection == null ? dev.topos.pipeline.ScanLeveling.GATE_DEGREES : dev.topos.pipeline.ScanLeveling.CORRECTED_GATE_DEGREES)));
var leveling = new dev.topos.pipeline.ScanLeveling(t, poseCorrection, gate);
var val = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
float[] turn(float[] xyz, double deg, double[] c) {
  double a = Math.toRadians(deg), cs = Math.cos(a), sn = Math.sin(a);
  float[] out = new float[xyz.length];
  for (int i = 0; i < xyz.length / 3; i++) {
    double x = xyz[3*i] - (c == null ? 0 : c[0]), y = xyz[3*i+1] - (c == null ? 0 : c[1]), z = xyz[3*i+2] - (c == null ? 0 : c[2]);
    double nx = x, ny = y, nz = z;
    if (axis.equals("x")) { ny = cs * y - sn * z; nz = sn * y + cs * z; }
    else if (axis.equals("y")) { nx = cs * x + sn * z; nz = -sn * x + cs * z; }
    else { nx = cs * x - sn * y; ny = sn * x + cs * y; }
    out[3*i] = (float) (nx + (c == null ? 0 : c[0])); out[3*i+1] = (float) (ny + (c == null ? 0 : c[1])); out[3*i+2] = (float) (nz + (c == null ? 0 : c[2]));
  }
  return out;
}
double lastAngle = 0;
VaeExample turned(Sample s, double deg) {
  float[] head = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  double[] c = new double[3];
  for (int i = 0; i < head.length; i++) c[i % 3] += head[i] / (double) V;
  float[] h = turn(head, deg, c);
  var cond = ScanConditioning.apply(turn(s.scanPoints(), deg, c), turn(s.scanNormals(), deg, null), Axis.PY, Axis.PZ, Units.M);
  var frame = VaeFrame.of(cond.positions());
  float[] u = frame.toUnit(cond.positions());
  float[] pts = new float[u.length * 2];
  for (int i = 0; i < u.length / 3; i++) { System.arraycopy(u, 3*i, pts, 6*i, 3); System.arraycopy(cond.normals(), 3*i, pts, 6*i+3, 3); }
  var ex = new VaeExample(pts, frame.toUnit(h), t.head().withPositions(h).vertexNormals(), frame, s.scanFamily());
  lastAngle = 0;
  if (!level) return ex;
  var choice = leveling.choose(cr, ex, s.index());
  lastAngle = choice.pose().isUpright() ? 0 : choice.pose().angleDegrees();
  return choice.scan(); // the truth turned alike: the same error as turning the answer back
}
double mm(float[] head, VaeExample ex) {
  float[] truth = ex.targetPositions(); double s = 0;
  for (int v = 0; v < V; v++) { double d2 = 0; for (int k = 0; k < 3; k++) { double d = head[3*v+k] - truth[3*v+k]; d2 += d * d; } s += Math.sqrt(d2); }
  return s / V * ex.frame().scale() * 1000;
}
float[] head(String name, VaeExample ex, int seed) {
  switch (name) {
    case "calibrated": return cr.feedForward(ex, seed).positions();
    case "refine": return cr.refine(ex, 60, seed).positions();
    case "correct": return r.correct(ex, seed).positions();
    default: throw new IllegalArgumentException(name);
  }
}
for (double deg : angles) {
  double[] sum = new double[names.length];
  double angleSum = 0;
  StringBuilder angles = new StringBuilder();
  for (int i = 0; i < n; i++) {
    var ex = turned(val.get(first + i), deg);
    angleSum += lastAngle; angles.append(String.format(" %.1f", lastAngle));
    for (int k = 0; k < names.length; k++) sum[k] += mm(head(names[k], ex, first + i), ex);
  }
  StringBuilder line = new StringBuilder(String.format("axis %s %5.1f deg, heads %d-%d:", axis, deg, first, first + n - 1));
  for (int k = 0; k < names.length; k++) line.append(String.format(" %s %.3f", names[k], sum[k] / n));
  if (level) line.append(String.format(" | levelled mean %.2f deg:%s", angleSum / n, angles));
  System.out.println(line);
}
/exit
