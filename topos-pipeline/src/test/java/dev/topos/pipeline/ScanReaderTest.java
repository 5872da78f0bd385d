package dev.topos.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.export.ExportMesh;
import dev.topos.export.GlbWriter;
import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.geometry.io.MeshFormatException;
import dev.topos.geometry.io.ObjReader;
import dev.topos.geometry.io.ObjWriter;
import dev.topos.geometry.io.PlyFormat;
import dev.topos.geometry.io.PlyWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scan files of every kind become the same points for the same seed, with normals. */
class ScanReaderTest {
  @TempDir
  Path dir;

  /** An axis-aligned cube of side 2 around the origin, six quads. */
  static Mesh cube() {
    float[] p = new float[24];
    for (int i = 0; i < 8; i++) {
      p[3 * i] = (i & 1) == 0 ? -1 : 1;
      p[3 * i + 1] = (i & 2) == 0 ? -1 : 1;
      p[3 * i + 2] = (i & 4) == 0 ? -1 : 1;
    }
    int[] quads = {0, 2, 3, 1, 4, 5, 7, 6, 0, 1, 5, 4, 2, 6, 7, 3, 0, 4, 6, 2, 1, 3, 7, 5};
    return Mesh.of(p, new int[] {0, 4, 8, 12, 16, 20, 24}, quads);
  }

  /** n points spread evenly over the unit sphere (Fibonacci lattice). */
  static float[] spherePoints(int n) {
    float[] p = new float[3 * n];
    double golden = Math.PI * (3 - Math.sqrt(5));
    for (int i = 0; i < n; i++) {
      double y = 1 - 2 * (i + 0.5) / n;
      double r = Math.sqrt(1 - y * y);
      p[3 * i] = (float) (r * Math.cos(golden * i));
      p[3 * i + 1] = (float) y;
      p[3 * i + 2] = (float) (r * Math.sin(golden * i));
    }
    return p;
  }

  static String asciiPly(float[] points) {
    StringBuilder sb = new StringBuilder("ply\nformat ascii 1.0\nelement vertex " + points.length / 3
        + "\nproperty float x\nproperty float y\nproperty float z\nend_header\n");
    for (int i = 0; i < points.length; i += 3) {
      sb.append(String.format(Locale.ROOT, "%.7f %.7f %.7f%n", points[i], points[i + 1], points[i + 2]));
    }
    return sb.toString();
  }

  @Test
  void aMeshIsSampledByAreaToTheSamePointsForTheSameSeed() throws IOException {
    Path obj = dir.resolve("cube.obj");
    ObjWriter.write(cube(), obj);
    PointCloud a = ScanReader.read(obj, 7);
    assertEquals(ScanReader.SAMPLES, a.size());
    assertTrue(a.hasNormals());
    assertEquals(a, ScanReader.read(obj, 7));
    assertFalse(Arrays.equals(a.positions(), ScanReader.read(obj, 8).positions()));
    // Exactly the area sampler's points (what topos retopo always used), so old results reproduce.
    PointCloud direct = new SurfaceSampler(ObjReader.read(obj)).samplePoints(ScanReader.SAMPLES, 7,
        SurfaceSampler.NormalMode.INTERPOLATED);
    assertArrayEquals(direct.positions(), a.positions());
    assertArrayEquals(direct.normals(), a.normals());
    for (int i = 0; i < a.size(); i++) { // every point on the cube's surface: one coordinate at +-1
      float m = Math.max(Math.abs(a.positions()[3 * i]),
          Math.max(Math.abs(a.positions()[3 * i + 1]), Math.abs(a.positions()[3 * i + 2])));
      assertEquals(1f, m, 1e-6f, "point " + i);
    }
  }

  @Test
  void aGlbMeshIsSampledLikeTheSameMeshInObj() throws IOException {
    Path glb = dir.resolve("cube.glb");
    GlbWriter.write(glb, List.of(new ExportMesh("cube", cube())));
    PointCloud a = ScanReader.read(glb, 3);
    assertEquals(ScanReader.SAMPLES, a.size());
    assertEquals(a, ScanReader.read(glb, 3));
    float[] b = new float[6];
    for (int i = 0; i < 3 * a.size(); i += 3) {
      for (int c = 0; c < 3; c++) {
        b[c] = Math.min(b[c], a.positions()[i + c]);
        b[c + 3] = Math.max(b[c + 3], a.positions()[i + c]);
      }
    }
    assertArrayEquals(new float[] {-1, -1, -1, 1, 1, 1}, b, 1e-3f);
  }

