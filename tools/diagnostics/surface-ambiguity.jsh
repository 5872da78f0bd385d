// How much of a head's vertex placement its surface leaves open, under a Gaussian fitted to the
// training heads. x = mean + M z, M = centred heads / sqrt(n - 1) (3V x n), z ~ N(0, I): the
// Gaussian with the training heads' covariance. The surface is observed to first order: its
// offset along the mean head's vertex normals at every vertex (all of them, mouth and scalp too),
// with noise sigma. The posterior of z is N(., P), P = (I + A^T A / sigma^2)^-1, A = normals^T M
// (V x n); its samples give the error of the best linear estimator from the exact surface:
// mean per-vertex error (mm), split along the normal and along the surface. A small sigma is an
// ideal scan. Not a bound for a non-linear estimator, which can use more than a Gaussian's shape.
// heads=2000 sigma_mm=0.1 samples=200 observe=all|nomouth|skin (skin: no mouth cavity, scalp or neck; session 9)
import dev.topos.geometry.*;
import dev.topos.topology.*;
import dev.topos.synth.dataset.*;
import org.ejml.data.*;
import org.ejml.dense.row.*;
import org.ejml.dense.row.factory.*;
import org.ejml.dense.row.decomposition.*;
var t = ReferenceTopology.loadBundled();
var reader = DatasetReader.open(java.nio.file.Path.of(System.getProperty("data", "data") + "/train"));
int V = t.vertexCount(); int n = Integer.getInteger("heads", 2000); int S = Integer.getInteger("samples", 200);
double sigma = Double.parseDouble(System.getProperty("sigma_mm", "0.1")) / 1000;
double[][] x = new double[n][];
double[] mean = new double[3*V];
for (int i = 0; i < n; i++) { float[] v = reader.get(i).vertices(); x[i] = new double[3*V]; for (int k = 0; k < 3*V; k++) { x[i][k] = v[k]; mean[k] += v[k] / n; } }
var M = new DMatrixRMaj(3*V, n);
for (int i = 0; i < n; i++) for (int k = 0; k < 3*V; k++) M.set(k, i, (x[i][k] - mean[k]) / Math.sqrt(n - 1));
float[] meanF = new float[3*V]; for (int k = 0; k < 3*V; k++) meanF[k] = (float) mean[k];
float[] nrm = t.head().withPositions(meanF).vertexNormals();
String observe = System.getProperty("observe", "all");
var regions = t.regions();
boolean seen(int v) { var r = regions[v]; return observe.equals("all") || (r != Region.MOUTH_CAVITY && (observe.equals("nomouth") || (r != Region.SCALP && r != Region.NECK))); }
var A = new DMatrixRMaj(V, n);
for (int v = 0; v < V; v++) if (seen(v)) for (int i = 0; i < n; i++) A.set(v, i, nrm[3*v]*M.get(3*v, i) + nrm[3*v+1]*M.get(3*v+1, i) + nrm[3*v+2]*M.get(3*v+2, i));
var H = new DMatrixRMaj(n, n);
CommonOps_DDRM.multTransA(A, A, H);
CommonOps_DDRM.scale(1 / (sigma * sigma), H);
for (int i = 0; i < n; i++) H.add(i, i, 1);
var chol = DecompositionFactory_DDRM.chol(n, true);
if (!chol.decompose(H)) throw new IllegalStateException("not positive definite");
var L = chol.getT(null); // H = L L^T; z = L^-T e has covariance H^-1
var rng = new java.util.Random(1);
double[] report(boolean posterior) {
  double s = 0, sn = 0, st = 0;
  var e = new DMatrixRMaj(n, 1); var z = new DMatrixRMaj(n, 1); var dx = new DMatrixRMaj(3*V, 1);
  for (int k = 0; k < S; k++) {
    for (int i = 0; i < n; i++) e.set(i, 0, rng.nextGaussian());
    if (posterior) { z.setTo(e); TriangularSolver_DDRM.solveTranL(L.data, z.data, n); } else z.setTo(e);
    CommonOps_DDRM.mult(M, z, dx);
    for (int v = 0; v < V; v++) { double a = dx.get(3*v), b = dx.get(3*v+1), c = dx.get(3*v+2); double d = Math.sqrt(a*a+b*b+c*c); double along = a*nrm[3*v]+b*nrm[3*v+1]+c*nrm[3*v+2]; s += d; sn += Math.abs(along); st += Math.sqrt(Math.max(0, d*d-along*along)); }
  }
  double f = 1000.0 / (S * V); return new double[]{s*f, sn*f, st*f};
}
double[] prior = report(false), post = report(true);
System.out.printf("%d heads, observe %s, sigma %.2f mm: prior spread %.3f mm (normal %.3f, surface %.3f); given the surface %.3f mm (normal %.3f, surface %.3f)%n",
    n, observe, sigma*1000, prior[0], prior[1], prior[2], post[0], post[1], post[2]);
/exit
