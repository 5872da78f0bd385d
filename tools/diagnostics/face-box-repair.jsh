// Face scans cropped by a 5 cm box (session 22): on the scans whose given normals the inward-patch check turned
// around (ids=...; the face-box evaluation prints them), the `--face-only --correct` head from the scan as given
// and as repaired: mean per-vertex error over the whole head / the face, mm.
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
import dev.topos.synth.dataset.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions(); int V = t.vertexCount();
var vae = ShippedWeights.load(null, t.head());
var r = new Retopologizer(vae, reg).forFaceScans();
var corr = new Retopologizer(vae, reg).withErrorModes(ShippedWeights.loadErrorModes(null)).withShapeModes(ShippedWeights.loadShapeModes(null)).forFaceScans();
var choice = new FaceFrameChoice(new dev.topos.topology.fit.MeanHeadFit(t), reg);
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data") + "/test"));
boolean[] face = new boolean[V]; for (int v = 0; v < V; v++) face[v] = dev.topos.topology.pyramid.FaceScanFrame.REGIONS.contains(reg[v]);
int[] ids = java.util.Arrays.stream(System.getProperty("ids").split(",")).mapToInt(Integer::parseInt).toArray();
double[] sum = new double[4];
for (int i : ids) {
  var s = reader.get(i);
  float[] truth = java.util.Arrays.copyOf(s.vertices(), 3 * V);
  var ex = choice.choose(r, VaeExample.ofFaceOnly(s, t.head(), reg, FaceCrop.box(0.05)), i);
  var in = ModelInput.of(ex, 0, r, r, null, t.head(), i);
  double[] e = new double[4]; int k = 0;
  for (var x : new VaeExample[]{ex, in.scan()}) {
    float[] h = x.frame().fromUnit(corr.correct(x, i).positions());
    e[k++] = Metrics.perVertexError(h, truth).meanMm();
    e[k++] = Metrics.perVertexError(h, truth, face).meanMm();
  }
  for (int j = 0; j < 4; j++) sum[j] += e[j] / ids.length;
  System.out.printf("scan %d repaired %.2f %%: as given %.3f / %.3f, repaired %.3f / %.3f%n", i, 100 * in.repairedShare(), e[0], e[1], e[2], e[3]);
}
System.out.printf("MEAN as given %.3f / %.3f, repaired %.3f / %.3f%n", sum[0], sum[1], sum[2], sum[3]);
/exit
