package dev.topos.synth.dataset;

/**
 * One synthetic training sample. Positions in metres, canonical head frame (docs/FRAME.md).
 *
 * @param index index of the sample in its dataset
 * @param seed the sample seed (within its {@link Split}'s range); regenerates the sample alone
 * @param metadataJson every sampling parameter (head parameters, deformation, scan, camera, lights,
 *     albedo), as JSON
 * @param vertices ground truth: full-array positions [N*3] of the reference topology (the head's V
 *     vertices first, then parts and joint cubes)
 * @param scanFamily the scan family (remeshed, decimated, marching_cubes, partial, noisy)
 * @param scanPoints points sampled on the simulated scan [P*3]
 * @param scanNormals their unit normals [P*3]
 * @param portraitPng the rendered portrait (sRGB PNG), or null when the dataset has no portraits
 * @param camera the portrait camera, or null: {fx, fy, cx, cy, width, height, r00..r22 (world to
 *     camera, row-major, OpenCV axes), tx, ty, tz}, 18 floats
 * @param albedoPng the ground-truth albedo in the reference UV layout (sRGB PNG), or null
 */
public record Sample(
    long index, long seed, String metadataJson, float[] vertices, String scanFamily, float[] scanPoints,
    float[] scanNormals, byte[] portraitPng, float[] camera, byte[] albedoPng) {

  public boolean hasPortrait() {
    return portraitPng != null;
  }
}
