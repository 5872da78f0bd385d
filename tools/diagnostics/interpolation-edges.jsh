import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
int V = t.vertexCount();
var heads = new java.util.ArrayList<float[]>();
for (var s : DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/train"))) { if (heads.size() >= 1000) break; heads.add(java.util.Arrays.copyOf(s.vertices(), 3*V)); }
var er = EdgeLengthRange.of(t.head(), heads);
double[][] range = {er.min(), er.max()};
var el = EdgeLengths.of(t.head());
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/test"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
var counts = new java.util.TreeMap<String,Integer>(); double worst = 0; int[] headsOut = new int[5]; double[] worstW = new double[5];
for (long i = 0; i < 40; i += 2) {
  var a = VaeExample.of(reader.get(i), t.head()); var b = VaeExample.of(reader.get(i+1), t.head());
  float[] za = r.encodeDecode(a, 0).latent(), zb = r.encodeDecode(b, 0).latent();
  for (double w : new double[]{0,0.25,0.5,0.75,1}) {
    float[] z = new float[za.length]; for (int k = 0; k < z.length; k++) z[k] = (float)((1-w)*za[k]+w*zb[k]);
    double[] l = EdgeLengths.of(t.head().withPositions(new dev.topos.topology.pyramid.VaeFrame((1-w)*a.frame().cx()+w*b.frame().cx(), (1-w)*a.frame().cy()+w*b.frame().cy(), (1-w)*a.frame().cz()+w*b.frame().cz(), (1-w)*a.frame().scale()+w*b.frame().scale()).fromUnit(r.decode(z)))).lengths(); int wi = (int) Math.round(w * 4); boolean out = false;
    for (int e = 0; e < l.length; e++) {
      if (l[e] < range[0][e] || l[e] > range[1][e]) {
        double rel = l[e] < range[0][e] ? range[0][e]/l[e] : l[e]/range[1][e];
        worst = Math.max(worst, rel); out = true; worstW[wi] = Math.max(worstW[wi], rel);
        counts.merge(reg[el.edges()[2*e]].toString() + (l[e] < range[0][e] ? "-short" : "-long"), 1, Integer::sum);
      }
    }
    if (out) headsOut[wi]++;
  }
}
System.out.println(counts + " worst ratio " + worst + " heads out by weight 0,.25,.5,.75,1: " + java.util.Arrays.toString(headsOut) + " worst by weight " + java.util.Arrays.toString(worstW));
/exit