  /** A binary STL of the mesh's fan triangles, corners written out per triangle as STL does. */
  static byte[] binaryStl(Mesh m) {
    int[] tri = m.triangles();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(84 + 50 * tri.length / 3).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[80]).putInt(tri.length / 3);
    for (int t = 0; t < tri.length; t += 3) {
      b.putFloat(0).putFloat(0).putFloat(0);
      for (int k = 0; k < 3; k++) {
        for (int c = 0; c < 3; c++) {
          b.putFloat(m.positions()[3 * tri[t + k] + c]);
        }
      }
      b.putShort((short) 0);
    }
    return b.array();
  }

  @Test
  void anStlMeshGivesTheSamePointsAsTheSameMeshInObj() throws IOException {
    Path obj = dir.resolve("cube.obj");
    ObjWriter.write(cube(), obj);
    Path stl = dir.resolve("cube.stl");
    Files.write(stl, binaryStl(cube()));
    assertEquals(ScanReader.read(obj, 5), ScanReader.read(stl, 5), "welded, the STL's vertex normals are the OBJ's");
    // The same triangles as a soup in OBJ (three vertices of its own per triangle) are joined too.
    Mesh fan = Mesh.ofTriangles(cube().positions(), cube().triangles());
    int[] tri = fan.triangles();
    float[] soup = new float[3 * tri.length];
    int[] corners = new int[tri.length];
    for (int c = 0; c < tri.length; c++) {
      System.arraycopy(fan.positions(), 3 * tri[c], soup, 3 * c, 3);
      corners[c] = c;
    }
    Path soupObj = dir.resolve("soup.obj");
    ObjWriter.write(Mesh.ofTriangles(soup, corners), soupObj);
    assertEquals(ScanReader.read(stl, 5), ScanReader.read(soupObj, 5));
  }

  @Test
  void anAsciiPointCloudGivesThePointsOfTheSameCloudInPly() throws IOException {
    float[] sphere = spherePoints(600);
    Path ply = dir.resolve("sphere.ply");
    Files.writeString(ply, asciiPly(sphere));
    Path xyz = dir.resolve("sphere.xyz");
    String points = asciiPly(sphere);
    Files.writeString(xyz, points.substring(points.indexOf("end_header\n") + "end_header\n".length()));
    PointCloud a = ScanReader.read(xyz, 2);
    assertFalse(a.hasNormals());
    assertEquals(ScanReader.read(ply, 2), a);
    Path fbx = dir.resolve("scan.fbx");
    Files.writeString(fbx, "x");
    assertEquals(fbx + ": unsupported scan file type (use " + ScanReader.TYPES + ")",
        assertThrows(IllegalArgumentException.class, () -> ScanReader.read(fbx, 0)).getMessage());
  }

  @Test
  void aPointCloudWithoutNormalsComesBackWithoutAndThePreparationEstimatesThem() throws IOException {
    float[] sphere = spherePoints(600);
    Path ply = dir.resolve("sphere.ply");
    Files.writeString(ply, asciiPly(sphere));
    PointCloud c = ScanReader.read(ply, 0);
    assertEquals(600, c.size());
    assertArrayEquals(sphere, c.positions(), 1e-6f); // fewer than SAMPLES: all kept, in order
    assertFalse(c.hasNormals());
    float[] scaled = sphere.clone(); // a 0.2 m ball, head-sized
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] *= 0.1f;
    }
    ScanRetopologizer.PreparedScan prepared = ScanRetopologizer.prepare(new PointCloud(scaled, null),
        ScanRetopologizer.Options.DEFAULT.withUnits(dev.topos.topology.scan.Units.M));
    assertTrue(prepared.normalsEstimated());
    float[] n = prepared.conditioned().normals();
    float[] p = prepared.conditioned().positions();
    for (int i = 0; i < c.size(); i++) {
      double len = Math.sqrt(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2]);
      assertEquals(1.0, len, 1e-5, "normal " + i);
      // On a ball centred at the origin the true normal is the point's direction.
      double dot = (n[3 * i] * p[3 * i] + n[3 * i + 1] * p[3 * i + 1] + n[3 * i + 2] * p[3 * i + 2]) / 0.1;
      assertTrue(dot > 0.95, "normal " + i + " not radial: " + dot);
    }
  }

  @Test
  void aPointCloudThatRepeatsPointsComesBackWithEachOnce() throws IOException {
    float[] sphere = spherePoints(600);
    float[] thrice = new float[3 * sphere.length]; // every point three times, as a mesh's vertices split at seams
    for (int copy = 0; copy < 3; copy++) {
      System.arraycopy(sphere, 0, thrice, copy * sphere.length, sphere.length);
    }
    Path ply = dir.resolve("thrice.ply");
    Files.writeString(ply, asciiPly(thrice));
    PointCloud c = ScanReader.read(ply, 0);
    assertEquals(600, c.size());
    assertArrayEquals(sphere, c.positions(), 1e-6f); // the first of each, in order
  }

  /** A large cloud without normals keeps more points, for the estimate; the preparation keeps SAMPLES of them, with normals. */
  @Test
  void aLargeCloudWithoutNormalsKeepsMorePointsForTheirEstimate() throws IOException {
    int n = 5 * ScanReader.SAMPLES;
    float[] p = spherePoints(n);
    for (int i = 0; i < p.length; i++) {
      p[i] *= 0.1f; // a 0.2 m ball
    }
    Path ply = dir.resolve("big.ply");
    Files.writeString(ply, asciiPly(p));
    PointCloud c = ScanReader.read(ply, 4);
    assertEquals(ScanReader.ESTIMATION_SAMPLES, c.size());
    assertFalse(c.hasNormals());
    ScanRetopologizer.PreparedScan prepared = ScanRetopologizer.prepare(c,
        ScanRetopologizer.Options.DEFAULT.withUnits(dev.topos.topology.scan.Units.M).withSeed(4));
    assertEquals(ScanReader.SAMPLES, prepared.conditioned().size());
    assertEquals(ScanReader.SAMPLES, prepared.example().pointCount());
    assertTrue(prepared.normalsEstimated());
  }

  @Test
  void aLargePointCloudKeepsDistinctInputPointsWithTheirNormals() throws IOException {
    int n = 3 * ScanReader.SAMPLES;
    float[] p = spherePoints(n);
    float[] normals = new float[3 * n];
    for (int i = 0; i < n; i++) {
      normals[3 * i] = i; // a normal that names its point, to check the pairing survives
    }
    Path ply = dir.resolve("big.ply");
    PlyWriter.write(new PointCloud(p, normals), ply, PlyFormat.BINARY_LITTLE_ENDIAN);
    PointCloud a = ScanReader.read(ply, 5);
    assertEquals(ScanReader.SAMPLES, a.size());
    assertEquals(a, ScanReader.read(ply, 5));
    assertFalse(Arrays.equals(a.positions(), ScanReader.read(ply, 6).positions()));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      int source = (int) a.normals()[3 * i];
      assertTrue(seen.add(source), "point " + source + " drawn twice");
      assertArrayEquals(Arrays.copyOfRange(p, 3 * source, 3 * source + 3), Arrays.copyOfRange(a.positions(), 3 * i, 3 * i + 3));
    }
  }

  @Test
  void emptyDegenerateAndFlatMeshesAreRefusedNamingTheProblem() throws IOException {
    Path empty = dir.resolve("empty.obj");
    Files.writeString(empty, "# nothing\n");
    assertTrue(assertThrows(MeshFormatException.class, () -> ScanReader.read(empty, 0)).getMessage()
        .contains("empty.obj"));
    Path point = dir.resolve("point.obj");
    Files.writeString(point, "v 1 2 3\nv 1 2 3\nv 1 2 3\nf 1 2 3\n");
    assertEquals("input mesh is degenerate (all vertices coincide)",
        assertThrows(IllegalArgumentException.class, () -> ScanReader.read(point, 0)).getMessage());
    Path line = dir.resolve("line.obj");
    Files.writeString(line, "v 0 0 0\nv 1 0 0\nv 2 0 0\nf 1 2 3\n");
    String flat = assertThrows(IllegalArgumentException.class, () -> ScanReader.read(line, 0)).getMessage();
    assertTrue(flat.contains("no finite surface area"), flat);
  }
}
