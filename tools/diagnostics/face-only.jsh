// Face-only scans (as from a phone's depth camera or a face mask): each scan cropped to the points
// whose nearest true vertex is on the face (lips, eye sockets, nose, face regions), then
// feed-forward and --correct in the usual frame (the cropped points' bounding box), and over a grid
// of frames (scale x s, centre moved back by dz) chosen by how well the decoded head explains the
// points (mean of min(distance to the nearest vertex, 10 mm)), then `polish` times the frame of the
// decoded head itself; per-vertex errors for the whole head and its face vertices (mm), and the
// coverage of the first decoded head (the share of its non-mouth vertices with a scan point within
// 10 mm) for the cropped and the whole scan. Session 10.
// Also the shipped rule, FaceScanFrame (`retopo --face-only`, but matched to every vertex; the
// eval's --face-only matches the face alone). scales= (empty) skips the search, known=false the
// known frames.
// first=0 n=16 split=val scales=1,1.15,1.3,1.45,1.6,1.75 dz=0,0.02,0.04,0.06,0.08 polish=2
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var r = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null)).withShapeModes(ShippedWeights.loadShapeModes(null));
int V = t.vertexCount();
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 16);
double[] scales = System.getProperty("scales", "1,1.15,1.3,1.45,1.6,1.75").isEmpty() ? new double[0] : java.util.Arrays.stream(System.getProperty("scales", "1,1.15,1.3,1.45,1.6,1.75").split(",")).mapToDouble(Double::parseDouble).toArray();
double[] dzs = java.util.Arrays.stream(System.getProperty("dz", "0,0.02,0.04,0.06,0.08").split(",")).mapToDouble(Double::parseDouble).toArray();
boolean[] faceV = new boolean[V]; int faceCount = 0;
for (int v = 0; v < V; v++) { var g = reg[v]; faceV[v] = g == Region.LIPS || g == Region.EYE_SOCKETS || g == Region.NOSE || g == Region.FACE; if (faceV[v]) faceCount++; }
double dist(float[] a, float[] b, boolean[] mask) { double s=0; int c=0; for (int v=0; v<V; v++){ if (mask != null && !mask[v]) continue; double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz); c++;} return s/c*1000; }
int polish = Integer.getInteger("polish", 2);
double coverage(float[] head, float[] pts) { var tr = new KdTree(pts); int c = 0, m = 0; for (int v = 0; v < V; v++) { if (reg[v] == Region.MOUTH_CAVITY) continue; m++; if (tr.nearestNeighbor(head[3*v], head[3*v+1], head[3*v+2]).distance() < 0.010) c++; } return (double) c / m; }
double fit(float[] head, float[] pts) { var tree = new KdTree(head); double s = 0; int p = pts.length / 3; for (int i = 0; i < p; i++) s += Math.min(tree.nearestNeighbor(pts[3*i], pts[3*i+1], pts[3*i+2]).distance(), 0.010); return s / p * 1000; }
VaeExample example(float[] pts, float[] nrm, VaeFrame f) { float[] u = f.toUnit(pts); int p = pts.length / 3; float[] rows = new float[6 * p]; for (int i = 0; i < p; i++) { System.arraycopy(u, 3*i, rows, 6*i, 3); System.arraycopy(nrm, 3*i, rows, 6*i+3, 3); } return new VaeExample(rows, null, null, f, "face-only"); }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
double[] sum = new double[15]; double[] ruleSum = new double[4];
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  var tree = new KdTree(gt);
  float[] sp = s.scanPoints(), sn = s.scanNormals();
  int p = sp.length / 3, k = 0;
  float[] cp = new float[sp.length], cn = new float[sp.length];
  for (int q = 0; q < p; q++) { int v = tree.nearest(sp[3*q], sp[3*q+1], sp[3*q+2]); if (!faceV[v]) continue; System.arraycopy(sp, 3*q, cp, 3*k, 3); System.arraycopy(sn, 3*q, cn, 3*k, 3); k++; }
  cp = java.util.Arrays.copyOf(cp, 3*k); cn = java.util.Arrays.copyOf(cn, 3*k);
  VaeFrame f0 = VaeFrame.of(cp);
  var ex0 = example(cp, cn, f0);
  var ff0 = r.encodeDecode(ex0, i);
  float[] ffm = f0.fromUnit(ff0.positions());
  float[] cor = f0.fromUnit(r.correct(ex0, ff0).positions());
  // the shipped rule (FaceScanFrame, `retopo --face-only`)
  VaeFrame fr = FaceScanFrame.of(cp);
  var exR = example(cp, cn, fr); var ffR = r.encodeDecode(exR, i);
  float[] ruleFf = fr.fromUnit(ffR.positions()), ruleCor = fr.fromUnit(r.correct(exR, ffR).positions());
  double[] rule = { dist(ruleFf, gt, null), dist(ruleFf, gt, faceV), dist(ruleCor, gt, null), dist(ruleCor, gt, faceV) };
  for (int q = 0; q < 4; q++) ruleSum[q] += rule[q] / n;
  System.out.printf("  rule frame: ff %.2f (face %.2f) correct %.2f (face %.2f)%n", rule[0], rule[1], rule[2], rule[3]);
  // the frame search
  double bestFit = Double.MAX_VALUE, bestTrue = Double.MAX_VALUE; float[] bestHead = null; VaeExample bestEx = null; Retopologizer.Result bestR = null; String bestName = "";
  if (scales.length > 0) for (double sc : scales) for (double dz : dzs) {
    VaeFrame f = new VaeFrame(f0.cx(), f0.cy(), f0.cz() - dz, f0.scale() * sc);
    var ex = example(cp, cn, f);
    var rr = r.encodeDecode(ex, i);
    float[] h = f.fromUnit(rr.positions());
    double fs = fit(h, cp), te = dist(h, gt, null);
    if (fs < bestFit) { bestFit = fs; bestHead = h; bestEx = ex; bestR = rr; bestName = sc + "/" + dz; }
    bestTrue = Math.min(bestTrue, te);
  }
  if (bestEx == null) { bestEx = exR; bestR = ffR; bestHead = ruleFf; bestFit = fit(ruleFf, cp); }
  double searched = dist(bestHead, gt, null);
  for (int it = 0; it < polish; it++) {
    VaeFrame f = VaeFrame.of(bestHead);
    bestEx = example(cp, cn, f); bestR = r.encodeDecode(bestEx, i); bestHead = f.fromUnit(bestR.positions());
  }
  float[] bestCor = bestEx.frame().fromUnit(r.correct(bestEx, bestR).positions());
  // coverage of the first head, cropped and whole
  var exWhole = VaeExample.of(s, t.head());
  // the cropped points in the whole scan's frame, and in the frame of the true head's vertices
  double[] known = new double[4]; int kk = 0;
  if (Boolean.parseBoolean(System.getProperty("known", "true"))) for (VaeFrame f : new VaeFrame[] { exWhole.frame(), VaeFrame.of(gt) }) {
    var ex = example(cp, cn, f); var rr = r.encodeDecode(ex, i);
    known[kk++] = dist(f.fromUnit(rr.positions()), gt, null); known[kk++] = dist(f.fromUnit(r.correct(ex, rr).positions()), gt, null);
  }
  System.out.printf("  known frames: whole scan's ff %.2f correct %.2f | true head's ff %.2f correct %.2f | scale ratio %.3f / %.3f, dz %.4f / %.4f, dy %.4f / %.4f%n", known[0], known[1], known[2], known[3],
    exWhole.frame().scale() / f0.scale(), VaeFrame.of(gt).scale() / f0.scale(), f0.cz() - exWhole.frame().cz(), f0.cz() - VaeFrame.of(gt).cz(), f0.cy() - exWhole.frame().cy(), f0.cy() - VaeFrame.of(gt).cy());
  double covWhole = coverage(exWhole.frame().fromUnit(r.encodeDecode(exWhole, i).positions()), sp), covCrop = coverage(ffm, cp);
  double[] e = { dist(ffm, gt, null), dist(ffm, gt, faceV), dist(cor, gt, null), dist(cor, gt, faceV), fit(ffm, cp), dist(bestHead, gt, null), dist(bestHead, gt, faceV), dist(bestCor, gt, null), dist(bestCor, gt, faceV), bestFit, bestTrue, k, searched, covCrop, covWhole };
  for (int q = 0; q < e.length; q++) sum[q] += e[q] / n;
  System.out.printf("head %d %-14s pts %d: ff %.2f (face %.2f) correct %.2f (%.2f) fit %.2f | search %s: ff %.2f (%.2f) correct %.2f (%.2f) fit %.2f | oracle frame ff %.2f | before polish %.2f | coverage crop %.2f whole %.2f%n", i, s.scanFamily(), k, e[0], e[1], e[2], e[3], e[4], bestName, e[5], e[6], e[7], e[8], e[9], e[10], e[12], e[13], e[14]);
}
System.out.printf("MEAN usual frame: ff %.3f (face %.3f) correct %.3f (face %.3f) fit %.3f | searched: ff %.3f (%.3f) correct %.3f (%.3f) fit %.3f | oracle frame ff %.3f | points %.0f | before polish %.3f | coverage crop %.3f whole %.3f%n", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7], sum[8], sum[9], sum[10], sum[11], sum[12], sum[13], sum[14]);
System.out.printf("MEAN rule frame (FaceScanFrame): ff %.3f (face %.3f) correct %.3f (face %.3f)%n", ruleSum[0], ruleSum[1], ruleSum[2], ruleSum[3]);
/exit
