package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import java.util.Arrays;

/**
 * A mutable, consistently oriented manifold triangle mesh as a corner table (Rossignac): corner
 * {@code c = 3 t + k} is corner k of triangle t, {@link #cv} its vertex and {@link #co} the corner
 * across the edge opposite it ({@code -1} on a boundary). The edge "opposite corner c" joins the
 * vertices of {@link #next(int)} and {@link #prev(int)}.
 *
 * <p>Supports the local operations of remeshing and decimation in O(1) or O(valence) each: edge
 * split, edge flip and edge collapse. Deleted triangles keep their slot ({@code cv[3t] = -1});
 * {@link #toMesh()} compacts. Positions are metres, in double precision while the mesh is edited.
 * Not thread-safe; one instance per operation.
 */
final class CornerTable {
  /** Vertex of each corner, [3 * triangle capacity]; -1 in all three corners of a deleted triangle. */
  int[] cv;
  /** Opposite corner of each corner, -1 across a boundary edge. */
  int[] co;
  /** Number of triangle slots in use (live and deleted). */
  int triangleSlots;
  /** Vertex positions, [3 * vertex capacity], metres. */
  double[] pos;
  /** One live corner of each vertex, or -1 for a removed or isolated vertex. */
  int[] vc;
  /** Number of vertex slots in use. */
  int vertexSlots;
  /** Whether each vertex lies on a boundary edge; kept up to date by every operation. */
  boolean[] boundary;
  /** Number of edges at each vertex; kept up to date by every operation. */
  int[] valence;
  private int[] mark;
  private int stamp;

  private int[] starBuffer = new int[32];

  CornerTable(int triangleCapacity, int vertexCapacity) {
    cv = new int[3 * Math.max(4, triangleCapacity)];
    co = new int[cv.length];
    pos = new double[3 * Math.max(4, vertexCapacity)];
    vc = new int[Math.max(4, vertexCapacity)];
    boundary = new boolean[vc.length];
    valence = new int[vc.length];
    mark = new int[vc.length];
  }

  /**
   * Builds the table of a triangle list. Edges shared by more than two triangles, or by two
   * triangles of opposite orientation, are treated as boundary edges on every side.
   *
   * @param positions [V*3], metres
   * @param triangles [T*3] vertex indices, counter-clockwise seen from outside
   */
  static CornerTable of(float[] positions, int[] triangles) {
    int v = positions.length / 3;
    int t = triangles.length / 3;
    CornerTable m = new CornerTable(t + t / 4 + 16, v + v / 4 + 16);
    for (int i = 0; i < positions.length; i++) {
      m.pos[i] = positions[i];
    }
    m.vertexSlots = v;
    System.arraycopy(triangles, 0, m.cv, 0, triangles.length);
    m.triangleSlots = t;
    m.linkOpposites();
    return m;
  }

  /** Recomputes {@link #co} and {@link #vc} from {@link #cv} (vertex-star CSR, no sorting). */
  void linkOpposites() {
    int corners = 3 * triangleSlots;
    int[] start = new int[vertexSlots + 1];
    for (int c = 0; c < corners; c++) {
      if (cv[c] >= 0) {
        start[cv[c] + 1]++;
      }
    }
    for (int i = 0; i < vertexSlots; i++) {
      start[i + 1] += start[i];
    }
    int[] fill = Arrays.copyOf(start, vertexSlots);
    int[] star = new int[start[vertexSlots]];
    for (int c = 0; c < corners; c++) {
      if (cv[c] >= 0) {
        star[fill[cv[c]]++] = c;
      }
    }
    Arrays.fill(co, 0, corners, -1);
    for (int c = 0; c < corners; c++) {
      if (cv[c] < 0) {
        continue;
      }
      int u = cv[next(c)];
      int w = cv[prev(c)];
      // Twin half-edge w -> u: a corner d at w whose next vertex is u; its opposite corner is
      // prev(d). Two candidates (a non-manifold edge) leave it open; so does a one-sided match
      // (caught by the mutual check below).
      int found = -1;
      int count = 0;
      for (int s = start[w]; s < start[w + 1]; s++) {
        int d = star[s];
        if (cv[next(d)] == u) {
          found = prev(d);
          count++;
        }
      }
      co[c] = count == 1 ? found : -1;
    }
    for (int c = 0; c < corners; c++) {
      if (co[c] >= 0 && co[co[c]] != c) {
        co[c] = -1;
      }
    }
    Arrays.fill(boundary, 0, vertexSlots, false);
    Arrays.fill(valence, 0, vertexSlots, 0);
    for (int c = 0; c < corners; c++) {
      if (cv[c] < 0 || co[c] >= 0 && co[c] < c) {
        continue;
      }
      int b = cv[next(c)];
      int d = cv[prev(c)];
      valence[b]++;
      valence[d]++;
      if (co[c] < 0) {
        boundary[b] = true;
        boundary[d] = true;
      }
    }
    Arrays.fill(vc, 0, vertexSlots, -1);
    for (int c = 0; c < corners; c++) {
      if (cv[c] >= 0) {
        int v = cv[c];
        // Prefer a corner whose incoming edge is a boundary, so a swing from it covers the whole fan.
        if (vc[v] < 0 || co[next(c)] < 0) {
          vc[v] = c;
        }
      }
    }
  }

