// How a face-only scan's frame relates to the whole scan's (session 10): each scan cropped to the
// points whose nearest true vertex is on the face (lips, eye sockets, nose, face regions), then the
// whole conditioned scan's VAE frame against the crop's: scale ratio, and the centre's offset in
// units of the crop's scale. No model. first=0 n=200 split=train
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.pyramid.*;
import dev.topos.topology.scan.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 200);
boolean[] faceV = new boolean[V];
for (int v = 0; v < V; v++) { var g = reg[v]; faceV[v] = g == Region.LIPS || g == Region.EYE_SOCKETS || g == Region.NOSE || g == Region.FACE; }
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/" + System.getProperty("split", "train")));
double[][] q = new double[4][n];
for (int i = 0; i < n; i++) {
  var s = reader.get(first + i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  var tree = new KdTree(gt);
  float[] sp = s.scanPoints();
  int p = sp.length / 3, k = 0;
  float[] cp = new float[sp.length];
  for (int j = 0; j < p; j++) { int v = tree.nearest(sp[3*j], sp[3*j+1], sp[3*j+2]); if (faceV[v]) { System.arraycopy(sp, 3*j, cp, 3*k, 3); k++; } }
  VaeFrame crop = VaeFrame.of(java.util.Arrays.copyOf(cp, 3 * k));
  VaeFrame whole = VaeFrame.of(ScanConditioning.apply(sp, s.scanNormals(), Axis.PY, Axis.PZ, Units.M).positions());
  q[0][i] = whole.scale() / crop.scale();
  q[1][i] = (whole.cx() - crop.cx()) / crop.scale();
  q[2][i] = (whole.cy() - crop.cy()) / crop.scale();
  q[3][i] = (whole.cz() - crop.cz()) / crop.scale();
}
String[] names = { "scale ratio", "dx / crop scale", "dy / crop scale", "dz / crop scale" };
for (int c = 0; c < 4; c++) { double[] a = q[c].clone(); java.util.Arrays.sort(a); double m = java.util.Arrays.stream(a).average().getAsDouble(); double sd = Math.sqrt(java.util.Arrays.stream(a).map(x -> (x - m) * (x - m)).sum() / n);
  System.out.printf("%-16s median %.4f mean %.4f sd %.4f p5 %.4f p95 %.4f%n", names[c], a[n / 2], m, sd, a[n / 20], a[n - 1 - n / 20]); }
/exit
