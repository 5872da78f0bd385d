// How far a scan's points lie from the head `retopo` fits when the scan is upright, and when it is in
// another axis convention than the one given (a Z-up scan read as Y-up, upside down, facing back, on its
// side): the median distance from the scan's points to the head's surface, mm (session 20: the warning
// of ScanRetopologizer.Result.poorFit). Test scans first..first+n-1, feed-forward as `retopo` runs it.
// first=0 n=60
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
import dev.topos.synth.dataset.*;
String data = System.getProperty("data", "data");
var t = ReferenceTopology.loadBundled();
var vae = ShippedWeights.load(null, t.head());
var retopo = new ScanRetopologizer(vae, t).withCalibration(ShippedWeights.loadCalibration(null)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null));
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/test"));
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 60);
// rotations of the upright scan (x' = M x, row-major): what the file holds when read with the defaults
String[] names = {"upright", "Z up (Blender)", "upside down", "facing back", "on its side"};
int[][] rots = {{1,0,0, 0,1,0, 0,0,1}, {1,0,0, 0,0,-1, 0,1,0}, {-1,0,0, 0,-1,0, 0,0,1}, {-1,0,0, 0,1,0, 0,0,-1}, {0,-1,0, 1,0,0, 0,0,1}};
float[] rot(int[] m, float[] v) { float[] o = new float[v.length]; for (int i = 0; i < v.length; i += 3) for (int r = 0; r < 3; r++) o[i+r] = m[3*r]*v[i] + m[3*r+1]*v[i+1] + m[3*r+2]*v[i+2]; return o; }
double[][] medians = new double[rots.length][n];
for (int i = 0; i < n; i++) {
  var s = reader.get(first + i);
  StringBuilder line = new StringBuilder(String.format("%d %-15s", first + i, s.scanFamily()));
  for (int k = 0; k < rots.length; k++) {
    var cloud = new PointCloud(rot(rots[k], s.scanPoints()), rot(rots[k], s.scanNormals()));
    double med;
    try {
      var prepared = ScanRetopologizer.prepare(cloud, ScanRetopologizer.Options.DEFAULT.withSeed(first + i));
      var r = retopo.retopologize(prepared);
      med = 1000 * r.fitDistance();
    } catch (IllegalArgumentException e) { med = Double.NaN; line.append(" [" + e.getMessage() + "]"); }
    medians[k][i] = med;
    line.append(String.format("  %.2f", med));
  }
  System.out.println(line);
}
for (int k = 0; k < rots.length; k++) {
  double[] m = java.util.Arrays.stream(medians[k]).filter(v -> !Double.isNaN(v)).sorted().toArray();
  long over = java.util.Arrays.stream(m).filter(v -> v > 5).count();
  System.out.printf("%-16s read %d (refused %d): least %.2f, median %.2f, most %.2f mm; over 5 mm %d%n", names[k], m.length,
      n - m.length, m[0], m[m.length / 2], m[m.length - 1], over);
}
/exit