  static int next(int c) {
    return c % 3 == 2 ? c - 2 : c + 1;
  }

  static int prev(int c) {
    return c % 3 == 0 ? c + 2 : c - 1;
  }

  boolean isDeleted(int t) {
    return cv[3 * t] < 0;
  }

  int addVertex(double x, double y, double z) {
    if (vertexSlots == vc.length) {
      int cap = vc.length * 2;
      vc = Arrays.copyOf(vc, cap);
      pos = Arrays.copyOf(pos, 3 * cap);
      boundary = Arrays.copyOf(boundary, cap);
      valence = Arrays.copyOf(valence, cap);
      mark = Arrays.copyOf(mark, cap);
    }
    int v = vertexSlots++;
    boundary[v] = false;
    valence[v] = 0;
    mark[v] = 0;
    pos[3 * v] = x;
    pos[3 * v + 1] = y;
    pos[3 * v + 2] = z;
    vc[v] = -1;
    return v;
  }

  private int addTriangle(int a, int b, int c) {
    if (3 * triangleSlots == cv.length) {
      cv = Arrays.copyOf(cv, cv.length * 2);
      co = Arrays.copyOf(co, co.length * 2);
    }
    int t = triangleSlots++;
    cv[3 * t] = a;
    cv[3 * t + 1] = b;
    cv[3 * t + 2] = c;
    co[3 * t] = -1;
    co[3 * t + 1] = -1;
    co[3 * t + 2] = -1;
    return t;
  }

  private void link(int a, int b) {
    if (a >= 0) {
      co[a] = b;
    }
    if (b >= 0) {
      co[b] = a;
    }
  }

  /** Squared length of the edge opposite corner c, m^2. */
  double edgeLengthSquared(int c) {
    return distanceSquared(cv[next(c)], cv[prev(c)]);
  }

  double distanceSquared(int a, int b) {
    double dx = pos[3 * a] - pos[3 * b];
    double dy = pos[3 * a + 1] - pos[3 * b + 1];
    double dz = pos[3 * a + 2] - pos[3 * b + 2];
    return dx * dx + dy * dy + dz * dz;
  }

  /**
   * The corners at vertex v, in fan order; a boundary vertex's fan is walked from one boundary
   * edge to the other. The returned buffer is reused by the next call.
   *
   * @return the buffer; the count is in {@code buffer[0]}, the corners follow
   */
  int[] star(int v) {
    int start = vc[v];
    int n = 0;
    if (start < 0) {
      starBuffer[0] = 0;
      return starBuffer;
    }
    // Swing one way: across the edge (v, next vertex).
    int c = start;
    boolean closed = false;
    while (true) {
      n = push(n, c);
      int o = co[prev(c)];
      if (o < 0) {
        break;
      }
      c = prev(o);
      if (c == start) {
        closed = true;
        break;
      }
      if (n > 4096) {
        throw new IllegalStateException("corrupt vertex fan at " + v);
      }
    }
    if (!closed) {
      // Other way from the start corner, to the other boundary edge.
      c = start;
      while (true) {
        int o = co[next(c)];
        if (o < 0) {
          break;
        }
        c = next(o);
        n = push(n, c);
        if (n > 4096) {
          throw new IllegalStateException("corrupt vertex fan at " + v);
        }
      }
    }
    starBuffer[0] = n;
    return starBuffer;
  }

