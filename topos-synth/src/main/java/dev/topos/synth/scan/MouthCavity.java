package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scanner sees of the mouth: never its inside. {@link Mode#OPEN} removes the mouth-cavity
 * surface (a hole between the lips, as in scans with the mouth slightly open), {@link Mode#SEALED}
 * removes it and closes the opening with a fan (a membrane across the lips, as in scans that
 * fill it), {@link Mode#KEEP} leaves the head as it is.
 */
public final class MouthCavity {
  /** How the cavity is treated. */
  public enum Mode {
    KEEP,
    OPEN,
    SEALED
  }

  private MouthCavity() {}

  /**
   * @param head a triangle mesh with region labels
   * @param mode what to do
   * @return the treated mesh; vertices keep their order (unused ones dropped), a sealing centroid
   *     vertex is labelled {@link Region#LIPS}
   */
  public static RegionMesh apply(RegionMesh head, Mode mode) {
    if (mode == Mode.KEEP) {
      return head;
    }
    Mesh mesh = head.mesh();
    Region[] regions = head.regions();
    int[] tris = MeshMath.triangles(mesh);
    boolean[] keep = new boolean[tris.length / 3];
    for (int t = 0; t < keep.length; t++) {
      keep[t] = regions[tris[3 * t]] != Region.MOUTH_CAVITY || regions[tris[3 * t + 1]] != Region.MOUTH_CAVITY
          || regions[tris[3 * t + 2]] != Region.MOUTH_CAVITY;
    }
    TriangleSubset subset = TriangleSubset.of(mesh.positions(), tris, keep);
    Region[] kept = new Region[subset.sourceVertex().length];
    for (int v = 0; v < kept.length; v++) {
      kept[v] = regions[subset.sourceVertex()[v]];
    }
    RegionMesh open = new RegionMesh(subset.mesh(), kept);
    if (mode == Mode.OPEN) {
      return open;
    }
    // Seal the loops that run along the mouth (all of their vertices are cavity vertices).
    Mesh m = open.mesh();
    List<int[]> mouthLoops = new ArrayList<>();
    for (int[] loop : BoundaryLoops.find(m.vertexCount(), m.faceVertices())) {
      boolean all = true;
      for (int v : loop) {
        if (kept[v] != Region.MOUTH_CAVITY) {
          all = false;
          break;
        }
      }
      if (all) {
        mouthLoops.add(loop);
      }
    }
    if (mouthLoops.isEmpty()) {
      return open;
    }
    HoleCapping capped = HoleCapping.cap(m.positions(), m.faceVertices(), mouthLoops);
    Region[] labels = java.util.Arrays.copyOf(kept, capped.positions().length / 3);
    for (int v = kept.length; v < labels.length; v++) {
      labels[v] = Region.LIPS;
    }
    return new RegionMesh(Mesh.ofTriangles(capped.positions(), capped.triangles()), labels);
  }
}
