import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = 12;
var sums = new java.util.TreeMap<String, double[]>();
for (long i = 0; i < n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head()); float[] gt = ex.frame().fromUnit(ex.targetPositions());
  float[][] outs = { ex.frame().fromUnit(r.encodeDecode(ex, 0).positions()), ex.frame().fromUnit(r.refine(ex, 60, 0).positions()) };
  float[] nm = Normals.vertexNormals(gt, t.head().triangles());
  for (int v = 0; v < V; v++) {
    double[] s = sums.computeIfAbsent(reg[v].name(), k -> new double[6]);
    for (int m = 0; m < 2; m++) {
      float[] a = outs[m];
      double dx=a[3*v]-gt[3*v], dy=a[3*v+1]-gt[3*v+1], dz=a[3*v+2]-gt[3*v+2]; double dn = dx*nm[3*v]+dy*nm[3*v+1]+dz*nm[3*v+2];
      s[3*m] += Math.sqrt(dx*dx+dy*dy+dz*dz); s[3*m+1] += Math.abs(dn); s[3*m+2] += Math.sqrt(Math.max(0, dx*dx+dy*dy+dz*dz-dn*dn));
    }
  }
  System.out.println("done " + i);
}
int[] count = new int[1];
var cnt = new java.util.TreeMap<String, Integer>(); for (var g : reg) cnt.merge(g.name(), 1, Integer::sum);
double[] tot = new double[6];
for (var e : sums.entrySet()) { int c = cnt.get(e.getKey()) * n; double[] s = e.getValue(); for (int k=0;k<6;k++) tot[k]+=s[k];
  System.out.printf("%-14s %5d vertices (%4.1f%%)  FF %.2f (n %.2f t %.2f)  RF %.2f (n %.2f t %.2f)  share of RF total %.1f%%%n", e.getKey(), c/n, 100.0*c/n/V, s[0]*1000/c, s[1]*1000/c, s[2]*1000/c, s[3]*1000/c, s[4]*1000/c, s[5]*1000/c, 0.0); }
System.out.printf("ALL FF %.2f (n %.2f t %.2f) RF %.2f (n %.2f t %.2f)%n", tot[0]*1000/V/n, tot[1]*1000/V/n, tot[2]*1000/V/n, tot[3]*1000/V/n, tot[4]*1000/V/n, tot[5]*1000/V/n);
for (var e : sums.entrySet()) System.out.printf("%-14s share of RF sum %.1f%%%n", e.getKey(), 100*e.getValue()[3]/tot[3]);
/exit