  private int push(int n, int c) {
    if (n + 2 > starBuffer.length) {
      starBuffer = Arrays.copyOf(starBuffer, starBuffer.length * 2);
    }
    starBuffer[n + 1] = c;
    return n + 1;
  }

  /** Whether vertex v lies on a boundary edge. */
  boolean isBoundary(int v) {
    return boundary[v];
  }

  /** Number of edges at vertex v. */
  int valence(int v) {
    return valence[v];
  }

  /** Whether an edge joins a and b. */
  boolean adjacent(int a, int b) {
    int[] s = star(a);
    for (int i = 1; i <= s[0]; i++) {
      int c = s[i];
      if (cv[next(c)] == b || cv[prev(c)] == b) {
        return true;
      }
    }
    return false;
  }

  /** The corner at a whose next vertex is b (the half-edge a -> b), or -1. */
  int halfEdge(int a, int b) {
    int[] s = star(a);
    for (int i = 1; i <= s[0]; i++) {
      if (cv[next(s[i])] == b) {
        return s[i];
      }
    }
    return -1;
  }

  /**
   * Splits the edge opposite corner c at a new vertex (x, y, z): its one or two triangles become
   * two or four.
   *
   * @return the new vertex
   */
  int splitEdge(int c, double x, double y, double z) {
    int c1 = next(c);
    int c2 = prev(c);
    int a = cv[c];
    int b = cv[c1];
    int d = cv[c2];
    int o = co[c];
    int x1 = co[c1];
    int m = addVertex(x, y, z);
    // t = (a, b, m), t1 = (a, m, d)
    int t1 = addTriangle(a, m, d);
    int k0 = 3 * t1;
    int k1 = k0 + 1;
    int k2 = k0 + 2;
    cv[c2] = m;
    link(k1, x1);
    link(k2, c1);
    vc[m] = c2;
    if (vc[d] == c2) {
      vc[d] = k2;
    }
    valence[a]++;
    if (o < 0) {
      co[c] = -1;
      co[k0] = -1;
      boundary[m] = true;
      valence[m] = 3;
      return m;
    }
    valence[m] = 4;
    int o1 = next(o);
    int o2 = prev(o);
    int e = cv[o];
    int y1 = co[o1];
    // o-triangle (e, d, b) -> (e, d, m), t2 = (e, m, b)
    int t2 = addTriangle(e, m, b);
    int j0 = 3 * t2;
    int j1 = j0 + 1;
    int j2 = j0 + 2;
    cv[o2] = m;
    link(c, j0);
    link(k0, o);
    link(j1, y1);
    link(j2, o1);
    if (vc[b] == o2) {
      vc[b] = j2;
    }
    valence[e]++;
    return m;
  }

  /**
   * Whether flipping the edge opposite c is topologically legal: interior edge, the new edge does
   * not exist yet, and both old endpoints keep at least three edges.
   */
  boolean canFlip(int c) {
    int o = co[c];
    if (o < 0) {
      return false;
    }
    int a = cv[c];
    int e = cv[o];
    if (a == e || adjacent(a, e)) {
      return false;
    }
    return valence(cv[next(c)]) > 3 && valence(cv[prev(c)]) > 3;
  }

  /** Flips the interior edge opposite c: triangles (a, b, d), (e, d, b) become (a, b, e), (e, d, a). */
  void flip(int c) {
    int c1 = next(c);
    int c2 = prev(c);
    int o = co[c];
    int o1 = next(o);
    int o2 = prev(o);
    int a = cv[c];
    int b = cv[c1];
    int d = cv[c2];
    int e = cv[o];
    int x1 = co[c1];
    int y1 = co[o1];
    cv[c2] = e;
    cv[o2] = a;
    link(c, y1);
    link(c1, o1);
    link(o, x1);
    if (vc[b] == o2) {
      vc[b] = c1;
    }
    if (vc[d] == c2) {
      vc[d] = o1;
    }
    valence[a]++;
    valence[e]++;
    valence[b]--;
    valence[d]--;
  }

