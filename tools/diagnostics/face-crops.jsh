// Face-only scans cropped as apps crop them (session 21): test scans cropped to the face regions (as the
// evaluation's --face-only does) and by a box in front of the face (points within D of the nose tip, the
// scan point nearest the true nose's frontmost vertex, from 8 cm below to 9 cm above it), each read as
// `retopo --face-only` reads it (feed-forward, calibrated where retopo calibrates); mean per-vertex error
// over the whole head and over its face regions, mm.
// first=0 n=16 depths=0.04,0.05,0.07
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.pyramid.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
int V = t.head().vertexCount();
var vae = ShippedWeights.load(null, t.head());
var retopo = new ScanRetopologizer(vae, t).withCalibration(ShippedWeights.loadCalibration(null)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null));
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 16);
double[] depths = java.util.Arrays.stream(System.getProperty("depths", "0.04,0.05,0.07").split(",")).mapToDouble(Double::parseDouble).toArray();
boolean[] faceV = new boolean[V];
for (int v = 0; v < V; v++) faceV[v] = FaceScanFrame.REGIONS.contains(reg[v]);
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data") + "/test"));
double[][] sums = new double[1 + depths.length][2];
int[] counts = new int[1 + depths.length];
for (long i = first; i < first + n; i++) {
  var s = reader.get(i);
  float[] gt = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  var nearest = new KdTree(gt);
  float[] p = s.scanPoints(), q = s.scanNormals();
  int P = p.length / 3;
  int nose = -1; // the nose tip: the true nose's frontmost vertex, and the scan point nearest it
  for (int v = 0; v < V; v++) if (reg[v] == Region.NOSE && (nose < 0 || gt[3 * v + 2] > gt[3 * nose + 2])) nose = v;
  int tip = new KdTree(p).nearest(gt[3 * nose], gt[3 * nose + 1], gt[3 * nose + 2]);
  StringBuilder line = new StringBuilder("scan " + i);
  for (int c = 0; c <= depths.length; c++) {
    boolean[] keep = new boolean[P];
    int kept = 0;
    for (int k = 0; k < P; k++) {
      keep[k] = c == 0 ? FaceScanFrame.REGIONS.contains(reg[nearest.nearest(p[3 * k], p[3 * k + 1], p[3 * k + 2])])
          : p[3 * k + 2] > p[3 * tip + 2] - depths[c - 1] && p[3 * k + 1] > p[3 * tip + 1] - 0.08 && p[3 * k + 1] < p[3 * tip + 1] + 0.09;
      if (keep[k]) kept++;
    }
    var crop = new PointCloud(p, q).select(keep);
    try {
      var r = retopo.retopologize(ScanRetopologizer.prepare(crop, ScanRetopologizer.Options.DEFAULT.withUnits(dev.topos.topology.scan.Units.M).withFaceOnly(true)));
      double whole = Metrics.perVertexError(r.head().positions(), gt).meanMm(), face = Metrics.perVertexError(r.head().positions(), gt, faceV).meanMm();
      sums[c][0] += whole; sums[c][1] += face; counts[c]++;
      line.append(String.format("  %s %d pts: %.2f / %.2f", c == 0 ? "regions" : "box " + depths[c - 1], kept, whole, face));
    } catch (IllegalArgumentException e) {
      line.append("  " + (c == 0 ? "regions" : "box " + depths[c - 1]) + ": " + e.getMessage());
    }
  }
  System.out.println(line);
}
for (int c = 0; c <= depths.length; c++) System.out.printf("mean %s (%d scans): whole %.3f  face %.3f%n", c == 0 ? "regions" : "box " + depths[c - 1], counts[c], sums[c][0] / counts[c], sums[c][1] / counts[c]);
/exit
