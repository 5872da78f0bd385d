package dev.topos.bench;

import dev.topos.geometry.Normals;
import dev.topos.render.Camera;
import dev.topos.render.Lighting;
import dev.topos.render.Material;
import dev.topos.render.Rasterizer;
import dev.topos.render.RenderBuffers;
import dev.topos.render.RenderMesh;
import dev.topos.topology.ReferenceTopology;
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
 * Time to render one 512 x 512 shaded frame of the reference head (4,346 quads, 8,692 triangles)
 * with the CPU rasterizer: SH environment + directional key light, Lambert diffuse + Blinn-Phong
 * specular. The single-threaded run ({@code threads = 1}) is the baseline for the parallel one.
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
    mesh = RenderMesh.of(ReferenceTopology.loadBundled().head());
    camera = Camera.lookAt(new double[] {0.05, -0.01, 0.75}, new double[] {0, -0.04, -0.02}, new double[] {0, 1, 0}, 22, 512, 512);
    Material skin = Material.clay().withSpecular(0.45f, 0.05f);
    shader = new SurfaceShader(skin, Lighting.studio());
    rasterizer = new Rasterizer(RenderSettings.defaults().withSsaa(ssaa).withThreads(threads));
  }

  @Benchmark
  public RenderBuffers render() {
    return rasterizer.render(camera, mesh, shader);
  }
}
