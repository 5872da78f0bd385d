package dev.topos.topology.pyramid;

/**
 * One level of a {@link GraphPyramid}. Arrays are shared, not copied: do not mutate them.
 *
 * @param index the level, 0 = every reference vertex
 * @param positions node positions in the unit frame, [n*3]: the mean of the node's level-0 vertices
 * @param cellKeys grid cell of each node, packed as {@code ix << 42 | iy << 21 | iz} at this level's
 *     cell size, [n], ascending for k &ge; 1 (level 0 keeps vertex order)
 * @param vertexCounts how many level-0 vertices each node holds, [n]
 * @param parent index of each node's node in level {@code index + 1}, [n]; empty at the coarsest level
 * @param adjacency the level's graph: two nodes are neighbours when some mesh edge joins their vertices
 */
public record PyramidLevel(
    int index, float[] positions, long[] cellKeys, int[] vertexCounts, int[] parent, Adjacency adjacency) {

  public PyramidLevel {
    int n = adjacency.size();
    if (positions.length != 3 * n || cellKeys.length != n || vertexCounts.length != n) {
      throw new IllegalArgumentException("level " + index + ": arrays disagree on the node count " + n);
    }
    if (parent.length != 0 && parent.length != n) {
      throw new IllegalArgumentException("level " + index + ": parent has " + parent.length + " entries, expected " + n);
    }
  }

  /** Number of nodes. */
  public int size() {
    return adjacency.size();
  }

  /** Whether this level has no coarser level above it. */
  public boolean isCoarsest() {
    return parent.length == 0;
  }
}
