package dev.topos.nn.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.topos.nn.GraphOp;
import dev.topos.topology.pyramid.PyramidSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeConfigTest {

  @Test
  void everyPresetRoundTripsThroughJson() {
    assertEquals(List.of("cpu-small", "paper"), List.copyOf(VaeConfig.PRESETS.keySet()));
    for (var e : VaeConfig.PRESETS.entrySet()) {
      VaeConfig c = e.getValue().get();
      assertEquals(c, VaeConfig.fromJson(c.toJson()), e.getKey());
      assertEquals(c, VaeConfig.preset(e.getKey()));
    }
  }

  @Test
  void paperPresetHasThePapersEncoder() {
    VaeConfig p = VaeConfig.paper();
    assertEquals(8, p.encoderLayers());
    assertEquals(8, p.heads());
    assertEquals(64, p.headWidth());
    assertEquals(128, p.width());
    assertEquals(32, p.latentChannels());
    assertEquals(8, p.fourierFrequencies());
    assertEquals(1e-3f, p.klWeight());
    assertEquals(3 + 48 + 3, p.pointFeatures());
  }

  /** The paper preset builds and runs on the CPU: 542 tokens x 32 channels, every vertex decoded. */
  @Test
  void paperModelBuildsAndReconstructsOnTheCpu() {
    dev.topos.geometry.Mesh head = dev.topos.topology.ReferenceTopology.loadBundled().head();
    try (TopoVae vae = TopoVae.create(VaeConfig.paper(), head, 1);
        ai.djl.ndarray.NDManager scope = ai.djl.ndarray.NDManager.newBaseManager()) {
      assertEquals(4_360_390, vae.parameters().count());
      assertEquals(542, vae.tokens());
      int n = 64; // the encoder takes any N; few points keep the test fast
      ai.djl.ndarray.NDArray points = scope.randomUniform(-0.5f, 0.5f, new ai.djl.ndarray.types.Shape(1, n, 6)); // [1, N, 6]
      ai.djl.ndarray.NDArray z = vae.encode(points).mean(); // [1, L, C]
      assertEquals(new ai.djl.ndarray.types.Shape(1, 542, 32), z.getShape());
      assertEquals(new ai.djl.ndarray.types.Shape(1, head.vertexCount(), 6), vae.decode(z).getShape());
    }
  }

  @Test
  void inconsistentConfigsAreRejected() {
    VaeConfig c = VaeConfig.cpuSmall();
    assertThrows(IllegalArgumentException.class, () -> VaeConfig.preset("huge"));
    // decoder lists must have one entry per pyramid level
    assertThrows(IllegalArgumentException.class, () -> new VaeConfig(c.points(), 8, 128, 2, 4, 32, 4, 16, -30, 20,
        PyramidSpec.cpuSmall(), List.of(32, 64, 96), List.of(1, 1, 1, 2), 8, GraphOp.SPARSE, 1e-3f, 1, 1, 1, 1, 1, false, 0, 0));
    // widths must be divisible by the GroupNorm groups
    assertThrows(IllegalArgumentException.class, () -> new VaeConfig(c.points(), 8, 128, 2, 4, 32, 4, 16, -30, 20,
        PyramidSpec.cpuSmall(), List.of(30, 64, 96, 128), List.of(1, 1, 1, 2), 8, GraphOp.SPARSE, 1e-3f, 1, 1, 1, 1, 1, false, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> VaeConfig.fromJson("{\"points\": 3}"));
  }
}
