package dev.topos.nn.vae;

import dev.topos.geometry.ChamferDistance;
import dev.topos.geometry.ClosestPointOnMesh;
import dev.topos.geometry.ErrorStats;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.Metrics;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;

/**
 * The figures of one retopologised scan, all in millimetres: per-vertex error against the ground
 * truth (whole head and face region), Chamfer distance between the output surface and the input scan
 * points, normal consistency with the scan, F-score at 1 mm against the ground-truth surface, and
 * the mean distance from the scan points to the output surface.
 *
 * @param vertex per-vertex error over the head
 * @param face per-vertex error over the face region (face, nose, lips, eye sockets)
 * @param chamferToScan symmetric Chamfer distance between 8,192 output surface samples and the scan
 *     points (point sets both ways, so it includes the scan's sampling spacing)
 * @param normalConsistency mean |cos| between output and scan normals (nearest pairs, both ways)
 * @param fScore1mm F-score at 1 mm between the output and ground-truth surfaces: precision = share of
 *     output surface samples within 1 mm of the true surface, recall = share of true surface samples
 *     within 1 mm of the output surface (point-to-surface distances, so sampling density does not
 *     limit it)
 * @param scanToSurfaceMm mean distance from the scan points to the output surface
 */
public record RetopoMetrics(ErrorStats vertex, ErrorStats face, double chamferToScan, double normalConsistency,
    double fScore1mm, double scanToSurfaceMm) {

  static final int SURFACE_SAMPLES = 8192;

  /**
   * @param reference the reference head (faces)
   * @param faceMask vertices of the face region
   * @param predicted predicted positions [V*3], metres
   * @param truth ground-truth positions [V*3], metres (same frame)
   * @param scan the scan points with normals, metres
   */
  public static RetopoMetrics of(Mesh reference, boolean[] faceMask, float[] predicted, float[] truth, PointCloud scan) {
    Mesh p = reference.withPositions(predicted);
    Mesh t = reference.withPositions(truth);
    PointCloud ps = new SurfaceSampler(p).samplePoints(SURFACE_SAMPLES, 1, SurfaceSampler.NormalMode.FACE);
    PointCloud ts = new SurfaceSampler(t).samplePoints(SURFACE_SAMPLES, 2, SurfaceSampler.NormalMode.FACE);
    ChamferDistance ch = Metrics.chamfer(ps.positions(), scan.positions());
    double precision = within(ps.positions(), new ClosestPointOnMesh(t), Metrics.TAU_1_MM);
    double recall = within(ts.positions(), new ClosestPointOnMesh(p), Metrics.TAU_1_MM);
    double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
    double nc = scan.hasNormals() ? Metrics.normalConsistency(ps, scan) : Double.NaN;
    ErrorStats surface = Metrics.pointToSurface(scan.positions(), new ClosestPointOnMesh(p));
    return new RetopoMetrics(Metrics.perVertexError(predicted, truth), Metrics.perVertexError(predicted, truth, faceMask),
        ch.symmetricMm(), nc, f, surface.meanMm());
  }

  /** Share of points within tauMm of the surface. */
  static double within(float[] points, ClosestPointOnMesh surface, double tauMm) {
    double[] d = surface.distances(points);
    int n = 0;
    for (double x : d) {
      n += x * Metrics.MM_PER_M <= tauMm ? 1 : 0;
    }
    return (double) n / d.length;
  }
}
