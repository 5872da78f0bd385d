package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.EdgeLengthRange;
import dev.topos.geometry.EdgeLengths;
import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.pyramid.VaeFrame;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.LipParting;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The interpolation check's bookkeeping, on an untrained model with ranges that admit every edge,
 * none, or every edge only when all edges are taken together.
 */
class LatentInterpolationCountTest {

  private static VaeExample example(TopoVae vae, long seed) {
    return TestBatches.deformedExample(vae.template(), seed, new VaeFrame(0, 0, 0.01 * seed, 0.12));
  }

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
      double[] tiny = new double[edges];
      Arrays.fill(tiny, 1e-9);
      Retopologizer retopo = new Retopologizer(vae, topology.regions(), 1);
      LipParting lips = new LipParting(model);

      LatentInterpolation.Report all = LatentInterpolation.check(retopo, head, lips, examples, new EdgeLengthRange(zero, huge), 0);
      assertEquals(2, all.pairs());
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, all.heads());
      assertEquals(0, all.edgesOutOfRange());
      assertEquals(0, all.edgesOutOfGlobalRange());
      assertEquals(1, all.worstExcess(), 0);
      assertEquals(0, all.endpointsOutOfRange());
      assertTrue(all.noWorseThanReconstructions());

      LatentInterpolation.Report none = LatentInterpolation.check(retopo, head, lips, examples, new EdgeLengthRange(huge, huge), 0);
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, none.edgesOutOfRange());
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, none.edgesOutOfGlobalRange());
      assertEquals(4, none.endpointsOutOfRange());

      // Each edge's own range is the single tiny value 1e-9, but edge 0's reaches MAX, so the
      // range over all edges together is [1e-9, MAX]: every head is out per edge, in globally.
      double[] perEdgeOnlyMax = tiny.clone();
      perEdgeOnlyMax[0] = Double.MAX_VALUE;
      LatentInterpolation.Report perEdge =
          LatentInterpolation.check(retopo, head, lips, examples, new EdgeLengthRange(tiny, perEdgeOnlyMax), 0);
      assertEquals(2 * LatentInterpolation.WEIGHTS.length, perEdge.edgesOutOfRange());
      assertEquals(0, perEdge.edgesOutOfGlobalRange());
      assertTrue(perEdge.worstExcess() > 1e6, "worst excess " + perEdge.worstExcess());
    }
  }
}
