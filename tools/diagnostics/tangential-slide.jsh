import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.topology.space.*;
import dev.topos.synth.*;
import dev.topos.synth.deform.*;
import dev.topos.synth.dataset.*;
import dev.topos.nn.vae.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var model = HeadModel.loadBundled();
var c = SynthConfig.defaults();
var deformer = new OffSpanDeformer(t, OffSpanDeformer.Options.defaults());
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = Integer.parseInt(System.getProperty("n", "12"));
double[] acc = new double[8];
double dist(float[] a, float[] b) { double s=0; for (int v=0; v<V; v++){ double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; s+=Math.sqrt(dx*dx+dy*dy+dz*dz);} return s/V*1000; }
for (long i = 0; i < n; i++) {
  var s = reader.get(i);
  var master = new java.util.SplittableRandom(s.seed());
  long hs = master.nextLong(), ds = master.nextLong(); master.nextLong(); master.nextLong(); master.nextLong();
  boolean expr = master.nextDouble() < c.expressionProbability();
  var head = model.sample(hs, expr);
  var res = deformer.deform(head, new java.util.SplittableRandom(ds));
  float[] gt = res.head().fullPositions();
  double chk = 0; for (int k=0;k<3*V;k++) chk=Math.max(chk, Math.abs(gt[k]-s.vertices()[k]));
  float[] hp = head.headPositions(); float[] nm = head.headMesh().vertexNormals();
  var bumps = new java.util.ArrayList<RbfBump>();
  for (var b : res.deformation().bumps()) {
    int best=-1; double bd=1e9;
    for (int v=0; v<V; v++){ double dx=hp[3*v]-b.centre()[0], dy=hp[3*v+1]-b.centre()[1], dz=hp[3*v+2]-b.centre()[2]; double d=dx*dx+dy*dy+dz*dz; if(d<bd){bd=d;best=v;} }
    float[] d = b.displacement(); double a = d[0]*nm[3*best]+d[1]*nm[3*best+1]+d[2]*nm[3*best+2];
    bumps.add(new RbfBump(b.centre(), b.radius(), new float[]{(float)(a*nm[3*best]),(float)(a*nm[3*best+1]),(float)(a*nm[3*best+2])}));
  }
  float[] gn = new OffSpanDeformation(bumps, res.deformation().scale()).apply(head.fullPositions());
  HeadModel.toCanonicalFrame(t, gn);
  var ex = VaeExample.of(s, t.head());
  var ff = r.encodeDecode(ex, 0); var rf = r.refine(ex, 60, 0);
  float[] pf = ex.frame().fromUnit(ff.positions()), pr = ex.frame().fromUnit(rf.positions());
  double slide = dist(gt, gn);
  double[] row = {slide, dist(pf, gt), dist(pf, gn), dist(pr, gt), dist(pr, gn), chk*1000};
  for (int k=0;k<6;k++) acc[k]+=row[k]/n;
  System.out.printf("%d %s check %.4f mm: slide %.2f | FF vs gt %.2f vs normal-only %.2f | refine vs gt %.2f vs normal-only %.2f%n", i, s.scanFamily(), row[5], row[0], row[1], row[2], row[3], row[4]);
}
System.out.printf("MEAN slide %.2f | FF gt %.2f nonly %.2f | refine gt %.2f nonly %.2f%n", acc[0], acc[1], acc[2], acc[3], acc[4]);
/exit
