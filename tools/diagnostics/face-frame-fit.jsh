// The frame of a face-only scan from the mean head fitted to it (session 21), against FaceScanFrame's rule
// (the crop's own bounding box grown and moved by fixed ratios), for crops as apps make them.
// Phase 1 (train heads 0..fitN-1, crops to the face regions): the mean head is aligned to the crop
// (MeanHeadFit, a similarity S = (s, R, t)); the whole scan's VAE frame (centre c, scale sigma) is
// read in the mean head's coordinates, S^-1(c) and sigma / s; their medians are the template frame.
// Phase 2 (test scans first..first+n-1, crops to the regions and boxes in front of the face as in
// face-crops.jsh): feed-forward through forFaceScans in FaceScanFrame's frame, in S(template frame), and in
// the one of the two whose decoded head explains the crop better (mean over the crop's points of the
// distance to the nearest face-region vertex, at most 10 mm); mean per-vertex error, whole head / face
// regions, mm.
// fitN=200 first=0 n=16 depths=0.05,0.07
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
int V = t.head().vertexCount();
var vae = ShippedWeights.load(null, t.head());
var r = new Retopologizer(vae, reg).forFaceScans();
var mhf = new MeanHeadFit(t);
int fitN = Integer.getInteger("fitN", 200), first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 16);
double[] depths = java.util.Arrays.stream(System.getProperty("depths", "0.05,0.07").split(",")).mapToDouble(Double::parseDouble).toArray();
boolean[] faceV = new boolean[V];
for (int v = 0; v < V; v++) faceV[v] = FaceScanFrame.REGIONS.contains(reg[v]);
PointCloud crop(float[] p, float[] q, float[] gt, double depth) {
  var nearest = new KdTree(gt); int P = p.length / 3;
  int nose = -1; // the nose tip: the true nose's frontmost vertex, and the scan point nearest it
  for (int v = 0; v < V; v++) if (reg[v] == Region.NOSE && (nose < 0 || gt[3 * v + 2] > gt[3 * nose + 2])) nose = v;
  int tip = new KdTree(p).nearest(gt[3 * nose], gt[3 * nose + 1], gt[3 * nose + 2]);
  boolean[] keep = new boolean[P];
  for (int k = 0; k < P; k++) keep[k] = depth == 0 ? FaceScanFrame.REGIONS.contains(reg[nearest.nearest(p[3 * k], p[3 * k + 1], p[3 * k + 2])])
      : p[3 * k + 2] > p[3 * tip + 2] - depth && p[3 * k + 1] > p[3 * tip + 1] - 0.08 && p[3 * k + 1] < p[3 * tip + 1] + 0.09;
  return new PointCloud(p, q).select(keep);
}
double explains(float[] head, float[] pts) {
  float[] f = new float[3 * V]; int k = 0;
  for (int v = 0; v < V; v++) if (faceV[v]) { System.arraycopy(head, 3 * v, f, 3 * k, 3); k++; }
  var tree = new KdTree(java.util.Arrays.copyOf(f, 3 * k)); double s = 0; int p = pts.length / 3;
  for (int i = 0; i < p; i++) s += Math.min(tree.nearestNeighbor(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2]).distance(), 0.010);
  return s / p;
}
double median(double[] a) { double[] b = a.clone(); java.util.Arrays.sort(b); return b[b.length / 2]; }
var train = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data") + "/train"));
double[] cx = new double[fitN], cy = new double[fitN], cz = new double[fitN], sc = new double[fitN];
for (int i = 0; i < fitN; i++) {
  var s = train.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  VaeFrame whole = VaeExample.of(s, t.head()).frame();
  var S = mhf.align(crop(s.scanPoints(), s.scanNormals(), gt, 0));
  double[] c = S.inverse().apply(new double[] {whole.cx(), whole.cy(), whole.cz()});
  cx[i] = c[0]; cy[i] = c[1]; cz[i] = c[2]; sc[i] = whole.scale() / S.scale();
}
double[] tc = {median(cx), median(cy), median(cz)};
double ts = median(sc);
System.out.printf("template frame: centre (%.4f, %.4f, %.4f) m, scale %.4f m%n", tc[0], tc[1], tc[2], ts);
var test = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data") + "/test"));
String[] names = new String[1 + depths.length];
double[][] sums = new double[names.length][6];
double[][][] faces = new double[names.length][3][n];
for (long i = first; i < first + n; i++) {
  var s = test.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  StringBuilder line = new StringBuilder("scan " + i);
  for (int c = 0; c < names.length; c++) {
    names[c] = c == 0 ? "regions" : "box " + depths[c - 1];
    var cl = crop(s.scanPoints(), s.scanNormals(), gt, c == 0 ? 0 : depths[c - 1]);
    var cond = dev.topos.topology.scan.ScanConditioning.apply(cl.positions(), cl.normals(), dev.topos.topology.scan.Axis.PY, dev.topos.topology.scan.Axis.PZ, dev.topos.topology.scan.Units.M);
    var S = mhf.align(new PointCloud(cond.positions(), cond.normals()));
    double[] centre = S.apply(tc);
    VaeFrame[] frames = {FaceScanFrame.of(cond.positions()), new VaeFrame(centre[0], centre[1], centre[2], ts * S.scale())};
    line.append("  " + names[c] + ":");
    double[] score = new double[2], w = new double[3], fe = new double[3];
    for (int f = 0; f < 2; f++) {
      var ex = VaeExample.ofScan(cond, frames[f]);
      float[] head = frames[f].fromUnit(r.encodeDecode(ex, 0).positions());
      w[f] = Metrics.perVertexError(head, gt).meanMm(); fe[f] = Metrics.perVertexError(head, gt, faceV).meanMm();
      score[f] = explains(head, cond.positions());
    }
    int pick = score[1] < score[0] ? 1 : 0;
    w[2] = w[pick]; fe[2] = fe[pick];
    for (int f = 0; f < 3; f++) { sums[c][2 * f] += w[f] / n; sums[c][2 * f + 1] += fe[f] / n; faces[c][f][(int) (i - first)] = fe[f]; }
    line.append(String.format(" rule %.2f/%.2f fit %.2f/%.2f -> %s", w[0], fe[0], w[1], fe[1], pick == 0 ? "rule" : "fit"));
  }
  System.out.println(line);
}
for (int c = 0; c < names.length; c++) System.out.printf("mean %-9s rule %.3f / %.3f (face median %.3f) | fit %.3f / %.3f (%.3f) | chosen %.3f / %.3f (%.3f)%n", names[c],
    sums[c][0], sums[c][1], median(faces[c][0]), sums[c][2], sums[c][3], median(faces[c][1]), sums[c][4], sums[c][5], median(faces[c][2]));
/exit
