import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.synth.dataset.*;
import ai.djl.ndarray.*;
import ai.djl.ndarray.types.*;
import ai.djl.ndarray.index.*;
import ai.djl.engine.*;
import ai.djl.training.*;
var t = ReferenceTopology.loadBundled();
var reg = t.regions();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/val"));
var vae = ShippedWeights.load(java.nio.file.Path.of(System.getProperty("weights", "training/vae-cpu-small/best")), t.head());
var r = new Retopologizer(vae, reg);
int V = t.vertexCount(); int n = Integer.getInteger("n", 12); int N = vae.config().points();
int[] cands = java.util.stream.IntStream.range(0, V).filter(i -> reg[i] != Region.MOUTH_CAVITY).toArray();
Shape zs = new Shape(1, vae.tokens(), vae.config().latentChannels());
void adam(float[] z, float[] g, float[] m, float[] v, int t, double lr) { double c1 = 1 - Math.pow(0.9, t), c2 = 1 - Math.pow(0.999, t); for (int i = 0; i < z.length; i++) { m[i] = (float) (0.9 * m[i] + 0.1 * g[i]); v[i] = (float) (0.999 * v[i] + 0.001 * g[i] * g[i]); z[i] -= (float) (lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8)); } }
double[] err(float[] a, float[] b) { float[] nm = Normals.vertexNormals(b, t.head().triangles()); double st=0, sn=0, sa=0;
  for (int v = 0; v < V; v++) { double dx=a[3*v]-b[3*v], dy=a[3*v+1]-b[3*v+1], dz=a[3*v+2]-b[3*v+2]; double dn = dx*nm[3*v]+dy*nm[3*v+1]+dz*nm[3*v+2];
    double tx=dx-dn*nm[3*v], ty=dy-dn*nm[3*v+1], tz=dz-dn*nm[3*v+2]; st += Math.sqrt(tx*tx+ty*ty+tz*tz); sn += Math.abs(dn); sa += Math.sqrt(dx*dx+dy*dy+dz*dz); }
  return new double[]{sa/V*1000, sn/V*1000, st/V*1000}; }
// variant: K (encoded subsets), steps, lr, prior weight, vertex-to-scan weight, posterior-weighted prior, placement,
// scalp and neck absorbed (their scan points dropped, not pulled)
record Var(String name, int K, int steps, double lr, double prior, double bi, boolean post, boolean place, boolean absorb) {}
float[][] encodeK(VaeExample ex, int K) { var rng = new java.util.SplittableRandom(0); float[] all = new float[K*N*6];
  for (int k = 0; k < K; k++) System.arraycopy(ex.subsample(N, rng), 0, all, k*N*6, N*6);
  try (NDManager s = NDManager.newBaseManager()) { var post = vae.encode(s.create(all, new Shape(K, N, 6)));
    return new float[][]{ post.mean().mean(new int[]{0}).toFloatArray(), post.logVar().mean(new int[]{0}).toFloatArray() }; } }
