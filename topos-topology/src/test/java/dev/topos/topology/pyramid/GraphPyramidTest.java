package dev.topos.topology.pyramid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.topology.ReferenceTopology;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraphPyramidTest {
  static Mesh head;
  static GraphPyramid cpuSmall;

  @BeforeAll
  static void build() {
    head = ReferenceTopology.loadBundled().head();
    cpuSmall = GraphPyramid.of(head, PyramidSpec.cpuSmall());
  }

  @Test
  void levelZeroIsEveryVertexInVertexOrderAtItsUnitFramePosition() {
    PyramidLevel zero = cpuSmall.level(0);
    assertEquals(head.vertexCount(), zero.size());
    assertArrayEquals(cpuSmall.frame().toUnit(head.positions()), zero.positions());
    for (int v = 0; v < head.vertexCount(); v++) {
      assertEquals(v, cpuSmall.ancestor(v, 0));
    }
  }

  @Test
  void everyVertexHasExactlyOneAncestorPerLevelAndParentsChainThem() {
    for (int k = 1; k <= cpuSmall.depth(); k++) {
      int[] up = cpuSmall.level(k - 1).parent();
      int[] count = new int[cpuSmall.level(k).size()];
      for (int v = 0; v < head.vertexCount(); v++) {
        int node = cpuSmall.ancestor(v, k);
        assertTrue(node >= 0 && node < cpuSmall.level(k).size());
        // The ancestor at k is the parent of the ancestor at k - 1 (nested clusters).
        assertEquals(node, up[cpuSmall.ancestor(v, k - 1)], "vertex " + v + " level " + k);
        count[node]++;
      }
      // Each node holds the vertices that name it, and none is empty.
      assertArrayEquals(count, cpuSmall.level(k).vertexCounts());
      assertTrue(Arrays.stream(count).allMatch(c -> c > 0), "empty node at level " + k);
    }
    assertTrue(cpuSmall.coarsest().isCoarsest());
    assertEquals(0, cpuSmall.coarsest().parent().length);
  }

  @Test
  void nodePositionIsTheMeanOfItsVertices() {
    int k = cpuSmall.depth();
    float[] unit = cpuSmall.level(0).positions();
    double[] sum = new double[3 * cpuSmall.level(k).size()];
    for (int v = 0; v < head.vertexCount(); v++) {
      for (int a = 0; a < 3; a++) {
        sum[3 * cpuSmall.ancestor(v, k) + a] += unit[3 * v + a];
      }
    }
    float[] positions = cpuSmall.level(k).positions();
    for (int i = 0; i < positions.length; i++) {
      assertEquals(sum[i] / cpuSmall.level(k).vertexCounts()[i / 3], positions[i], 1e-6);
    }
  }

  @Test
  void levelSizesAreNonIncreasingAndNodesAreSortedByCellKey() {
    int[] sizes = cpuSmall.sizes();
    for (int k = 1; k < sizes.length; k++) {
      assertTrue(sizes[k] <= sizes[k - 1], Arrays.toString(sizes));
      long[] keys = cpuSmall.level(k).cellKeys();
      for (int i = 1; i < keys.length; i++) {
        assertTrue(keys[i] > keys[i - 1], "level " + k + " keys not strictly ascending at " + i);
      }
    }
  }

  @Test
  void coarsestLevelOfEveryPresetIsWithinItsStatedRange() {
    for (Map.Entry<String, Supplier<PyramidSpec>> e : PyramidSpec.PRESETS.entrySet()) {
      PyramidSpec spec = e.getValue().get();
      GraphPyramid p = GraphPyramid.of(head, spec);
      int coarse = p.coarsest().size();
      assertTrue(coarse >= spec.coarseMin() && coarse <= spec.coarseMax(),
          e.getKey() + ": " + coarse + " coarse nodes, promised " + spec.coarseMin() + ".." + spec.coarseMax());
      assertEquals(spec.depth(), p.depth());
    }
  }

  @Test
  void edgesAreSymmetricWithoutSelfLoopsAndLevelZeroIsTheQuadSides() {
    for (PyramidLevel level : cpuSmall.levels()) {
      Adjacency g = level.adjacency();
      for (int i = 0; i < g.size(); i++) {
        assertFalse(g.hasEdge(i, i), "self loop at " + i + ", level " + level.index());
        for (int c = g.rowStart()[i]; c < g.rowStart()[i + 1]; c++) {
          assertTrue(g.hasEdge(g.cols()[c], i), "level " + level.index() + " edge " + i + "-" + g.cols()[c] + " one-way");
        }
      }
    }
    // Level 0: exactly the polygon edges (a quad contributes its 4 sides, not its diagonals).
    int[] edges = GraphPyramid.polygonEdges(head);
    assertEquals(edges.length, cpuSmall.level(0).adjacency().nonZeros());
    int[] q = Arrays.copyOfRange(head.faceVertices(), head.faceStarts()[0], head.faceStarts()[1]);
    assertTrue(cpuSmall.level(0).adjacency().hasEdge(q[0], q[1]));
    assertFalse(cpuSmall.level(0).adjacency().hasEdge(q[0], q[2]));
  }

  @Test
  void coarseEdgesAreExactlyTheImagesOfMeshEdges() {
    int[] edges = GraphPyramid.polygonEdges(head);
    for (int k = 1; k <= cpuSmall.depth(); k++) {
      Adjacency g = cpuSmall.level(k).adjacency();
      int expected = 0;
      java.util.Set<Long> seen = new java.util.HashSet<>();
      for (int e = 0; e < edges.length; e += 2) {
        int a = cpuSmall.ancestor(edges[e], k);
        int b = cpuSmall.ancestor(edges[e + 1], k);
        if (a != b) {
          assertTrue(g.hasEdge(a, b));
          if (seen.add(((long) Math.min(a, b) << 32) | Math.max(a, b))) {
            expected += 2;
          }
        }
      }
      assertEquals(expected, g.nonZeros(), "level " + k);
    }
  }

  @Test
  void everyLevelIsOneConnectedComponent() {
    // The reference head is one connected surface; coarsening can only merge components.
    for (PyramidLevel level : cpuSmall.levels()) {
      assertEquals(1, level.adjacency().componentCount(), "level " + level.index() + " components");
    }
  }

  @Test
  void paddedTableMatchesCsr() {
    for (PyramidLevel level : cpuSmall.levels()) {
      Adjacency g = level.adjacency();
      int[][] table = g.padded();
      int[] degree = g.degrees();
      for (int i = 0; i < g.size(); i++) {
        assertEquals(g.maxDegree(), table[i].length);
        for (int j = 0; j < table[i].length; j++) {
          int expected = j < degree[i] ? g.cols()[g.rowStart()[i] + j] : -1;
          assertEquals(expected, table[i][j]);
        }
      }
    }
  }

  @Test
  void buildIsDeterministic() {
    GraphPyramid again = GraphPyramid.of(head, PyramidSpec.cpuSmall());
    for (int k = 0; k <= cpuSmall.depth(); k++) {
      assertArrayEquals(cpuSmall.level(k).cellKeys(), again.level(k).cellKeys());
      assertArrayEquals(cpuSmall.level(k).adjacency().cols(), again.level(k).adjacency().cols());
      assertArrayEquals(cpuSmall.level(k).positions(), again.level(k).positions());
    }
  }

  @Test
  void componentsAreReportedForADisconnectedGraph() {
    Adjacency g = Adjacency.fromEdges(5, new int[] {0, 1, 1, 0, 3, 4, 2, 2});
    assertEquals(3, g.componentCount());
    assertArrayEquals(new int[] {0, 0, 1, 2, 2}, g.componentLabels());
    assertEquals(4, g.nonZeros());
  }
}
