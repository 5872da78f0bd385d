// AxisSearch on test scans upright and turned into other axis conventions, each read with `retopo`'s
// defaults (as misoriented.jsh turns them): the fit distance as read, the convention the search finds
// (where the head fits worse than AxisSearch.SEARCH_ABOVE_METRES), and the mean per-vertex error (mm)
// against the true head as read and after reading the scan in the convention found (session 20).
// first=0 n=20 (or scans=21,31,... for a list) turns=0,1,2,3,4 (the conventions below, by index)
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
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 20);
int[] scans = System.getProperty("scans") != null ? java.util.Arrays.stream(System.getProperty("scans").split(",")).mapToInt(Integer::parseInt).toArray() : java.util.stream.IntStream.range(first, first + n).toArray();
int[] turns = java.util.Arrays.stream(System.getProperty("turns", "0,1,2,3,4").split(",")).mapToInt(Integer::parseInt).toArray();
String[] names = {"upright", "Z up (Blender)", "upside down", "facing back", "on its side"};
int[][] rots = {{1,0,0, 0,1,0, 0,0,1}, {1,0,0, 0,0,-1, 0,1,0}, {-1,0,0, 0,-1,0, 0,0,1}, {-1,0,0, 0,1,0, 0,0,-1}, {0,-1,0, 1,0,0, 0,0,1}};
float[] rot(int[] m, float[] v) { float[] o = new float[v.length]; for (int i = 0; i < v.length; i += 3) for (int r = 0; r < 3; r++) o[i+r] = m[3*r]*v[i] + m[3*r+1]*v[i+1] + m[3*r+2]*v[i+2]; return o; }
int V = t.head().vertexCount();
double mm(float[] a, float[] b) { double s = 0; for (int v = 0; v < V; v++) s += Math.sqrt(Math.pow(a[3*v]-b[3*v],2)+Math.pow(a[3*v+1]-b[3*v+1],2)+Math.pow(a[3*v+2]-b[3*v+2],2)); return 1000 * s / V; }
int[] searched = new int[5], switched = new int[5], refused = new int[5]; double[] before = new double[5], after = new double[5]; int[] counted = new int[5]; long nanos = 0; int searches = 0;
for (int index : scans) {
  var s = reader.get(index);
  for (int k : turns) {
    var cloud = new PointCloud(rot(rots[k], s.scanPoints()), rot(rots[k], s.scanNormals()));
    float[] truth = rot(rots[k], java.util.Arrays.copyOf(s.vertices(), 3 * V));
    var o = ScanRetopologizer.Options.DEFAULT.withSeed(index);
    ScanRetopologizer.Result r;
    try { r = retopo.retopologize(ScanRetopologizer.prepare(cloud, o)); } catch (IllegalArgumentException e) { refused[k]++; System.out.printf("%d %-15s refused%n", index, names[k]); continue; }
    double e0 = mm(r.head().positions(), truth), e1 = e0; String found = "-";
    if (AxisSearch.worthSearching(r.fitDistance())) {
      searched[k]++; long t0 = System.nanoTime();
      var f = AxisSearch.better(retopo, cloud, o, r.fitDistance());
      nanos += System.nanoTime() - t0; searches++;
      if (f != null) {
        switched[k]++; found = f.up() + "/" + f.forward() + String.format(" %.2f mm", 1000 * f.fitDistance());
        e1 = mm(retopo.retopologize(ScanRetopologizer.prepare(cloud, o.withUp(f.up()).withForward(f.forward()))).head().positions(), truth);
      }
    }
    before[k] += e0; after[k] += e1; counted[k]++;
    System.out.printf("%d %-15s fit %.2f mm  found %-20s error %.2f -> %.2f mm%n", index, names[k], 1000 * r.fitDistance(), found, e0, e1);
  }
}
for (int k : turns) System.out.printf("%-16s read %d (refused %d), searched %d, switched %d, mean error %.2f -> %.2f mm%n", names[k], counted[k], refused[k], searched[k], switched[k], before[k] / counted[k], after[k] / counted[k]);
System.out.printf("%.1f s a search%n", nanos / 1e9 / Math.max(1, searches));
/exit
