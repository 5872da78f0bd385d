package dev.topos.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.nn.vae.TopoVae;
import dev.topos.nn.vae.VaeConfig;
import dev.topos.pipeline.ScanRetopologizer.Options;
import dev.topos.pipeline.ScanRetopologizer.Result;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.Units;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The facade with an untrained cpu-small model: its answer is no head yet, but the mapping back to
 * the scan's axes and units, the topology of the output and the bookkeeping do not depend on training.
 */
class ScanRetopologizerTest {
  static ReferenceTopology topology;
  static TopoVae vae;
  static ScanRetopologizer retopologizer;
  static PointCloud scan; // the reference head's surface: metres, +Y up, face along +Z

  @BeforeAll
  static void build() {
    topology = ReferenceTopology.loadBundled();
    vae = TopoVae.create(VaeConfig.cpuSmall().withPoints(512), topology.head(), 3); // fewer points: a faster encoder
    retopologizer = new ScanRetopologizer(vae, topology);
    scan = new SurfaceSampler(topology.head()).samplePoints(3000, 1, SurfaceSampler.NormalMode.INTERPOLATED);
  }

  @AfterAll
  static void close() {
    vae.close();
  }

  /** Scan-file offset of the topos origin in {@link #toZUp}, millimetres: a scan rarely sits at the origin. */
  static final float[] OFFSET_MM = {250, -40, 1200};

  /**
   * Topos-frame vectors (+Y up, face along +Z) in a file's frame with +Z up and the face along -Y
   * (Blender's habit), scaled and moved: file = scale * (x, -z, y) + offset.
   */
  static float[] toZUp(float[] xyz, float scale, float[] offset) {
    float[] out = new float[xyz.length];
    for (int i = 0; i < xyz.length; i += 3) {
      out[i] = scale * xyz[i] + offset[0];
      out[i + 1] = -scale * xyz[i + 2] + offset[1];
      out[i + 2] = scale * xyz[i + 1] + offset[2];
    }
    return out;
  }

  /** Inverse of {@link #toZUp}. */
  static float[] fromZUp(float[] file, float scale, float[] offset) {
    float[] out = new float[file.length];
    for (int i = 0; i < file.length; i += 3) {
      out[i] = (file[i] - offset[0]) / scale;
      out[i + 1] = (file[i + 2] - offset[2]) / scale;
      out[i + 2] = -(file[i + 1] - offset[1]) / scale;
    }
    return out;
  }

  @Test
  void theOutputIsTheReferenceHeadWithItsUvsAndTheAnswerIsRepeatable() {
    Result r = retopologizer.retopologize(scan, Options.DEFAULT);
    Mesh head = r.head();
    assertEquals(4368, head.vertexCount());
    assertArrayEquals(topology.head().faceStarts(), head.faceStarts());
    assertArrayEquals(topology.head().faceVertices(), head.faceVertices());
    assertTrue(head.hasUvs());
    assertArrayEquals(topology.head().uvs(), head.uvs());
    assertFalse(Arrays.equals(topology.head().positions(), head.positions()));
    assertEquals(Units.M, r.units());
    // The reference head spans 0.29 m from crown to neck cut, less than the 0.31 m kept: nothing cropped.
    assertEquals(3000, r.scanPoints());
    assertEquals(0, r.croppedPoints());
    assertEquals(0, r.refineSteps());
    assertArrayEquals(head.positions(), retopologizer.retopologize(scan, Options.DEFAULT).head().positions());
  }

