// Does the feed-forward error follow how far the head lies from the template in the VAE frame?
// Per validation head: the mean unit-frame distance of the true vertices from the template's
// (the misalignment the encoder's queries start from, in mm at the scan's frame scale), the frame
// radius (heads with shoulders or a base plate left have > 0.17 m), and the feed-forward error;
// grouped into thirds by misalignment. weights=DIR first=0 n=64 (session 6).
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = TopoVae.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, t.regions());
float[] tp = vae.template().positions();
int V = t.vertexCount(); int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 64);
double dist(float[] x, float[] y) { double s=0; for (int v=0; v<V; v++){ double dx=x[3*v]-y[3*v], dy=x[3*v+1]-y[3*v+1], dz=x[3*v+2]-y[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V; }
var rows = new java.util.ArrayList<double[]>();
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head());
  float[] gt = ex.frame().fromUnit(ex.targetPositions());
  double err = dist(ex.frame().fromUnit(r.encodeDecode(ex, i).positions()), gt) * 1000;
  double off = dist(ex.targetPositions(), tp) * ex.frame().scale() * 1000;
  rows.add(new double[] {off, ex.frame().scale(), err});
}
rows.sort(java.util.Comparator.comparingDouble(x -> x[0]));
int third = rows.size() / 3;
for (int g = 0; g < 3; g++) {
  var part = rows.subList(g * third, g == 2 ? rows.size() : (g + 1) * third);
  double off = 0, sc = 0, err = 0, body = 0;
  for (var x : part) { off += x[0]; sc += x[1]; err += x[2]; if (x[1] > 0.17) body++; }
  int k = part.size();
  System.out.printf("third %d: n %d  misalignment %.1f mm  frame radius %.3f m  with body %.0f  feed-forward error %.3f mm%n", g + 1, k, off / k, sc / k, body, err / k);
}
double mo = 0, me = 0; for (var x : rows) { mo += x[0]; me += x[2]; } mo /= rows.size(); me /= rows.size();
double cov = 0, vo = 0, ve = 0; for (var x : rows) { cov += (x[0]-mo)*(x[2]-me); vo += (x[0]-mo)*(x[0]-mo); ve += (x[2]-me)*(x[2]-me); }
System.out.printf("correlation of misalignment and error over %d heads: %.2f%n", rows.size(), cov / Math.sqrt(vo * ve));
/exit
