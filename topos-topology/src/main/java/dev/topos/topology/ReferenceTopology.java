package dev.topos.topology;

import dev.topos.geometry.Mesh;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The studio-style reference head that every topos head shares vertex for vertex: the head and neck
 * of the MakeHuman hm08 body mesh (quads, UVs with their seams), its optional parts (eyeballs, teeth,
 * tongue), per-vertex region labels, the left/right symmetry map, joints and landmark layouts.
 *
 * <p><b>Full vertex array.</b> Shapes of the parametric head space move the head, its parts and the
 * joint helper cubes together. Their vertices are laid out in one array: the head's {@code V}
 * vertices first, then each part's vertices in {@link #parts()} order, then the joint cubes.
 * {@link #fullVertexCount()} is its length in vertices.
 *
 * <p>Positions are metres in the canonical head frame (docs/FRAME.md): +Y up, the face looks
 * along +Z, +X is the head's left, origin at the midpoint of the two eye joints.
 *
 * @param head the head surface at the neutral shape
 * @param regions region of each head vertex, [V]
 * @param mirror symmetric partner of each head vertex, [V] (a vertex on the midline maps to itself)
 * @param parts optional separate parts, in full-array order
 * @param joints joints, each a cube of helper vertices in the full array
 * @param jointCubePositions neutral positions of all joint-cube vertices, [J*8*3]
 * @param landmarks landmark layouts by name (ibug68, mediapipe468)
 * @param sourceVertex for each full-array vertex, its index in the MakeHuman hm08 base mesh
 */
public record ReferenceTopology(
    Mesh head,
    Region[] regions,
    int[] mirror,
    List<Part> parts,
    List<Joint> joints,
    float[] jointCubePositions,
    Map<String, LandmarkSet> landmarks,
    int[] sourceVertex) {

  /** Classpath location of the bundled resource. */
  public static final String RESOURCE = "/dev/topos/topology/reference-head.v1.bin.gz";

  public ReferenceTopology {
    parts = List.copyOf(parts);
    joints = List.copyOf(joints);
    landmarks = Map.copyOf(landmarks);
    int v = head.vertexCount();
    if (regions.length != v || mirror.length != v) {
      throw new IllegalArgumentException("regions/mirror must have one entry per head vertex (" + v + ")");
    }
    int expected = v;
    for (Part p : parts) {
      if (p.firstVertex() != expected) {
        throw new IllegalArgumentException("part " + p.name() + " starts at " + p.firstVertex() + ", expected " + expected);
      }
      expected += p.vertexCount();
    }
    for (Joint j : joints) {
      if (j.firstVertex() != expected) {
        throw new IllegalArgumentException("joint " + j.name() + " starts at " + j.firstVertex() + ", expected " + expected);
      }
      expected += j.vertexCount();
    }
    if (jointCubePositions.length != 3 * (expected - jointsStart(v, parts))) {
      throw new IllegalArgumentException("jointCubePositions has " + jointCubePositions.length + " floats");
    }
    if (sourceVertex.length != expected) {
      throw new IllegalArgumentException("sourceVertex has " + sourceVertex.length + " entries, expected " + expected);
    }
  }

  private static int jointsStart(int headVertices, List<Part> parts) {
    int n = headVertices;
    for (Part p : parts) {
      n += p.vertexCount();
    }
    return n;
  }

  /** Loads the reference topology bundled with topos. */
  public static ReferenceTopology loadBundled() {
    try (InputStream in = ReferenceTopology.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the classpath");
      }
      return ReferenceTopologyFormat.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
    }
  }

  /** Number of head vertices V. */
  public int vertexCount() {
    return head.vertexCount();
  }

  /** Vertices in the full array: head, parts and joint cubes. */
  public int fullVertexCount() {
    return sourceVertex.length;
  }

  /** Index of the first joint-cube vertex in the full array. */
  public int jointsStart() {
    return jointsStart(head.vertexCount(), parts);
  }

  /** The neutral shape as a full-array position vector [N*3]. */
  public float[] neutralFullPositions() {
    float[] out = new float[3 * fullVertexCount()];
    System.arraycopy(head.positions(), 0, out, 0, head.positions().length);
    for (Part p : parts) {
      System.arraycopy(p.mesh().positions(), 0, out, 3 * p.firstVertex(), p.mesh().positions().length);
    }
    System.arraycopy(jointCubePositions, 0, out, 3 * jointsStart(), jointCubePositions.length);
    return out;
  }

  public Optional<Part> part(String name) {
    return parts.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  public Optional<Joint> joint(String name) {
    return joints.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /** The landmark layout of that name; throws with the known names when absent. */
  public LandmarkSet landmarks(String name) {
    LandmarkSet set = landmarks.get(name);
    if (set == null) {
      throw new IllegalArgumentException("unknown landmark layout '" + name + "'; known: " + landmarks.keySet());
    }
    return set;
  }

  /** Boolean mask [V] of the head vertices in a region. */
  public boolean[] regionMask(Region region) {
    return Region.mask(regions, region);
  }

  /** Vertex count per region. */
  public Map<Region, Integer> regionSizes() {
    Map<Region, Integer> sizes = new EnumMap<>(Region.class);
    for (Region r : Region.values()) {
      sizes.put(r, 0);
    }
    for (Region r : regions) {
      sizes.merge(r, 1, Integer::sum);
    }
    return sizes;
  }

  /**
   * Number of landmarks (over all layouts) that are not valid: weights not a convex combination,
   * or a triangle that is not one of the head's (fan-triangulated) faces.
   */
  public int invalidLandmarkCount() {
    int[] tris = head.triangles();
    java.util.Set<Long> triangleKeys = new java.util.HashSet<>();
    for (int i = 0; i < tris.length; i += 3) {
      triangleKeys.add(triangleKey(tris[i], tris[i + 1], tris[i + 2]));
    }
    int bad = 0;
    for (LandmarkSet set : landmarks.values()) {
      for (SurfacePoint p : set.points()) {
        if (!p.hasValidWeights() || !triangleKeys.contains(triangleKey(p.a(), p.b(), p.c()))) {
          bad++;
        }
      }
    }
    return bad;
  }

  private static long triangleKey(int a, int b, int c) {
    int lo = Math.min(a, Math.min(b, c));
    int hi = Math.max(a, Math.max(b, c));
    int mid = a + b + c - lo - hi;
    return ((long) lo << 42) | ((long) mid << 21) | hi;
  }
}