float[] refineV(VaeExample ex, Var var) {
  float[][] enc = encodeK(ex, var.K()); float[] z0 = enc[0];
  if (var.steps() == 0) return r.decode(z0);
  var rng = new java.util.SplittableRandom(1);
  float[] target = ex.scanPoints().length / 6 > 4096 ? ex.subsample(4096, rng) : ex.scanPoints(); int p = target.length / 6;
  float[] txyz = new float[3*p]; for (int i = 0; i < p; i++) System.arraycopy(target, 6*i, txyz, 3*i, 3);
  var scanTree = new KdTree(txyz);
  float[] z = z0.clone(), m = new float[z.length], v = new float[z.length]; float[] pose = new float[4], pm = new float[4], pv = new float[4];
  float[] w = new float[z.length]; for (int i = 0; i < z.length; i++) w[i] = var.post() ? (float) Math.min(100, Math.exp(-enc[1][i])) * 0.01f : 1f;
  try (NDManager scope = NDManager.newBaseManager()) {
    NDArray T = scope.create(txyz, new Shape(p, 3)); NDArray anchor = scope.create(z0, zs); NDArray W = scope.create(w, zs);
    for (int it = 1; it <= var.steps(); it++) {
      try (NDManager step = scope.newSubManager()) {
        NDArray latent = step.create(z, zs); latent.setRequiresGradient(true); NDArray pl = step.create(pose, new Shape(4)); pl.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDArray out = vae.decode(latent).get(0); NDArray xyz = out.get(":, 0:3").mul(pl.get("3:4").exp()).add(pl.get("0:3")); NDArray nrm = out.get(":, 3:6"); nrm = nrm.div(nrm.norm(new int[]{1}, true).add(1e-8f));
          float[] xv = xyz.toFloatArray();
          float[] cand = new float[3*cands.length]; for (int i = 0; i < cands.length; i++) System.arraycopy(xv, 3*cands[i], cand, 3*i, 3);
          var tree = new KdTree(cand); int[] idx = new int[p]; double[] d2 = new double[p]; tree.nearestAll(txyz, idx, d2);
          double[] srt = d2.clone(); java.util.Arrays.sort(srt); double lim = 9 * srt[p/2];
          var vs = new java.util.ArrayList<Long>(); var ps = new java.util.ArrayList<Long>();
          for (int i = 0; i < p; i++) if (d2[i] <= lim && !(var.absorb() && (reg[cands[idx[i]]] == Region.SCALP || reg[cands[idx[i]]] == Region.NECK))) { vs.add((long) cands[idx[i]]); ps.add((long) i); }
          NDArray vi = step.create(vs.stream().mapToLong(Long::longValue).toArray()), pi = step.create(ps.stream().mapToLong(Long::longValue).toArray());
          NDArray d = T.get(new NDIndex("{}", pi)).sub(xyz.get(new NDIndex("{}", vi)));
          NDArray loss = d.mul(nrm.get(new NDIndex("{}", vi))).sum(new int[]{1}).abs().mean().add(d.square().sum(new int[]{1}).add(1e-12f).sqrt().mean().mul(0.25f));
          if (var.bi() > 0) {
            int[] ji = new int[cands.length]; double[] e2 = new double[cands.length]; scanTree.nearestAll(cand, ji, e2);
            double[] s2 = e2.clone(); java.util.Arrays.sort(s2); double l2 = 9 * s2[cands.length/2];
            var a = new java.util.ArrayList<Long>(); var b = new java.util.ArrayList<Long>();
            for (int i = 0; i < cands.length; i++) if (e2[i] <= l2 && !(var.absorb() && (reg[cands[i]] == Region.SCALP || reg[cands[i]] == Region.NECK))) { a.add((long) cands[i]); b.add((long) ji[i]); }
            NDArray av = step.create(a.stream().mapToLong(Long::longValue).toArray()), bp = step.create(b.stream().mapToLong(Long::longValue).toArray());
            NDArray d2b = T.get(new NDIndex("{}", bp)).sub(xyz.get(new NDIndex("{}", av)));
            loss = loss.add(d2b.mul(nrm.get(new NDIndex("{}", av))).sum(new int[]{1}).abs().mean().mul((float) var.bi()));
          }
          loss = loss.add(latent.sub(anchor).square().mul(W).mean().mul((float) var.prior()));
          gc.backward(loss);
        }
        adam(z, latent.getGradient().toFloatArray(), m, v, it, var.lr()); if (var.place()) adam(pose, pl.getGradient().toFloatArray(), pm, pv, it, 0.005);
      }
    }
  }
  vae.parameters().zeroGradients();
  float[] out = r.decode(z); float sc = (float) Math.exp(pose[3]); for (int i = 0; i < out.length; i++) out[i] = out[i] * sc + pose[i % 3];
  return out;
}
// The variant sets of session 3: -Dset=a (chosen on heads 0-11), b (vertex-to-scan weights, checked on heads
// 12-21 with -Dfirst=12 -Dn=10), c (placement and scalp/neck absorb, heads 0-11).
var sets = java.util.Map.of(
  "a", java.util.List.of(
    new Var("FF-K1", 1, 0, 0, 0, 0, false, false, false), new Var("FF-K16", 16, 0, 0, 0, 0, false, false, false),
    new Var("RF-K1(current)", 1, 60, 0.04, 0.01, 0, false, false, false), new Var("RF-K16", 16, 60, 0.04, 0.01, 0, false, false, false),
    new Var("RF-K16-bi", 16, 60, 0.04, 0.01, 0.5, false, false, false), new Var("RF-K16-post", 16, 60, 0.04, 0.01, 0, true, false, false),
    new Var("RF-K16-prior0.1", 16, 60, 0.04, 0.1, 0, false, false, false), new Var("RF-K16-120", 16, 120, 0.02, 0.01, 0, false, false, false)),
  "b", java.util.List.of(
    new Var("RF-K1(current)", 1, 60, 0.04, 0.01, 0, false, false, false), new Var("RF-K16-bi0.5", 16, 60, 0.04, 0.01, 0.5, false, false, false),
    new Var("RF-K16-bi1", 16, 60, 0.04, 0.01, 1.0, false, false, false), new Var("RF-K16-bi2", 16, 60, 0.04, 0.01, 2.0, false, false, false),
    new Var("RF-K16-bi1-100", 16, 100, 0.04, 0.01, 1.0, false, false, false)),
  "c", java.util.List.of(
    new Var("K16-bi-place", 16, 60, 0.04, 0.01, 0.5, false, true, false), new Var("K16-bi", 16, 60, 0.04, 0.01, 0.5, false, false, false),
    new Var("K16-bi-place-absorb", 16, 60, 0.04, 0.01, 0.5, false, true, true), new Var("K16-bi-absorb", 16, 60, 0.04, 0.01, 0.5, false, false, true)));
String setName = System.getProperty("set", "");
if (!sets.containsKey(setName)) { System.out.println("refine-variants: error: pass set=a, set=b or set=c"); System.exit(2); }
var vars = sets.get(setName);
int first = Integer.getInteger("first", 0);
double[][] acc = new double[vars.size()][3];
for (long i = first; i < first + n; i++) {
  var ex = VaeExample.of(reader.get(i), t.head()); float[] gt = ex.frame().fromUnit(ex.targetPositions());
  var sb = new StringBuilder(i + " " + ex.family());
  for (int k = 0; k < vars.size(); k++) { double[] e = err(ex.frame().fromUnit(refineV(ex, vars.get(k))), gt); for (int j=0;j<3;j++) acc[k][j]+=e[j]/n; sb.append(String.format(" %s %.2f", vars.get(k).name(), e[0])); }
  System.out.println(sb);
}
for (int k = 0; k < vars.size(); k++) System.out.printf("MEAN %-18s total %.2f normal %.2f tangential %.2f%n", vars.get(k).name(), acc[k][0], acc[k][1], acc[k][2]);
/exit
