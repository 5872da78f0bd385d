package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;

/**
 * One step of 1-to-4 triangle subdivision: every edge gets a new vertex and every triangle
 * becomes four. {@link Scheme#MIDPOINT} keeps the surface exactly (edge midpoints, old vertices
 * unmoved); {@link Scheme#LOOP} applies Loop's smoothing masks (Loop 1987; Warren's weights,
 * boundary edges and vertices with the cubic B-spline curve masks), which rounds the surface
 * slightly. The old vertices keep their indices; the edge vertices follow them.
 */
public final class Subdivision {
  /** Which positions the new and old vertices get. */
  public enum Scheme {
    /** Edge midpoints; old vertices stay. */
    MIDPOINT,
    /** Loop's approximating masks. */
    LOOP
  }

  private Subdivision() {}

  /**
   * @param mesh a triangle mesh (other polygons are fan-triangulated first), metres
   * @param scheme the vertex rule
   * @return the subdivided triangle mesh: 4x the triangles
   */
  public static Mesh apply(Mesh mesh, Scheme scheme) {
    float[] p = mesh.positions();
    int[] tris = MeshMath.triangles(mesh);
    CornerTable table = CornerTable.of(p, tris);
    int[] co = table.co;
    int corners = tris.length;
    int v = p.length / 3;
    int[] edgeVertex = new int[corners];
    int next = v;
    for (int c = 0; c < corners; c++) {
      int o = co[c];
      edgeVertex[c] = o >= 0 && o < c ? edgeVertex[o] : next++;
    }
    float[] out = new float[3 * next];
    boolean loop = scheme == Scheme.LOOP;
    // Edge vertices.
    for (int c = 0; c < corners; c++) {
      int o = co[c];
      if (o >= 0 && o < c) {
        continue;
      }
      int b = 3 * tris[CornerTable.next(c)];
      int d = 3 * tris[CornerTable.prev(c)];
      int e = 3 * edgeVertex[c];
      if (!loop || o < 0) {
        for (int k = 0; k < 3; k++) {
          out[e + k] = 0.5f * (p[b + k] + p[d + k]);
        }
      } else {
        int a = 3 * tris[c];
        int f = 3 * tris[o];
        for (int k = 0; k < 3; k++) {
          out[e + k] = (float) (0.375 * (p[b + k] + p[d + k]) + 0.125 * (p[a + k] + p[f + k]));
        }
      }
    }
    // Old vertices.
    if (!loop) {
      System.arraycopy(p, 0, out, 0, p.length);
    } else {
      double[] sum = new double[3 * v];
      int[] valence = new int[v];
      double[] bsum = new double[3 * v];
      int[] bcount = new int[v];
      for (int c = 0; c < corners; c++) {
        int o = co[c];
        if (o >= 0 && o < c) {
          continue;
        }
        int b = tris[CornerTable.next(c)];
        int d = tris[CornerTable.prev(c)];
        for (int k = 0; k < 3; k++) {
          sum[3 * b + k] += p[3 * d + k];
          sum[3 * d + k] += p[3 * b + k];
        }
        valence[b]++;
        valence[d]++;
        if (o < 0) {
          for (int k = 0; k < 3; k++) {
            bsum[3 * b + k] += p[3 * d + k];
            bsum[3 * d + k] += p[3 * b + k];
          }
          bcount[b]++;
          bcount[d]++;
        }
      }
      for (int i = 0; i < v; i++) {
        int n = valence[i];
        if (bcount[i] == 2) {
          for (int k = 0; k < 3; k++) {
            out[3 * i + k] = (float) (0.75 * p[3 * i + k] + 0.125 * bsum[3 * i + k]);
          }
        } else if (bcount[i] > 0 || n < 3) {
          System.arraycopy(p, 3 * i, out, 3 * i, 3); // bow-tie or isolated: leave it
        } else {
          double beta = n == 3 ? 3.0 / 16.0 : 3.0 / (8.0 * n);
          for (int k = 0; k < 3; k++) {
            out[3 * i + k] = (float) ((1 - n * beta) * p[3 * i + k] + beta * sum[3 * i + k]);
          }
        }
      }
    }
    int[] t4 = new int[4 * corners];
    int n = 0;
    for (int t = 0; t < corners; t += 3) {
      int v0 = tris[t];
      int v1 = tris[t + 1];
      int v2 = tris[t + 2];
      int m0 = edgeVertex[t];
      int m1 = edgeVertex[t + 1];
      int m2 = edgeVertex[t + 2];
      t4[n++] = v0;
      t4[n++] = m2;
      t4[n++] = m1;
      t4[n++] = v1;
      t4[n++] = m0;
      t4[n++] = m2;
      t4[n++] = v2;
      t4[n++] = m1;
      t4[n++] = m0;
      t4[n++] = m0;
      t4[n++] = m1;
      t4[n++] = m2;
    }
    return Mesh.ofTriangles(out, t4);
  }

