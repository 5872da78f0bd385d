package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Voxelisation and marching cubes: the surface as a volume scanned onto a regular grid and
 * extracted again, the way depth-fusion scanners (TSDF + marching cubes) make their meshes.
 *
 * <p>The head is not closed (the neck cut, an open mouth), so its boundary loops are first
 * capped with fans ({@link HoleCapping}). Inside/outside at the grid points comes from the parity
 * of ray crossings along z-lines through the capped surface, rasterised watertight (shared edges
 * are evaluated identically from both sides, ties broken by a top-left rule, so every crossing
 * counts once); a z-line with an odd count copies its neighbour. Each grid edge where inside
 * changes gets its vertex at the exact crossing of the surface with that grid line (rays are cast
 * along x and y as well), so the output lies on the input surface up to the flat facets between
 * those points (well within one voxel). Cells are classified by a table derived in
 * {@link MarchingCubesTable}. Triangles that come from the caps are dropped again, so the
 * openings stay open with a ragged, voxel-sized edge.
 *
 * <p>Deterministic: the same input, voxel size and offset give the same mesh. Lengths in metres.
 */
public final class MarchingCubes {
  private static final MarchingCubesTable TABLE = new MarchingCubesTable();
  /** Crossings are kept this fraction of a voxel away from grid points, against needle triangles. */
  static final double MIN_EDGE_FRACTION = 0.02;

  private final double h;
  private final double[] origin = new double[3];
  private final int[] n = new int[3];
  private final float[] pos;
  private final int[] tris;
  private final int firstCap;
  /** Per axis: crossings in CSR by line (line = index of the other two axes, lower one fastest). */
  private final int[][] lineStart = new int[3][];
  private final float[][] crossing = new float[3][];
  private final boolean[][] crossingCap = new boolean[3][];
  private final int[][] crossingVertex = new int[3][];

  private float[] outPos = new float[3 * 4096];
  private boolean[] outCap = new boolean[4096];
  private int outVertices;
  private final Map<Long, Integer> fallbackVertices = new HashMap<>();

  private MarchingCubes(float[] positions, int[] triangles, int firstCapTriangle, double voxel, double[] offset) {
    this.pos = positions;
    this.tris = triangles;
    this.firstCap = firstCapTriangle;
    this.h = voxel;
    float[] min = {Float.MAX_VALUE, Float.MAX_VALUE, Float.MAX_VALUE};
    float[] max = {-Float.MAX_VALUE, -Float.MAX_VALUE, -Float.MAX_VALUE};
    for (int i = 0; i < positions.length; i += 3) {
      for (int k = 0; k < 3; k++) {
        min[k] = Math.min(min[k], positions[i + k]);
        max[k] = Math.max(max[k], positions[i + k]);
      }
    }
    for (int k = 0; k < 3; k++) {
      origin[k] = min[k] - (1.5 + offset[k]) * voxel;
      n[k] = (int) Math.ceil((max[k] - origin[k]) / voxel) + 2;
    }
  }

  /**
   * Re-meshes a surface by voxelisation and marching cubes.
   *
   * @param surface a triangle (or polygon) mesh whose boundary loops enclose a volume once capped
   *     (a head cut at the neck), outward oriented, metres
   * @param voxel voxel edge length, metres (e.g. 0.0015 .. 0.003)
   * @param offset grid shift in voxels, each in [0, 1) (different offsets sample differently)
   * @return the extracted triangle mesh, outward oriented
   */
  public static Mesh reconstruct(Mesh surface, double voxel, double[] offset) {
    if (!(voxel > 0) || offset.length != 3) {
      throw new IllegalArgumentException("voxel " + voxel);
    }
    int[] t = MeshMath.triangles(surface);
    List<int[]> loops = BoundaryLoops.find(surface.vertexCount(), t);
    HoleCapping capped = HoleCapping.cap(surface.positions(), t, loops);
    MarchingCubes mc = new MarchingCubes(capped.positions(), capped.triangles(), capped.firstCapTriangle(), voxel, offset);
    return mc.run();
  }

  private Mesh run() {
    // z first (occupancy), then x and y (vertex positions on those grid edges).
    cast(2);
    cast(0);
    cast(1);
    return extract(occupancy());
  }