  /**
   * Whether collapsing the edge opposite c, removing vertex {@code remove} and keeping vertex
   * {@code keep}, keeps the mesh a manifold: the link condition, no interior edge between two
   * boundary vertices, no interior vertex left with fewer than three edges, no triangle with two
   * boundary edges.
   */
  boolean canCollapse(int c, int keep, int remove) {
    int o = co[c];
    boolean boundaryEdge = o < 0;
    if (boundary[remove] && !boundary[keep] || !boundaryEdge && boundary[keep] && boundary[remove]) {
      return false;
    }
    int x = cv[c];
    int y = boundaryEdge ? -1 : cv[o];
    if (!glueable(c) || !boundaryEdge && !glueable(o)) {
      return false;
    }
    if (!boundary[x] && valence[x] <= 3 || y >= 0 && !boundary[y] && valence[y] <= 3) {
      return false;
    }
    // Link condition: the common neighbours of keep and remove are exactly x (and y).
    int st = ++stamp;
    int[] s = star(keep);
    for (int i = s[0]; i >= 1; i--) {
      mark[cv[next(s[i])]] = st;
      mark[cv[prev(s[i])]] = st;
    }
    s = star(remove);
    for (int i = s[0]; i >= 1; i--) {
      int w1 = cv[next(s[i])];
      int w2 = cv[prev(s[i])];
      if (mark[w1] == st && w1 != keep && w1 != x && w1 != y
          || mark[w2] == st && w2 != keep && w2 != x && w2 != y) {
        return false;
      }
    }
    return true;
  }

  /** Whether the two other edges of corner c's triangle can be glued together (not both open, not one triangle). */
  private boolean glueable(int c) {
    int p = co[next(c)];
    int q = co[prev(c)];
    if (p < 0 && q < 0) {
      return false;
    }
    return p < 0 || q < 0 || p / 3 != q / 3;
  }

  /**
   * Collapses the edge opposite corner c: vertex {@code remove} (one end of the edge) merges into
   * {@code keep} (the other end), whose position stays as it is. The one or two triangles on the
   * edge are deleted and their other edges glued. Call {@link #canCollapse} first.
   */
  void collapse(int c, int keep, int remove) {
    int[] s = star(remove);
    int n = s[0];
    if (collapseBuffer.length < n) {
      collapseBuffer = new int[2 * n];
    }
    System.arraycopy(s, 1, collapseBuffer, 0, n);
    int o = co[c];
    valence[keep] += valence[remove] - (o >= 0 ? 4 : 3);
    valence[cv[c]]--;
    if (o >= 0) {
      valence[cv[o]]--;
    }
    deleteAndGlue(c, keep);
    if (o >= 0) {
      deleteAndGlue(o, keep);
    }
    for (int i = 0; i < n; i++) {
      int corner = collapseBuffer[i];
      if (cv[corner] == remove) {
        cv[corner] = keep;
        vc[keep] = corner;
      }
    }
    vc[remove] = -1;
    boundary[remove] = false;
    valence[remove] = 0;
  }

  private int[] collapseBuffer = new int[64];

