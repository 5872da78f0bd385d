package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.SplittableRandom;

/**
 * Turns a polygon mesh into a triangle mesh with a random connectivity on the same vertices:
 * every quad is split on a random diagonal (larger polygons are fanned from a random corner),
 * then a random fraction of the interior edges is flipped where the flip keeps the surface shape
 * (near-flat, convex pairs only). Vertex indices and positions are unchanged.
 *
 * <p>Deterministic: the same mesh, fraction and random stream give the same triangles.
 */
public final class RandomRetriangulation {
  /** Cosine of the largest normal change a random flip may cause (about 25 degrees). */
  static final double FLIP_MIN_COS = 0.9;

  private RandomRetriangulation() {}

  /**
   * @param mesh any polygon mesh (metres)
   * @param flipFraction probability of trying to flip each interior edge, in [0, 1]
   * @param random the random stream (consumed)
   * @return a triangle mesh on the same vertices
   */
  public static Mesh apply(Mesh mesh, double flipFraction, SplittableRandom random) {
    int[] tris = splitPolygons(mesh, random);
    if (flipFraction <= 0) {
      return Mesh.ofTriangles(mesh.positions(), tris);
    }
    CornerTable table = CornerTable.of(mesh.positions(), tris);
    int corners = 3 * table.triangleSlots;
    for (int c = 0; c < corners; c++) {
      int o = table.co[c];
      if (o < c) {
        continue; // boundary, or visited from the other side
      }
      if (random.nextDouble() >= flipFraction) {
        continue;
      }
      if (table.canFlip(c) && table.flipKeepsShape(c, FLIP_MIN_COS)) {
        table.flip(c);
      }
    }
    Mesh out = table.toMesh();
    if (out.vertexCount() != mesh.vertexCount()) {
      throw new IllegalStateException("retriangulation lost vertices");
    }
    return out;
  }

  /** Triangles of the polygons, quads on a random diagonal, [T*3]. */
  static int[] splitPolygons(Mesh mesh, SplittableRandom random) {
    int[] starts = mesh.faceStarts();
    int[] fv = mesh.faceVertices();
    int count = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      count += starts[f + 1] - starts[f] - 2;
    }
    int[] out = new int[3 * count];
    int n = 0;
    for (int f = 0; f < mesh.faceCount(); f++) {
      int s = starts[f];
      int size = starts[f + 1] - s;
      int first = size == 3 ? 0 : random.nextInt(size);
      if (size == 4) {
        first = random.nextBoolean() ? 0 : 1;
      }
      for (int k = 1; k + 1 < size; k++) {
        out[n++] = fv[s + first];
        out[n++] = fv[s + (first + k) % size];
        out[n++] = fv[s + (first + k + 1) % size];
      }
    }
    return out;
  }
}
