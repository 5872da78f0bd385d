package dev.topos.nn.vae;

/**
 * One training batch at the module boundary, plain arrays in the unit frame (each sample mapped by
 * the {@link dev.topos.topology.pyramid.VaeFrame} of its conditioned scan points, see {@link VaeExample}).
 *
 * @param size B, samples
 * @param points N, points per sample
 * @param inputs sampled surface points and their unit normals, {@code [B*N*6]} as
 *     {@code (x, y, z, nx, ny, nz)} per point
 * @param targetPositions target vertex positions in reference vertex order, {@code [B*V*3]}
 * @param targetNormals target unit vertex normals, {@code [B*V*3]}
 */
public record VaeBatch(int size, int points, float[] inputs, float[] targetPositions, float[] targetNormals) {

  public VaeBatch {
    if (size < 1 || points < 1) {
      throw new IllegalArgumentException("batch size and points must be positive, got " + size + ", " + points);
    }
    if (inputs.length != size * points * 6) {
      throw new IllegalArgumentException("inputs has " + inputs.length + " floats, expected B*N*6 = " + size * points * 6);
    }
    if (targetPositions.length % (3 * size) != 0 || targetNormals.length != targetPositions.length) {
      throw new IllegalArgumentException("targets must be [B*V*3] each, got " + targetPositions.length + " and " + targetNormals.length);
    }
  }

  /** V, vertices per target. */
  public int vertices() {
    return targetPositions.length / (3 * size);
  }
}