  private double grid(int axis, int index) {
    return origin[axis] + index * h;
  }

  /** The two axes across a ray along {@code axis}, lower one first. */
  private static int acrossB(int axis) {
    return axis == 0 ? 1 : 0;
  }

  private static int acrossC(int axis) {
    return axis == 2 ? 1 : 2;
  }

  /** Casts all grid lines along {@code axis} through the surface, filling that axis' CSR. */
  private void cast(int axis) {
    int b = acrossB(axis);
    int c = acrossC(axis);
    int nb = n[b];
    int nc = n[c];
    int lines = nb * nc;
    int cap = 1024;
    int[] lineOf = new int[cap];
    float[] value = new float[cap];
    boolean[] fromCap = new boolean[cap];
    int count = 0;
    int triangleCount = tris.length / 3;
    for (int t = 0; t < triangleCount; t++) {
      int ia = tris[3 * t];
      int ib = tris[3 * t + 1];
      int ic = tris[3 * t + 2];
      double ax = pos[3 * ia + b];
      double ay = pos[3 * ia + c];
      double bx = pos[3 * ib + b];
      double by = pos[3 * ib + c];
      double cx = pos[3 * ic + b];
      double cy = pos[3 * ic + c];
      double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
      if (area == 0) {
        continue;
      }
      int i0 = (int) Math.ceil((Math.min(ax, Math.min(bx, cx)) - origin[b]) / h);
      int i1 = (int) Math.floor((Math.max(ax, Math.max(bx, cx)) - origin[b]) / h);
      int j0 = (int) Math.ceil((Math.min(ay, Math.min(by, cy)) - origin[c]) / h);
      int j1 = (int) Math.floor((Math.max(ay, Math.max(by, cy)) - origin[c]) / h);
      if (i0 > i1 || j0 > j1) {
        continue;
      }
      boolean ccw = area > 0;
      double za = pos[3 * ia + axis];
      double zb = pos[3 * ib + axis];
      double zc = pos[3 * ic + axis];
      boolean isCap = t >= firstCap;
      for (int j = Math.max(0, j0); j <= Math.min(nc - 1, j1); j++) {
        double py = grid(c, j);
        for (int i = Math.max(0, i0); i <= Math.min(nb - 1, i1); i++) {
          double px = grid(b, i);
          double w0 = edge(ib, bx, by, ic, cx, cy, px, py);
          if (!covers(w0, ccw, bx, by, cx, cy)) {
            continue;
          }
          double w1 = edge(ic, cx, cy, ia, ax, ay, px, py);
          if (!covers(w1, ccw, cx, cy, ax, ay)) {
            continue;
          }
          double w2 = edge(ia, ax, ay, ib, bx, by, px, py);
          if (!covers(w2, ccw, ax, ay, bx, by)) {
            continue;
          }
          double sum = w0 + w1 + w2;
          if (sum == 0) {
            continue;
          }
          if (count == cap) {
            cap *= 2;
            lineOf = Arrays.copyOf(lineOf, cap);
            value = Arrays.copyOf(value, cap);
            fromCap = Arrays.copyOf(fromCap, cap);
          }
          lineOf[count] = i + nb * j;
          value[count] = (float) ((w0 * za + w1 * zb + w2 * zc) / sum);
          fromCap[count] = isCap;
          count++;
        }
      }
    }
    // Counting sort by line, then sort each line by value.
    int[] start = new int[lines + 1];
    for (int k = 0; k < count; k++) {
      start[lineOf[k] + 1]++;
    }
    for (int l = 0; l < lines; l++) {
      start[l + 1] += start[l];
    }
    int[] fill = Arrays.copyOf(start, lines);
    float[] sorted = new float[count];
    boolean[] sortedCap = new boolean[count];
    for (int k = 0; k < count; k++) {
      int s = fill[lineOf[k]]++;
      sorted[s] = value[k];
      sortedCap[s] = fromCap[k];
    }
    for (int l = 0; l < lines; l++) {
      for (int s = start[l] + 1; s < start[l + 1]; s++) {
        float v = sorted[s];
        boolean f = sortedCap[s];
        int r = s - 1;
        while (r >= start[l] && (sorted[r] > v || sorted[r] == v && !sortedCap[r] && f)) {
          sorted[r + 1] = sorted[r];
          sortedCap[r + 1] = sortedCap[r];
          r--;
        }
        sorted[r + 1] = v;
        sortedCap[r + 1] = f;
      }
    }
    lineStart[axis] = start;
    crossing[axis] = sorted;
    crossingCap[axis] = sortedCap;
    int[] vertex = new int[count];
    Arrays.fill(vertex, -1);
    crossingVertex[axis] = vertex;
  }