  @Test
  void aScanInMillimetresWithZUpGivesTheSameHeadInItsOwnFrame() {
    Result metres = retopologizer.retopologize(scan, Options.DEFAULT);
    // Normals turn with the axes but keep unit length (the model reads them as they are).
    PointCloud file = new PointCloud(toZUp(scan.positions(), 1000, OFFSET_MM), toZUp(scan.normals(), 1, new float[3]));
    // Units left to detection, as in `topos retopo scan.ply --up z --forward -y`.
    Result mm = retopologizer.retopologize(file, Options.DEFAULT.withUp(Axis.PZ).withForward(Axis.NY));
    assertEquals(Units.MM, mm.units());
    assertEquals(metres.scanPoints(), mm.scanPoints());
    float[] back = fromZUp(mm.head().positions(), 1000, OFFSET_MM);
    float worst = 0;
    for (int i = 0; i < back.length; i++) {
      worst = Math.max(worst, Math.abs(back[i] - metres.head().positions()[i]));
    }
    // Float rounding of the scaled, moved input only: 10 micrometres is far below any modelling error.
    assertTrue(worst < 1e-5f, "largest difference " + worst + " m");
  }

  @Test
  void refinementRunsTheStepsAskedForAndMovesTheHead() {
    Result feedForward = retopologizer.retopologize(scan, Options.DEFAULT);
    Result refined = retopologizer.retopologize(scan, Options.DEFAULT.withRefineSteps(2));
    assertEquals(2, refined.refineSteps());
    assertFalse(Arrays.equals(feedForward.head().positions(), refined.head().positions()));
  }

  /**
   * Refinement pulls the surface onto the scan: a sampled head with an expression, 5 % larger and
   * with a 12 mm block of "hair" points on top that moves the model's frame; the untrained model
   * answers near the template, and 30 refinement steps (latent and placement) must take the mean
   * distance from the scan's head points to the output surface below 0.55x (measured 7.10 ->
   * 3.56 mm, 0.50x; since session 4 the placement's scale is limited to 2 %, so most of the 5 %
   * must come from the latent; without that limit it was under 0.5x). Only points on the parts
   * that refinement pulls count: the scalp and the neck follow the rest of the head (see
   * Retopologizer), so points whose nearest true vertex is on them are left out.
   */
  @Test
  void refinementRoughlyHalvesTheDistanceFromTheScanToTheSurface() {
    Mesh other = dev.topos.topology.space.HeadModel.loadBundled().sample(17, true).headMesh();
    float[] p = other.positions().clone();
    for (int i = 0; i < p.length; i++) {
      p[i] *= 1.05f;
    }
    PointCloud head = new SurfaceSampler(other.withPositions(p)).samplePoints(3000, 2, SurfaceSampler.NormalMode.INTERPOLATED);
    float top = Float.NEGATIVE_INFINITY;
    for (int i = 1; i < p.length; i += 3) {
      top = Math.max(top, p[i]);
    }
    int hair = 300;
    float[] xyz = Arrays.copyOf(head.positions(), head.positions().length + 3 * hair);
    float[] normals = Arrays.copyOf(head.normals(), xyz.length);
    java.util.SplittableRandom r = new java.util.SplittableRandom(5);
    for (int i = 0; i < hair; i++) {
      int k = head.positions().length + 3 * i;
      xyz[k] = (float) (r.nextDouble() * 0.06 - 0.03);
      xyz[k + 1] = top + (float) (r.nextDouble() * 0.012);
      xyz[k + 2] = (float) (r.nextDouble() * 0.06 - 0.03);
      normals[k + 1] = 1;
    }
    PointCloud scanWithHair = new PointCloud(xyz, normals);
    float[] pulled = pulledPoints(head.positions(), p);
    double before = meanDistance(pulled, retopologizer.retopologize(scanWithHair, Options.DEFAULT).head());
    double after = meanDistance(pulled, retopologizer.retopologize(scanWithHair, Options.DEFAULT.withRefineSteps(30)).head());
    assertTrue(after < 0.55 * before, "mean scan-to-surface distance " + before * 1000 + " mm -> " + after * 1000 + " mm");
  }

