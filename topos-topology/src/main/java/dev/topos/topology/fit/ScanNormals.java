package dev.topos.topology.fit;

import dev.topos.geometry.Similarity;

/**
 * Scan normals seen from the head frame. A similarity {@code x -> s R x + t} maps the head frame
 * to the scan frame, so a scan normal {@code n} reads {@code R^T n} in the head frame (scale and
 * translation do not act on directions). Scanners disagree on whether normals point out of the
 * surface or into it; {@link #orientation} decides by a majority vote against the template.
 */
final class ScanNormals {
  private ScanNormals() {}

  /**
   * The unit normal of scan point {@code i} rotated into the head frame, times {@code sign}, into
   * {@code out} ([3]).
   *
   * @param rotation R of the head-to-scan similarity, row-major [9]
   */
  static void toHeadFrame(float[] normals, int i, double[] rotation, double sign, double[] out) {
    double nx = normals[3 * i];
    double ny = normals[3 * i + 1];
    double nz = normals[3 * i + 2];
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    double f = len > 0 ? sign / len : 0;
    double[] r = rotation;
    out[0] = f * (r[0] * nx + r[3] * ny + r[6] * nz);
    out[1] = f * (r[1] * nx + r[4] * ny + r[7] * nz);
    out[2] = f * (r[2] * nx + r[5] * ny + r[8] * nz);
  }

  /**
   * +1 if the scan normals mostly agree with the template normals they are matched with, -1 if
   * they mostly point the other way (inward-facing normals).
   *
   * @param scanNormals normals of the scan points, [N*3]
   * @param scanIndex the scan point of each match
   * @param templateNormals unit normals of the template points, head frame, [M*3]
   * @param templateIndex the template point of each match
   * @param matches number of matches
   * @param headToScan the current head-to-scan similarity
   */
  static double orientation(float[] scanNormals, int[] scanIndex, float[] templateNormals, int[] templateIndex,
      int matches, Similarity headToScan) {
    double[] rot = headToScan.rotation();
    double[] m = new double[3];
    double sum = 0;
    for (int k = 0; k < matches; k++) {
      toHeadFrame(scanNormals, scanIndex[k], rot, 1, m);
      int t = 3 * templateIndex[k];
      double dot = m[0] * templateNormals[t] + m[1] * templateNormals[t + 1] + m[2] * templateNormals[t + 2];
      sum += Math.signum(dot);
    }
    return sum < 0 ? -1 : 1;
  }
}