  /**
   * Midpoint subdivision of a corner table straight into a new corner table: the children's
   * opposite corners follow from the parent's, with no adjacency search. Deleted triangles and
   * unused vertices are dropped.
   *
   * @param coarse the table to subdivide (not modified)
   * @param parent receives, for each vertex of the result, a vertex of {@code coarse} it came from
   *     (itself, or one end of its edge); length at least the result's vertex count, or null
   * @return the subdivided table
   */
  static CornerTable midpoint(CornerTable coarse, int[][] parent) {
    int slots = coarse.triangleSlots;
    int[] cv = coarse.cv;
    int[] co = coarse.co;
    int[] liveIndex = new int[slots];
    int live = 0;
    for (int t = 0; t < slots; t++) {
      liveIndex[t] = cv[3 * t] < 0 ? -1 : live++;
    }
    int[] vertexIndex = new int[coarse.vertexSlots];
    java.util.Arrays.fill(vertexIndex, -1);
    int nv = 0;
    for (int v = 0; v < coarse.vertexSlots; v++) {
      if (coarse.vc[v] >= 0) {
        vertexIndex[v] = nv++;
      }
    }
    int oldVertices = nv;
    // One new vertex per edge, shared by its two corners.
    int[] edgeVertex = new int[3 * slots];
    for (int c = 0; c < 3 * slots; c++) {
      if (cv[c] < 0) {
        continue;
      }
      int o = co[c];
      edgeVertex[c] = o >= 0 && o < c ? edgeVertex[o] : nv++;
    }
    CornerTable fine = new CornerTable(4 * live + live / 4 + 16, nv + nv / 4 + 16);
    fine.vertexSlots = nv;
    fine.triangleSlots = 4 * live;
    int[] from = new int[nv];
    double[] p = coarse.pos;
    double[] q = fine.pos;
    for (int v = 0; v < coarse.vertexSlots; v++) {
      int n = vertexIndex[v];
      if (n >= 0) {
        q[3 * n] = p[3 * v];
        q[3 * n + 1] = p[3 * v + 1];
        q[3 * n + 2] = p[3 * v + 2];
        fine.boundary[n] = coarse.boundary[v];
        fine.valence[n] = coarse.valence[v];
        from[n] = v;
      }
    }
    int[] fcv = fine.cv;
    int[] fco = fine.co;
    for (int t = 0; t < slots; t++) {
      int lt = liveIndex[t];
      if (lt < 0) {
        continue;
      }
      int c0 = 3 * t;
      int v0 = vertexIndex[cv[c0]];
      int v1 = vertexIndex[cv[c0 + 1]];
      int v2 = vertexIndex[cv[c0 + 2]];
      int m0 = edgeVertex[c0];
      int m1 = edgeVertex[c0 + 1];
      int m2 = edgeVertex[c0 + 2];
      int base = 12 * lt; // first corner of child 0
      set(fcv, base, v0, m2, m1);
      set(fcv, base + 3, v1, m0, m2);
      set(fcv, base + 6, v2, m1, m0);
      set(fcv, base + 9, m0, m1, m2);
      // Inner edges: child k's corner 0 faces the centre child's corner k.
      fco[base] = base + 9;
      fco[base + 9] = base;
      fco[base + 3] = base + 10;
      fco[base + 10] = base + 3;
      fco[base + 6] = base + 11;
      fco[base + 11] = base + 6;
      for (int k = 0; k < 3; k++) {
        // The edge opposite corner k runs from v(k+1) to v(k+2); its half at v(k+1) is corner 2 of
        // child k+1, its half at v(k+2) corner 1 of child k+2.
        int nearStart = base + 3 * ((k + 1) % 3) + 2;
        int nearEnd = base + 3 * ((k + 2) % 3) + 1;
        int o = co[c0 + k];
        if (o < 0) {
          fco[nearStart] = -1;
          fco[nearEnd] = -1;
          int m = edgeVertex[c0 + k];
          fine.boundary[m] = true;
          fine.valence[m] = 4;
          from[m] = cv[CornerTable.next(c0 + k)];
        } else {
          int ot = o / 3;
          int ok = o % 3;
          int obase = 12 * liveIndex[ot];
          fco[nearStart] = obase + 3 * ((ok + 2) % 3) + 1;
          fco[nearEnd] = obase + 3 * ((ok + 1) % 3) + 2;
          int m = edgeVertex[c0 + k];
          if (o > c0 + k) {
            fine.valence[m] = 6;
            from[m] = cv[CornerTable.next(c0 + k)];
          }
        }
      }
      // Each old vertex gains no edges (its edges are halved); anchors:
      fine.vc[v0] = base;
      fine.vc[v1] = base + 3;
      fine.vc[v2] = base + 6;
      fine.vc[m0] = base + 9;
      fine.vc[m1] = base + 10;
      fine.vc[m2] = base + 11;
    }
    for (int c = 0; c < 3 * slots; c++) {
      if (cv[c] < 0) {
        continue;
      }
      int m = edgeVertex[c];
      int b = 3 * cv[CornerTable.next(c)];
      int d = 3 * cv[CornerTable.prev(c)];
      q[3 * m] = 0.5 * (p[b] + p[d]);
      q[3 * m + 1] = 0.5 * (p[b + 1] + p[d + 1]);
      q[3 * m + 2] = 0.5 * (p[b + 2] + p[d + 2]);
    }
    if (parent != null) {
      parent[0] = from;
    }
    assert oldVertices <= nv;
    return fine;
  }

  private static void set(int[] a, int i, int x, int y, int z) {
    a[i] = x;
    a[i + 1] = y;
    a[i + 2] = z;
  }
}
