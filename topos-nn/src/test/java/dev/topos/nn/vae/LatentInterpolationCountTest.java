package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.topos.geometry.EdgeLengths;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.Normals;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.pyramid.VaeFrame;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.LipParting;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The interpolation check's bookkeeping, on an untrained model with ranges that admit every edge or none. */
class LatentInterpolationCountTest {

  @Test
  void countsInterpolatedHeadsAndEndpointsOutsideTheRange() {
    HeadModel model = HeadModel.loadBundled();
    ReferenceTopology topology = model.topology();
    Mesh head = topology.head();
    try (TopoVae vae = TopoVae.create(VaeConfig.cpuSmall().withPoints(128), head, 5)) {
      List<VaeExample> examples = List.of(example(vae, 1), example(vae, 2), example(vae, 3), example(vae, 4));
      int edges = EdgeLengths.of(head).lengths().length;
      double[] zero = new double[edges];
      double[] huge = new double[edges];
      Arrays.fill(huge, Double.MAX_VALUE);
      Retopologizer retopo = new Retopologizer(vae, topology.regions(), 1);
      LipParting lips = new LipParting(model);

      LatentInterpolation.Report all = LatentInterpolation.check(retopo, head, lips, examples, new double[][] {zero, huge}, 0);
      assertEquals(2, all.pairs());
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, all.heads());
      assertEquals(0, all.edgesOutOfRange());
      assertEquals(0, all.endpointsOutOfRange());

      LatentInterpolation.Report none = LatentInterpolation.check(retopo, head, lips, examples, new double[][] {huge, huge}, 0);
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, none.edgesOutOfRange());
      assertEquals(4, none.endpointsOutOfRange());
    }
  }

  /** A deformed template, every vertex a point, in a unit frame centred at the origin. */
  private static VaeExample example(TopoVae vae, long seed) {
    float[] p = TestBatches.deform(vae.template().positions(), new SplittableRandom(seed));
    float[] n = Normals.vertexNormals(p, vae.template().triangles());
    float[] points = new float[2 * p.length];
    for (int v = 0; v < p.length / 3; v++) {
      System.arraycopy(p, 3 * v, points, 6 * v, 3);
      System.arraycopy(n, 3 * v, points, 6 * v + 3, 3);
    }
    return new VaeExample(points, null, null, new VaeFrame(0, 0, 0.01 * seed, 0.12), "test");
  }
}