  /** The points whose nearest vertex of the true head (positions [V*3]) is not on the scalp, the neck or in the mouth. */
  private static float[] pulledPoints(float[] points, float[] trueHead) {
    dev.topos.geometry.KdTree tree = new dev.topos.geometry.KdTree(trueHead);
    dev.topos.topology.Region[] regions = topology.regions();
    float[] out = new float[points.length];
    int n = 0;
    for (int i = 0; i < points.length; i += 3) {
      dev.topos.topology.Region r = regions[tree.nearest(points[i], points[i + 1], points[i + 2])];
      if (r != dev.topos.topology.Region.SCALP && r != dev.topos.topology.Region.NECK
          && r != dev.topos.topology.Region.MOUTH_CAVITY) {
        System.arraycopy(points, i, out, n, 3);
        n += 3;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static double meanDistance(float[] points, Mesh surface) {
    double[] d = new dev.topos.geometry.ClosestPointOnMesh(surface).distances(points);
    return Arrays.stream(d).average().orElseThrow();
  }

  /**
   * A face scan (the reference head's face alone) is read in the frame its whole head would have:
   * with --face-only the model's frame is FaceScanFrame's, not the face's own bounding box, and the
   * other options survive the flag.
   */
  @Test
  void aFaceOnlyScanIsReadInTheWholeHeadsFrame() {
    float[] all = scan.positions();
    float[] normals = scan.normals();
    dev.topos.geometry.KdTree nearestVertex = new dev.topos.geometry.KdTree(topology.head().positions());
    float[] face = new float[all.length];
    float[] faceNormals = new float[all.length];
    int k = 0;
    for (int i = 0; i < all.length / 3; i++) {
      if (dev.topos.topology.pyramid.FaceScanFrame.REGIONS.contains(
          topology.regions()[nearestVertex.nearest(all[3 * i], all[3 * i + 1], all[3 * i + 2])])) {
        System.arraycopy(all, 3 * i, face, 3 * k, 3);
        System.arraycopy(normals, 3 * i, faceNormals, 3 * k, 3);
        k++;
      }
    }
    PointCloud faceScan = new PointCloud(java.util.Arrays.copyOf(face, 3 * k), java.util.Arrays.copyOf(faceNormals, 3 * k));
    Options options = Options.DEFAULT.withRefineSteps(3).withFaceOnly(true);
    assertTrue(options.faceOnly() && options.withSeed(5).faceOnly() && options.withCorrect(true).faceOnly());
    ScanRetopologizer.PreparedScan prepared = ScanRetopologizer.prepare(faceScan, options);
    dev.topos.topology.pyramid.VaeFrame own = dev.topos.topology.pyramid.VaeFrame.of(prepared.conditioned().positions());
    assertEquals(dev.topos.topology.pyramid.FaceScanFrame.of(prepared.conditioned().positions()), prepared.example().frame());
    assertEquals(own, ScanRetopologizer.prepare(faceScan, Options.DEFAULT).example().frame());
    assertTrue(prepared.example().frame().scale() > 1.3 * own.scale());
    ScanRetopologizer.Result r = retopologizer.retopologize(prepared);
    assertEquals(topology.head().vertexCount(), r.head().vertexCount());
    assertEquals(3, r.refineSteps());
  }

  @Test
  void badOptionsAndBadScansFailBeforeAnyModelRuns() {
    assertThrows(IllegalArgumentException.class, () -> Options.DEFAULT.withRefineSteps(-1));
    IllegalArgumentException sameAxes = assertThrows(IllegalArgumentException.class,
        () -> ScanRetopologizer.prepare(scan, Options.DEFAULT.withForward(Axis.NY).withUp(Axis.PY)));
    assertEquals("up and forward axes must differ", sameAxes.getMessage());
    float[] huge = scan.positions().clone();
    for (int i = 0; i < huge.length; i++) {
      huge[i] *= 5000; // over a kilometre: head-sized in no unit
    }
    IllegalArgumentException notAHead = assertThrows(IllegalArgumentException.class,
        () -> ScanRetopologizer.prepare(new PointCloud(huge, null), Options.DEFAULT));
    assertTrue(notAHead.getMessage().contains("not head-sized"), notAHead.getMessage());
  }

  @Test
  void straysApartFromTheHeadAreDroppedBeforeTheUnitsTheCropAndTheFrame() {
    // The head in millimetres with +Z up (units left to detection), then what a photogrammetry scan
    // carries besides: a stand half a metre to the side (200 points) and 5 specks up to 2 m away.
    PointCloud file = new PointCloud(toZUp(scan.positions(), 1000, OFFSET_MM), toZUp(scan.normals(), 1, new float[3]));
    float[] stand = new SurfaceSampler(topology.head()).samplePoints(200, 9, SurfaceSampler.NormalMode.INTERPOLATED).positions();
    float[] strays = new float[stand.length + 15];
    for (int i = 0; i < stand.length; i += 3) { // the head's shape shrunk to a 6 cm knob, 0.5 m to its side
      strays[i] = 0.2f * stand[i] + 0.5f;
      strays[i + 1] = 0.2f * stand[i + 1];
      strays[i + 2] = 0.2f * stand[i + 2];
    }
    float[] specks = {2, 0, 0, 0, 1.5f, 0, 0, 0, -2, 1, 1, 1, -1, 0.8f, 0.5f}; // one 1.5 m above the crown
    System.arraycopy(specks, 0, strays, stand.length, specks.length);
    float[] positions = Arrays.copyOf(file.positions(), file.positions().length + strays.length);
    System.arraycopy(toZUp(strays, 1000, OFFSET_MM), 0, positions, file.positions().length, strays.length);
    float[] normals = Arrays.copyOf(file.normals(), positions.length);
    for (int i = file.normals().length; i < normals.length; i += 3) {
      normals[i] = 1;
    }
    Options zUp = Options.DEFAULT.withUp(Axis.PZ).withForward(Axis.NY);
    ScanRetopologizer.PreparedScan clean = ScanRetopologizer.prepare(file, zUp);
    ScanRetopologizer.PreparedScan dirty = ScanRetopologizer.prepare(new PointCloud(positions, normals), zUp);
    assertEquals(0, clean.strays().dropped());
    assertEquals(200 + 5, dirty.strays().dropped());
    assertEquals(Units.MM, dirty.conditioned().units());
    assertArrayEquals(clean.example().scanPoints(), dirty.example().scanPoints());
    assertEquals(clean.example().frame(), dirty.example().frame());
    // Read as they were, the strays made a 2.6 m scan of it, whose top 1.5 m above the crown cropped the head away.
    assertThrows(IllegalArgumentException.class, () -> dev.topos.topology.scan.ScanConditioning.apply(positions, normals,
        Axis.PZ, Axis.NY, null));
  }

  @Test
  void theFitDistanceIsTheSmallerMedianOfItsTwoWays() {
    Mesh head = topology.head();
    // the scan is the head's surface: 0 from the scan to the head; the vertices lie a few mm from the nearest of 3,000 points
    double onIt = ScanRetopologizer.fitDistance(scan.positions(), head);
    assertEquals(0, onIt, 1e-6);
    // as many points again 20 cm below (a body left in): far from the head one way only
    float[] withBody = Arrays.copyOf(scan.positions(), 2 * scan.positions().length);
    for (int i = scan.positions().length; i < withBody.length; i += 3) {
      withBody[i] = scan.positions()[i - scan.positions().length];
      withBody[i + 1] = scan.positions()[i + 1 - scan.positions().length] - 0.2f;
      withBody[i + 2] = scan.positions()[i + 2 - scan.positions().length];
    }
    double body = ScanRetopologizer.fitDistance(withBody, head);
    assertTrue(body < 0.005, "with a body " + body);
    // the head 2 cm from its scan, both ways
    float[] moved = scan.positions().clone();
    for (int i = 2; i < moved.length; i += 3) {
      moved[i] += 0.02f;
    }
    double off = ScanRetopologizer.fitDistance(moved, head);
    assertTrue(off > ScanRetopologizer.POOR_FIT_METRES && off < 0.0201, "moved 2 cm " + off);
  }
}