  /** Deletes corner c's triangle, gluing its two edges other than the one opposite c. */
  private void deleteAndGlue(int c, int keep) {
    int x = cv[c];
    int p = co[next(c)];
    int q = co[prev(c)];
    int t = c / 3;
    int b = cv[next(c)];
    int d = cv[prev(c)];
    for (int k = 0; k < 3; k++) {
      cv[3 * t + k] = -1;
      co[3 * t + k] = -1;
    }
    link(p, q);
    if (p < 0 && q >= 0) {
      co[q] = -1;
    }
    // Re-anchor the triangle's vertices at live corners of the glued neighbours.
    int r = p >= 0 ? p : q;
    int v0 = cv[next(r)];
    int v1 = cv[prev(r)];
    if (vc[x] >= 0 && vc[x] / 3 == t) {
      vc[x] = v0 == x ? next(r) : prev(r);
    }
    if (vc[b] >= 0 && vc[b] / 3 == t) {
      vc[b] = anchorIn(p, q, b);
    }
    if (vc[d] >= 0 && vc[d] / 3 == t) {
      vc[d] = anchorIn(p, q, d);
    }
    if (vc[keep] >= 0 && vc[keep] / 3 == t) {
      vc[keep] = anchorIn(p, q, keep);
    }
    assert v0 == x || v1 == x;
  }

  /** A corner at v in the triangle of p or of q (the remove vertex is fixed up by the caller). */
  private int anchorIn(int p, int q, int v) {
    for (int r : new int[] {p, q}) {
      if (r >= 0) {
        if (cv[next(r)] == v) {
          return next(r);
        }
        if (cv[prev(r)] == v) {
          return prev(r);
        }
      }
    }
    return -1;
  }

  /** The mesh of the live triangles and the vertices they use (in slot order), as float positions. */
  Mesh toMesh() {
    int[] remap = new int[vertexSlots];
    int live = 0;
    for (int t = 0; t < triangleSlots; t++) {
      if (cv[3 * t] >= 0) {
        live++;
        remap[cv[3 * t]] = 1;
        remap[cv[3 * t + 1]] = 1;
        remap[cv[3 * t + 2]] = 1;
      }
    }
    int nv = 0;
    for (int v = 0; v < vertexSlots; v++) {
      remap[v] = remap[v] == 1 ? nv++ : -1;
    }
    float[] p = new float[3 * nv];
    for (int v = 0; v < vertexSlots; v++) {
      if (remap[v] >= 0) {
        int r = 3 * remap[v];
        p[r] = (float) pos[3 * v];
        p[r + 1] = (float) pos[3 * v + 1];
        p[r + 2] = (float) pos[3 * v + 2];
      }
    }
    int[] tris = new int[3 * live];
    int i = 0;
    for (int t = 0; t < triangleSlots; t++) {
      if (cv[3 * t] >= 0) {
        tris[i++] = remap[cv[3 * t]];
        tris[i++] = remap[cv[3 * t + 1]];
        tris[i++] = remap[cv[3 * t + 2]];
      }
    }
    return Mesh.ofTriangles(p, tris);
  }

  /** Unit normal of triangle t into out[0..2]; returns twice its area (0 for a degenerate one). */
  double triangleNormal(int t, double[] out) {
    int a = 3 * cv[3 * t];
    int b = 3 * cv[3 * t + 1];
    int c = 3 * cv[3 * t + 2];
    return normal(a, b, c, out);
  }

  /** Unit normal of the triangle of vertex slots (3a, 3b, 3c) into out; returns twice its area. */
  double normal(int a, int b, int c, double[] out) {
    double ux = pos[b] - pos[a];
    double uy = pos[b + 1] - pos[a + 1];
    double uz = pos[b + 2] - pos[a + 2];
    double vx = pos[c] - pos[a];
    double vy = pos[c + 1] - pos[a + 1];
    double vz = pos[c + 2] - pos[a + 2];
    double nx = uy * vz - uz * vy;
    double ny = uz * vx - ux * vz;
    double nz = ux * vy - uy * vx;
    double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
    if (len > 0) {
      out[0] = nx / len;
      out[1] = ny / len;
      out[2] = nz / len;
    } else {
      out[0] = 0;
      out[1] = 0;
      out[2] = 0;
    }
    return len;
  }

