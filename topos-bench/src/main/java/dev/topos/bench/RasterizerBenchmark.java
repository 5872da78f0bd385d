package dev.topos.bench;

import dev.topos.geometry.Normals;
import dev.topos.render.Camera;
import dev.topos.render.Lighting;
import dev.topos.render.Material;
import dev.topos.render.Rasterizer;
import dev.topos.render.RenderBuffers;
import dev.topos.render.RenderMesh;
import dev.topos.render.RenderSettings;
import dev.topos.render.SurfaceShader;
import dev.topos.render.VertexAttribute;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to render one 512 x 512 shaded frame of a head-sized mesh (~8,000 triangles) with the CPU
 * rasterizer: SH environment + directional key light, Lambert diffuse + Blinn-Phong specular.
 *
 * <p>The mesh is procedural (a deformed UV sphere the size of a head, with a nose bump) so the
 * benchmark does not depend on asset modules; swap {@link #headLikeMesh()} for the reference head
 * once it is available.
 *
 * <p>Run: {@code mvn -q -o package -pl topos-bench -am -DskipTests && java -jar
 * topos-bench/target/benchmarks.jar RasterizerBenchmark}. The score to read is the sample-time
 * median, {@code p0.50}, in milliseconds per frame.
 */
// SampleTime records the duration of every single invocation, so JMH can report percentiles; we
// read the median (p0.50), which is robust to GC pauses and OS noise on shared CI machines.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// One fork: a fresh JVM isolates the measurement from the JIT profile of other benchmarks, and the
// renderer has no data-dependent JIT paths that would need several forks to average out. Use
// -f 3 or more when comparing two versions for small (< 5 %) differences. Fixed heap so that heap
// resizing does not show up in the timings.
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
// Warm-up: a frame takes tens of milliseconds, so 3 x 2 s is several hundred frames, ample for C2
// to compile the rasterizer's and shader's hot loops (they are reached within the first few frames).
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class RasterizerBenchmark {

  /** Supersampling factor: 1 (no AA) or 2 (2x2 samples per pixel, 4x the shading work). */
  @Param({"1", "2"})
  public int ssaa;

  /** Worker threads: 0 = the common ForkJoinPool (all cores), 1 = single-threaded. */
  @Param({"0", "1"})
  public int threads;

  private RenderMesh mesh;
  private Camera camera;
  private SurfaceShader shader;
  private Rasterizer rasterizer;

  @Setup
  public void setup() {
    mesh = headLikeMesh();
    camera = Camera.lookAt(new double[] {0.05, 0.03, 0.75}, new double[] {0, 0, 0}, new double[] {0, 1, 0}, 22, 512, 512);
    Material skin = Material.clay().withSpecular(0.45f, 0.05f);
    shader = new SurfaceShader(skin, Lighting.studio());
    rasterizer = new Rasterizer(RenderSettings.defaults().withSsaa(ssaa).withThreads(threads));
  }

  @Benchmark
  public RenderBuffers render() {
    return rasterizer.render(camera, mesh, shader);
  }

  /**
   * A UV sphere deformed into a head-sized ellipsoid (15 x 22 x 19 cm, metres, centred at the
   * origin, face towards +Z) with a nose bump; 64 segments x 64 rings = 8,064 triangles, with
   * area-weighted vertex normals.
   */
  public static RenderMesh headLikeMesh() {
    int segments = 64;
    int rings = 64;
    // Columns wrap around (no duplicated seam vertices), so the vertex normals are smooth everywhere.
    int cols = segments;
    float[] p = new float[3 * cols * (rings + 1)];
    for (int r = 0; r <= rings; r++) {
      double theta = Math.PI * r / rings;
      for (int s = 0; s < segments; s++) {
        double phi = 2 * Math.PI * s / segments;
        double x = Math.sin(theta) * Math.sin(phi);
        double y = Math.cos(theta);
        double z = Math.sin(theta) * Math.cos(phi);
        // Nose: a bump in front, slightly below the equator.
        double dn = (x * x + (y + 0.1) * (y + 0.1)) / 0.02 + (z < 0 ? 100 : 0);
        double bump = 1 + 0.18 * Math.exp(-dn);
        int v = r * cols + s;
        p[3 * v] = (float) (0.075 * x * bump);
        p[3 * v + 1] = (float) (0.11 * y * bump);
        p[3 * v + 2] = (float) (0.095 * z * bump);
      }
    }
    int[] t = new int[6 * segments * rings];
    int k = 0;
    for (int r = 0; r < rings; r++) {
      for (int s = 0; s < segments; s++) {
        int a = r * cols + s;
        int a1 = r * cols + (s + 1) % segments;
        int b = a + cols;
        int b1 = a1 + cols;
        // Counter-clockwise seen from outside; the pole rows keep one triangle per quad.
        if (r > 0) {
          t[k++] = a;
          t[k++] = b;
          t[k++] = a1;
        }
        if (r < rings - 1) {
          t[k++] = a1;
          t[k++] = b;
          t[k++] = b1;
        }
      }
    }
    int[] tris = java.util.Arrays.copyOf(t, k);
    return RenderMesh.of(p, tris).withNormals(VertexAttribute.perVertex(Normals.vertexNormals(p, tris), 3));
  }
}