  /**
   * The 2-d edge function of the directed edge p -&gt; q at (x, y), computed from the edge's
   * lower-indexed end so both triangles on an edge get exactly opposite values.
   */
  private static double edge(int ip, double px, double py, int iq, double qx, double qy, double x, double y) {
    if (ip < iq) {
      return (qx - px) * (y - py) - (qy - py) * (x - px);
    }
    return -((px - qx) * (y - qy) - (py - qy) * (x - qx));
  }

  /** Whether a point with edge value w is on the inner side of edge p -&gt; q (top-left rule on ties). */
  private static boolean covers(double w, boolean ccw, double px, double py, double qx, double qy) {
    if (w != 0) {
      return ccw ? w > 0 : w < 0;
    }
    double dx = ccw ? qx - px : px - qx;
    double dy = ccw ? qy - py : py - qy;
    return dy < 0 || dy == 0 && dx < 0;
  }

  private int words() {
    return (n[2] + 63) >>> 6;
  }

  /** Inside bits of every grid point: column (i, j) holds {@link #words()} longs, bit k = level k. */
  private long[] occupancy() {
    int nx = n[0];
    int ny = n[1];
    int w = words();
    long[] bits = new long[nx * ny * w];
    int[] start = lineStart[2];
    float[] z = crossing[2];
    boolean[] broken = new boolean[nx * ny];
    for (int col = 0; col < nx * ny; col++) {
      int s0 = start[col];
      int s1 = start[col + 1];
      if (((s1 - s0) & 1) != 0) {
        broken[col] = true;
        continue;
      }
      for (int s = s0; s < s1; s += 2) {
        int k0 = (int) Math.floor((z[s] - origin[2]) / h) + 1;
        int k1 = (int) Math.ceil((z[s + 1] - origin[2]) / h) - 1;
        for (int k = Math.max(0, k0); k <= Math.min(n[2] - 1, k1); k++) {
          bits[col * w + (k >>> 6)] |= 1L << (k & 63);
        }
      }
    }
    for (int col = 0; col < nx * ny; col++) {
      if (broken[col]) {
        int from = col % nx > 0 ? col - 1 : col + 1;
        if (from < nx * ny && !broken[from]) {
          System.arraycopy(bits, from * w, bits, col * w, w);
        }
      }
    }
    return bits;
  }

  private boolean inside(long[] bits, int i, int j, int k) {
    int w = words();
    return (bits[(i + n[0] * j) * w + (k >>> 6)] >>> (k & 63) & 1L) != 0;
  }