  /**
   * Whether flipping the interior edge opposite c keeps the surface well shaped: the two new
   * triangles are not degenerate and both face the same way as the old pair (within
   * {@code minCos}, the cosine of the largest normal change allowed).
   */
  boolean flipKeepsShape(int c, double minCos) {
    int o = co[c];
    int a = 3 * cv[c];
    int b = 3 * cv[next(c)];
    int d = 3 * cv[prev(c)];
    int e = 3 * cv[o];
    double[] n1 = scratchA;
    double[] n2 = scratchB;
    double l1 = normal(a, b, d, n1);
    double l2 = normal(e, d, b, n2);
    double mx = n1[0] + n2[0];
    double my = n1[1] + n2[1];
    double mz = n1[2] + n2[2];
    if (n1[0] * n2[0] + n1[1] * n2[1] + n1[2] * n2[2] < minCos) {
      return false; // a crease: flipping would cut it
    }
    double[] m1 = scratchC;
    double[] m2 = scratchD;
    double k1 = normal(a, b, e, m1);
    double k2 = normal(e, d, a, m2);
    double old = Math.min(l1, l2);
    if (k1 < 1e-3 * old || k2 < 1e-3 * old || k1 == 0 || k2 == 0) {
      return false;
    }
    double len = Math.sqrt(mx * mx + my * my + mz * mz);
    double d1 = (m1[0] * mx + m1[1] * my + m1[2] * mz) / len;
    double d2 = (m2[0] * mx + m2[1] * my + m2[2] * mz) / len;
    return d1 >= minCos && d2 >= minCos && m1[0] * m2[0] + m1[1] * m2[1] + m1[2] * m2[2] >= minCos;
  }

  private final double[] scratchA = new double[3];
  private final double[] scratchB = new double[3];
  private final double[] scratchC = new double[3];
  private final double[] scratchD = new double[3];

  /** Number of live triangles. */
  int liveTriangles() {
    int n = 0;
    for (int t = 0; t < triangleSlots; t++) {
      if (cv[3 * t] >= 0) {
        n++;
      }
    }
    return n;
  }

  /**
   * Checks every invariant (opposites mutual and matching, anchors live, valence and boundary
   * flags as recomputed); for tests.
   *
   * @return null if consistent, else a description of the first problem
   */
  String check() {
    int corners = 3 * triangleSlots;
    for (int c = 0; c < corners; c++) {
      if (cv[c] < 0) {
        continue;
      }
      int o = co[c];
      if (o >= 0) {
        if (cv[o] < 0 || co[o] != c) {
          return "corner " + c + ": opposite " + o + " not mutual";
        }
        if (cv[next(c)] != cv[prev(o)] || cv[prev(c)] != cv[next(o)]) {
          return "corner " + c + ": opposite " + o + " does not share the edge";
        }
      }
      if (cv[c] == cv[next(c)] || cv[c] == cv[prev(c)] || cv[next(c)] == cv[prev(c)]) {
        return "triangle " + c / 3 + " is degenerate";
      }
    }
    int[] val = new int[vertexSlots];
    boolean[] bnd = new boolean[vertexSlots];
    boolean[] used = new boolean[vertexSlots];
    int[] cornerCount = new int[vertexSlots];
    for (int c = 0; c < corners; c++) {
      if (cv[c] < 0) {
        continue;
      }
      used[cv[c]] = true;
      cornerCount[cv[c]]++;
      if (co[c] >= 0 && co[c] < c) {
        continue;
      }
      val[cv[next(c)]]++;
      val[cv[prev(c)]]++;
      if (co[c] < 0) {
        bnd[cv[next(c)]] = true;
        bnd[cv[prev(c)]] = true;
      }
    }
    for (int v = 0; v < vertexSlots; v++) {
      if (!used[v]) {
        if (vc[v] >= 0) {
          return "vertex " + v + " is unused but anchored at " + vc[v];
        }
        continue;
      }
      if (vc[v] < 0 || cv[vc[v]] != v) {
        return "vertex " + v + " has a bad anchor " + vc[v];
      }
      if (val[v] != valence[v]) {
        return "vertex " + v + " valence " + valence[v] + ", recomputed " + val[v];
      }
      if (bnd[v] != boundary[v]) {
        return "vertex " + v + " boundary flag " + boundary[v] + ", recomputed " + bnd[v];
      }
      int[] s = star(v);
      int count = cornerCount[v];
      if (s[0] != count) {
        return "vertex " + v + " fan has " + s[0] + " of its " + count + " corners (non-manifold)";
      }
    }
    return null;
  }
}
