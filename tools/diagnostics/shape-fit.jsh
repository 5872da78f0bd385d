// The shipped Retopologizer.correct followed by the shape-mode fit (session 9; ShapeModes, its
// centroid shift and six free directions included), by fit settings: each of `fits` is
// passes/noise_mm/scale_mm[/points|vertices] (what is observed: the scan points too, the default, or
// the vertices alone). Shape modes fitted here on training heads 0..bank-1 (kh directions), or
// read from modes=FILE. Per hair flag, scan family and region.
// bank=2000 kh=500 fits=2/0.5/0.35,2/0.35/0.25 first=64 n=64 split=val [modes=FILE] [save=FILE]
// [family=NAME: only the heads of this scan family (session 13); the region means then divide by n regardless]
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.fit.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
String data = System.getProperty("data", "data");
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights")), t.head());
var em = ShippedWeights.loadErrorModes(null);
var base = new Retopologizer(vae, reg).withErrorModes(em);
int V = t.vertexCount(), D = 3 * V;
int bank = Integer.getInteger("bank", 2000), kh = Integer.getInteger("kh", 500), first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 64);
ShapeModes fitShape() throws Exception {
  var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
  float[][] heads = new float[bank][];
  for (int i = 0; i < bank; i++) heads[i] = java.util.Arrays.copyOf(train.get(i).vertices(), D);
  long t0 = System.nanoTime();
  ShapeModes fitted = ShapeModes.fit(heads, kh);
  System.out.printf("fitted %s in %.1f s%n", fitted, (System.nanoTime() - t0) / 1e9);
  if (System.getProperty("save") != null) fitted.write(java.nio.file.Path.of(System.getProperty("save")));
  return fitted;
}
ShapeModes shape = System.getProperty("modes") != null ? ShapeModes.read(java.nio.file.Path.of(System.getProperty("modes"))) : fitShape();
String[] fitSpecs = System.getProperty("fits", "2/0.5/0.35").split(",");
Retopologizer[] fitted = new Retopologizer[fitSpecs.length];
for (int q = 0; q < fitSpecs.length; q++) { String[] f = fitSpecs[q].split("/"); fitted[q] = base.withShapeModes(shape, new Retopologizer.ShapeFit(Integer.parseInt(f[0]), Double.parseDouble(f[1]) / 1000, Double.parseDouble(f[2]) / 1000, f.length < 4 || f[3].equals("points"))); }
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
int R = Region.values().length, cols = 2 + fitSpecs.length; double[][] regSum = new double[cols][R]; int[] regCount = new int[R];
for (int v = 0; v < V; v++) regCount[reg[v].ordinal()]++;
void regions(int slot, float[] x, float[] y) { for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; regSum[slot][reg[v].ordinal()] += Math.sqrt(dx*dx+dy*dy+dz*dz) * 1000 / regCount[reg[v].ordinal()] / n; } }
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "val")));
var groups = new java.util.TreeMap<String, double[]>();
void add(String g, double[] e) { double[] s = groups.computeIfAbsent(g, k -> new double[cols + 1]); s[0]++; for (int k = 0; k < cols; k++) s[k + 1] += e[k]; }
double seconds = 0;
for (long i = first; i < first + n; i++) {
  var smp = reader.get(i);
  boolean hair = smp.metadataJson().contains("\"hair\":true");
  var ex = VaeExample.of(smp, t.head());
  if (System.getProperty("family") != null && !ex.family().toString().equalsIgnoreCase(System.getProperty("family"))) continue;
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var ffR = base.encodeDecode(ex, i);
  double[] e = new double[cols];
  float[] ff = ex.frame().fromUnit(ffR.positions()); e[0] = dist(ff, gt); regions(0, ff, gt);
  float[] corr = ex.frame().fromUnit(base.correct(ex, ffR).positions()); e[1] = dist(corr, gt); regions(1, corr, gt);
  for (int q = 0; q < fitSpecs.length; q++) {
    long t0 = System.nanoTime();
    float[] x = ex.frame().fromUnit(fitted[q].correct(ex, ffR).positions());
    if (q == 0) seconds += (System.nanoTime() - t0) / 1e9;
    e[2 + q] = dist(x, gt); regions(2 + q, x, gt);
  }
  add("all", e); add(hair ? "hair" : "bald", e); add("family " + ex.family(), e);
  System.out.printf("head %d %-14s %s: %s%n", i, ex.family(), hair ? "hair" : "bald", java.util.Arrays.toString(java.util.Arrays.stream(e).map(x -> Math.round(x*1000)/1000.0).toArray()));
}
System.out.println("columns: feed-forward, shipped correct, then with the shape fit " + String.join(" ", fitSpecs));
for (var g : groups.entrySet()) { double[] s = g.getValue(); StringBuilder sb = new StringBuilder(); for (int k = 0; k < cols; k++) sb.append(String.format(" %.3f", s[k+1] / s[0])); System.out.printf("MEAN %-22s (%2d):%s%n", g.getKey(), (int) s[0], sb); }
for (var g : Region.values()) { StringBuilder sb = new StringBuilder(); for (int k = 0; k < cols; k++) sb.append(String.format(" %.3f", regSum[k][g.ordinal()])); System.out.printf("REGION %-13s (%4d):%s%n", g.key(), regCount[g.ordinal()], sb); }
System.out.printf("first fit: %.3f s per head (correct with the shape fit)%n", seconds / n);
/exit