  private Mesh extract(long[] bits) {
    int nx = n[0];
    int ny = n[1];
    int nz = n[2];
    int w = words();
    int[] outTris = new int[3 * 8192];
    int triCount = 0;
    int[] vertexOfEdge = new int[12];
    for (int j = 0; j + 1 < ny; j++) {
      for (int i = 0; i + 1 < nx; i++) {
        int c00 = (i + nx * j) * w;
        int c10 = c00 + w;
        int c01 = c00 + nx * w;
        int c11 = c01 + w;
        for (int word = 0; word < w; word++) {
          long a = bits[c00 + word] | bits[c10 + word] | bits[c01 + word] | bits[c11 + word];
          long b = bits[c00 + word] & bits[c10 + word] & bits[c01 + word] & bits[c11 + word];
          long aNext = word + 1 < w ? bits[c00 + word + 1] | bits[c10 + word + 1] | bits[c01 + word + 1] | bits[c11 + word + 1] : 0;
          long bNext = word + 1 < w ? bits[c00 + word + 1] & bits[c10 + word + 1] & bits[c01 + word + 1] & bits[c11 + word + 1] : 0;
          long aUp = (a >>> 1) | (aNext << 63);
          long bUp = (b >>> 1) | (bNext << 63);
          long active = (a | aUp) & ~(b & bUp);
          while (active != 0) {
            int bit = Long.numberOfTrailingZeros(active);
            active &= active - 1;
            int k = (word << 6) + bit;
            if (k + 1 >= nz) {
              continue;
            }
            int config = 0;
            for (int corner = 0; corner < 8; corner++) {
              if (inside(bits, i + (corner & 1), j + (corner >> 1 & 1), k + (corner >> 2 & 1))) {
                config |= 1 << corner;
              }
            }
            int[] cell = TABLE.triangles(config);
            if (cell.length == 0) {
              continue;
            }
            Arrays.fill(vertexOfEdge, -1);
            for (int e : cell) {
              if (vertexOfEdge[e] < 0) {
                vertexOfEdge[e] = edgeVertex(i, j, k, e);
              }
            }
            for (int s = 0; s < cell.length; s += 3) {
              int va = vertexOfEdge[cell[s]];
              int vb = vertexOfEdge[cell[s + 1]];
              int vc = vertexOfEdge[cell[s + 2]];
              if (outCap[va] || outCap[vb] || outCap[vc]) {
                continue; // part of a cap: the opening stays open
              }
              if (triCount + 3 > outTris.length) {
                outTris = Arrays.copyOf(outTris, outTris.length * 2);
              }
              outTris[triCount++] = va;
              outTris[triCount++] = vb;
              outTris[triCount++] = vc;
            }
          }
        }
      }
    }
    float[] p = Arrays.copyOf(outPos, 3 * outVertices);
    int[] t = Arrays.copyOf(outTris, triCount);
    boolean[] keep = new boolean[triCount / 3];
    Arrays.fill(keep, true);
    return TriangleSubset.of(p, t, keep).mesh();
  }

  /** The output vertex on cube edge e of cell (i, j, k), created on first use. */
  private int edgeVertex(int i, int j, int k, int e) {
    int axis = e >> 2;
    int corner = MarchingCubesTable.EDGE_CORNERS[e][0];
    int[] g = {i + (corner & 1), j + (corner >> 1 & 1), k + (corner >> 2 & 1)};
    int b = acrossB(axis);
    int c = acrossC(axis);
    int line = g[b] + n[b] * g[c];
    double lo = grid(axis, g[axis]);
    double hi = lo + h;
    int[] start = lineStart[axis];
    float[] values = crossing[axis];
    int s0 = start[line];
    int s1 = start[line + 1];
    // First crossing >= lo (binary search), if it is below hi.
    int low = s0;
    int high = s1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (values[mid] < lo) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    if (low < s1 && values[low] <= hi) {
      int existing = crossingVertex[axis][low];
      if (existing >= 0) {
        return existing;
      }
      double v = Math.max(lo + MIN_EDGE_FRACTION * h, Math.min(hi - MIN_EDGE_FRACTION * h, values[low]));
      int created = addVertex(g, axis, v, crossingCap[axis][low]);
      crossingVertex[axis][low] = created;
      return created;
    }
    // No crossing where the parity says there is one (a degenerate ray): the edge midpoint.
    long key = (g[0] + n[0] * ((long) g[1] + (long) n[1] * g[2])) * 3 + axis;
    Integer existing = fallbackVertices.get(key);
    if (existing != null) {
      return existing;
    }
    int created = addVertex(g, axis, lo + 0.5 * h, false);
    fallbackVertices.put(key, created);
    return created;
  }

  private int addVertex(int[] g, int axis, double along, boolean cap) {
    if (outVertices == outCap.length) {
      outCap = Arrays.copyOf(outCap, outVertices * 2);
      outPos = Arrays.copyOf(outPos, 6 * outVertices);
    }
    int v = outVertices++;
    for (int k = 0; k < 3; k++) {
      outPos[3 * v + k] = (float) (k == axis ? along : grid(k, g[k]));
    }
    outCap[v] = cap;
    return v;
  }
}
