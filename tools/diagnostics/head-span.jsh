// How much of a held-out head lies outside the span of N training heads: the least-squares
// projection of each validation head (minus the training mean) onto the centred training heads,
// mean per-vertex residual (mm). A model that is linear in the training heads cannot do better.
// sizes=500,1000,2000,4000 first=64 n=32
import dev.topos.topology.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
var t = ReferenceTopology.loadBundled();
String data = System.getProperty("data", "data");
var train = DatasetReader.open(java.nio.file.Path.of(data + "/train"));
var val = DatasetReader.open(java.nio.file.Path.of(data + "/val"));
int V = t.vertexCount(), D = 3 * V; int first = Integer.getInteger("first", 64), n = Integer.getInteger("n", 32);
int[] sizes = java.util.Arrays.stream(System.getProperty("sizes", "500,1000,2000,4000").split(",")).mapToInt(Integer::parseInt).toArray();
float[][] ys = new float[n][];
for (int i = 0; i < n; i++) ys[i] = java.util.Arrays.copyOf(val.get(first + i).vertices(), D);
for (int N : sizes) {
  double[] mu = new double[D]; float[][] h = new float[N][];
  for (int i = 0; i < N; i++) { h[i] = java.util.Arrays.copyOf(train.get(i).vertices(), D); for (int j = 0; j < D; j++) mu[j] += h[i][j] / N; }
  var X = new DMatrixRMaj(N, D);
  for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) X.set(i, j, h[i][j] - mu[j]);
  h = null;
  var G = new DMatrixRMaj(N, N); CommonOps_DDRM.multTransB(X, X, G);
  for (int i = 0; i < N; i++) G.add(i, i, 1e-12);
  double meanErr = 0, spanErr = 0;
  for (float[] y : ys) {
    var b = new DMatrixRMaj(D, 1); for (int j = 0; j < D; j++) b.set(j, y[j] - mu[j]);
    var xb = new DMatrixRMaj(N, 1); CommonOps_DDRM.mult(X, b, xb);
    var a = new DMatrixRMaj(N, 1); CommonOps_DDRM.solve(G, xb, a);
    var proj = new DMatrixRMaj(D, 1); CommonOps_DDRM.multTransA(X, a, proj);
    for (int v = 0; v < V; v++) { double r2 = 0, m2 = 0; for (int c = 0; c < 3; c++) { double d = b.get(3*v+c) - proj.get(3*v+c); r2 += d*d; m2 += b.get(3*v+c)*b.get(3*v+c); } spanErr += Math.sqrt(r2) / V / n * 1000; meanErr += Math.sqrt(m2) / V / n * 1000; }
  }
  System.out.printf("%d training heads: a validation head is %.3f mm from their mean, %.3f mm from their span%n", N, meanErr, spanErr);
}
/exit
