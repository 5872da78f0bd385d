package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import dev.topos.geometry.SurfaceSampler;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a head in the reference topology into a scan-like mesh of another topology plus a point
 * cloud, like the real head scans {@code topos retopo} has to handle.
 *
 * <p>One scan, in order: the quads are split on random diagonals and some edges flipped
 * ({@link RandomRetriangulation}); the mouth cavity is kept, removed or sealed
 * ({@link MouthCavity}); maybe a hair cap replaces the scalp ({@link HairCap}); the family's base
 * operation changes the topology ({@link IsotropicRemesher}, {@link QuadricDecimator} after an
 * optional {@link Subdivision}, or {@link MarchingCubes}); then maybe shoulders
 * ({@link Shoulders}) or else maybe a ragged neck cut ({@link NeckCut}); holes
 * ({@link GeodesicHoles}); for PARTIAL the frontal coverage ({@link PartialCoverage}); noise
 * ({@link NormalNoise}: strong for NOISY, maybe light otherwise); finally area-uniform points with
 * interpolated outward normals ({@link SurfaceSampler}). Every stage draws from its own random
 * stream split off the seed in a fixed order, so a scan is a pure function of (head, seed,
 * options), byte for byte, and naming the family explicitly changes nothing else.
 *
 * <p>Lengths in metres (parameters are recorded in millimetres). Immutable and thread-safe.
 */
public final class ScanSimulator {
  /** A modifier that leaves less than this fraction of the surface area is skipped. */
  static final double MIN_AREA_KEPT = 0.2;

  private final ScanOptions options;
  private final Region[] regions;

  /** A simulator for heads whose regions are given with each call. */
  public ScanSimulator(ScanOptions options) {
    this.options = options;
    this.regions = null;
  }

  /** A simulator for heads in the reference topology (regions from the topology). */
  public ScanSimulator(ReferenceTopology topology, ScanOptions options) {
    this.options = options;
    this.regions = topology.regions().clone();
  }

  public ScanOptions options() {
    return options;
  }

  /** A scan of a head in the reference topology, of a family drawn from the options' weights. */
  public Scan simulate(Mesh head, long seed) {
    return simulate(head, requireRegions(), seed, null);
  }

  /** A scan of a head in the reference topology, of the given family. */
  public Scan simulate(Mesh head, long seed, ScanFamily family) {
    return simulate(head, requireRegions(), seed, family);
  }

  /** A scan of a head with per-vertex regions, of a family drawn from the options' weights. */
  public Scan simulate(Mesh head, Region[] regions, long seed) {
    return simulate(head, regions, seed, null);
  }

  private Region[] requireRegions() {
    if (regions == null) {
      throw new IllegalStateException("no topology: pass the regions with the head");
    }
    return regions;
  }

  /**
   * A scan of a head.
   *
   * @param head the head surface (any polygon mesh, usually the reference topology's quads), metres,
   *     canonical head frame, outward oriented
   * @param regions region of each head vertex, [V]
   * @param seed the random seed
   * @param family the family, or null to draw it from the options' weights
   */
  public Scan simulate(Mesh head, Region[] regions, long seed, ScanFamily family) {
    if (regions.length != head.vertexCount()) {
      throw new IllegalArgumentException(regions.length + " regions for " + head.vertexCount() + " vertices");
    }
    SplittableRandom master = new SplittableRandom(seed);
    SplittableRandom familyRandom = master.split();
    SplittableRandom triangulationRandom = master.split();
    SplittableRandom mouthRandom = master.split();
    SplittableRandom hairRandom = master.split();
    SplittableRandom baseRandom = master.split();
    SplittableRandom bodyRandom = master.split();
    SplittableRandom holesRandom = master.split();
    SplittableRandom coverageRandom = master.split();
    SplittableRandom noiseRandom = master.split();
    SplittableRandom pointsRandom = master.split();
    Map<String, Object> params = new LinkedHashMap<>();

    ScanFamily drawn = drawFamily(familyRandom, options.familyWeights());
    ScanFamily chosen = family != null ? family : drawn;
    ScanFamily base = chosen.isBase() ? chosen : drawBase(familyRandom);
    params.put("family", chosen.key());
    params.put("base", base.key());

    // Triangulation (vertices unchanged, so the regions still apply).
    double flips = options.retriangulationFlips().sample(triangulationRandom);
    Mesh triangles = RandomRetriangulation.apply(head, flips, triangulationRandom);
    params.put("retriangulationFlips", flips);
    float[] neckBase = neckBase(triangles);

    // The mouth, as scanners see it.
    double u = mouthRandom.nextDouble();
    MouthCavity.Mode mouth = u < options.mouthOpenProbability() ? MouthCavity.Mode.OPEN
        : u < options.mouthOpenProbability() + options.mouthSealedProbability() ? MouthCavity.Mode.SEALED
        : MouthCavity.Mode.KEEP;
    RegionMesh surface = MouthCavity.apply(new RegionMesh(triangles, regions), mouth);
    params.put("mouth", mouth.name().toLowerCase(java.util.Locale.ROOT));

    // Hair.
    boolean hair = hairRandom.nextDouble() < options.hairProbability();
    params.put("hair", hair);
    if (hair) {
      double thickness = options.hairThicknessMm().sample(hairRandom) / 1000;
      double band = Math.max(0.015, thickness * (2 + 2 * hairRandom.nextDouble()));
      double ragged = (3 + 9 * hairRandom.nextDouble()) / 1000;
      double variation = 0.1 + 0.3 * hairRandom.nextDouble();
      SmoothNoise margin = new SmoothNoise(hairRandom.split(), 0.05, 8);
      SmoothNoise volume = new SmoothNoise(hairRandom.split(), 0.08, 8);
      surface = HairCap.apply(surface, thickness, band, ragged, variation, margin, volume);
      params.put("hairThicknessMm", thickness * 1000);
      params.put("hairBandMm", band * 1000);
      params.put("hairRaggednessMm", ragged * 1000);
      params.put("hairThicknessVariation", variation);
    }

    // The base operation: a new topology.
    Mesh scan = baseOperation(base, surface.mesh(), baseRandom, params);

    // Shoulders, or else maybe a neck cut.
    boolean shoulders = neckBase != null && bodyRandom.nextDouble() < options.shouldersProbability();
    params.put("shoulders", shoulders);
    if (shoulders) {
      params.put("neckCut", false);
      scan = addShoulders(scan, neckBase, bodyRandom, params);
    } else {
      boolean cut = bodyRandom.nextDouble() < options.neckCutProbability() && neckBase != null;
      params.put("neckCut", cut);
      if (cut) {
        scan = keepIfEnough(scan, cutNeck(scan, surface, neckBase, bodyRandom, params));
      }
    }

    // Holes.
    double holesP = chosen == ScanFamily.PARTIAL ? options.partialHolesProbability() : options.holesProbability();
    boolean holes = holesRandom.nextDouble() < holesP;
    if (holes) {
      int count = 1 + holesRandom.nextInt(options.maxHoles());
      double[] radii = new double[count];
      Interval r = options.holeRadiusMm();
      for (int i = 0; i < count; i++) {
        double x = holesRandom.nextDouble();
        // PARTIAL scans get the larger holes (the upper 60 % of the range).
        double lo = chosen == ScanFamily.PARTIAL ? r.min() + 0.4 * (r.max() - r.min()) : r.min();
        radii[i] = (lo + x * (r.max() - lo)) / 1000;
      }
      GeodesicHoles.Result result = GeodesicHoles.apply(scan, radii, holesRandom);
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("centreMm", List.of(result.centres()[3 * i] * 1000.0, result.centres()[3 * i + 1] * 1000.0,
            result.centres()[3 * i + 2] * 1000.0));
        h.put("radiusMm", radii[i] * 1000);
        list.add(java.util.Collections.unmodifiableMap(h));
      }
      scan = keepIfEnough(scan, result.mesh());
      params.put("holes", java.util.Collections.unmodifiableList(list));
    } else {
      params.put("holes", List.of());
    }

    // Frontal coverage.
    if (chosen == ScanFamily.PARTIAL) {
      scan = keepIfEnough(scan, cover(scan, coverageRandom, params));
    }

    // Noise.
    if (chosen == ScanFamily.NOISY) {
      scan = noise(scan, options.strongNoiseSdMm(), 1.0, noiseRandom, params);
    } else if (noiseRandom.nextDouble() < options.lightNoiseProbability()) {
      scan = noise(scan, options.lightNoiseSdMm(), 0.5, noiseRandom, params);
    } else {
      params.put("noiseSdMm", 0.0);
    }

    long pointSeed = pointsRandom.nextLong();
    PointCloud points = new SurfaceSampler(scan.positions(), scan.faceVertices())
        .samplePoints(options.points(), pointSeed, SurfaceSampler.NormalMode.INTERPOLATED);
    params.put("points", options.points());
    params.put("pointSeed", pointSeed);
    return new Scan(scan, points, chosen, params);
  }

  private static ScanFamily drawFamily(SplittableRandom random, Map<ScanFamily, Double> weights) {
    double total = 0;
    for (double w : weights.values()) {
      total += w;
    }
    double x = random.nextDouble() * total;
    ScanFamily last = null;
    for (ScanFamily f : ScanFamily.values()) {
      double w = weights.get(f);
      if (w <= 0) {
        continue;
      }
      last = f;
      if (x < w) {
        return f;
      }
      x -= w;
    }
    return last;
  }

  private ScanFamily drawBase(SplittableRandom random) {
    Map<ScanFamily, Double> w = options.familyWeights();
    double total = w.get(ScanFamily.REMESHED) + w.get(ScanFamily.DECIMATED) + w.get(ScanFamily.MARCHING_CUBES);
    double x = random.nextDouble() * (total > 0 ? total : 3);
    for (ScanFamily f : new ScanFamily[] {ScanFamily.REMESHED, ScanFamily.DECIMATED, ScanFamily.MARCHING_CUBES}) {
      double wf = total > 0 ? w.get(f) : 1;
      if (x < wf) {
        return f;
      }
      x -= wf;
    }
    return ScanFamily.MARCHING_CUBES;
  }

  private Mesh baseOperation(ScanFamily base, Mesh surface, SplittableRandom random, Map<String, Object> params) {
    switch (base) {
      case REMESHED: {
        double edge = options.remeshEdgeMm().sample(random);
        params.put("remeshEdgeMm", edge);
        params.put("remeshIterations", options.remeshIterations());
        return IsotropicRemesher.remesh(surface, edge / 1000, options.remeshIterations());
      }
      case DECIMATED: {
        Mesh input = surface;
        String pre = "none";
        if (random.nextDouble() < options.presubdivideProbability()) {
          Subdivision.Scheme scheme = random.nextBoolean() ? Subdivision.Scheme.MIDPOINT : Subdivision.Scheme.LOOP;
          input = Subdivision.apply(surface, scheme);
          pre = scheme.name().toLowerCase(java.util.Locale.ROOT);
        }
        double ratio = options.decimationRatio().sample(random);
        int target = (int) Math.round(ratio * input.faceCount());
        params.put("presubdivision", pre);
        params.put("decimationRatio", ratio);
        params.put("decimationTargetTriangles", target);
        return QuadricDecimator.decimate(input, target);
      }
      default: {
        double voxel = options.voxelMm().sample(random);
        double[] offset = {random.nextDouble(), random.nextDouble(), random.nextDouble()};
        params.put("voxelMm", voxel);
        params.put("gridOffset", List.of(offset[0], offset[1], offset[2]));
        return MarchingCubes.reconstruct(surface, voxel / 1000, offset);
      }
    }
  }

  /** The neck base outline: the boundary loop of the triangulated head lowest on average, or null. */
  private static float[] neckBase(Mesh triangles) {
    List<int[]> loops = BoundaryLoops.find(triangles.vertexCount(), triangles.faceVertices());
    float[] p = triangles.positions();
    int[] best = null;
    double bestY = Double.MAX_VALUE;
    for (int[] loop : loops) {
      double y = 0;
      for (int v : loop) {
        y += p[3 * v + 1];
      }
      y /= loop.length;
      if (y < bestY) {
        bestY = y;
        best = loop;
      }
    }
    if (best == null) {
      return null;
    }
    float[] out = new float[3 * best.length];
    for (int i = 0; i < best.length; i++) {
      System.arraycopy(p, 3 * best[i], out, 3 * i, 3);
    }
    return out;
  }

  private Mesh addShoulders(Mesh scan, float[] neckBase, SplittableRandom random, Map<String, Object> params) {
    double width = options.shoulderWidthMm().sample(random) / 1000;
    double depth = width * (0.5 + 0.15 * random.nextDouble());
    double height = 0.05 + 0.04 * random.nextDouble();
    double overlap = 0.01 + 0.02 * random.nextDouble();
    double forward = -0.01 + 0.04 * random.nextDouble();
    double drop = 0.04 + 0.06 * random.nextDouble();
    double edge = Math.max(0.0025, Math.min(0.008, MeshMath.meanEdgeLength(scan.positions(), scan.faceVertices())));
    params.put("shoulderWidthMm", width * 1000);
    params.put("shoulderDepthMm", depth * 1000);
    params.put("shoulderHeightMm", height * 1000);
    params.put("shoulderOverlapMm", overlap * 1000);
    params.put("shoulderForwardMm", forward * 1000);
    params.put("shoulderDropMm", drop * 1000);
    params.put("shoulderEdgeMm", edge * 1000);
    return Shoulders.attach(scan, neckBase, new Shoulders.Shape(width, depth, height, overlap, forward, drop, edge));
  }

  private static Mesh cutNeck(Mesh scan, RegionMesh head, float[] neckBase, SplittableRandom random,
      Map<String, Object> params) {
    // Heights: the chin's lowest point and the neck base's front and back.
    float[] hp = head.mesh().positions();
    Region[] r = head.regions();
    double chinY = Double.MAX_VALUE;
    for (int v = 0; v < r.length; v++) {
      if (r[v] == Region.FACE || r[v] == Region.LIPS) {
        chinY = Math.min(chinY, hp[3 * v + 1]);
      }
    }
    int front = 0;
    int back = 0;
    double cx = 0;
    for (int i = 0; i < neckBase.length / 3; i++) {
      if (neckBase[3 * i + 2] > neckBase[3 * front + 2]) {
        front = i;
      }
      if (neckBase[3 * i + 2] < neckBase[3 * back + 2]) {
        back = i;
      }
      cx += neckBase[3 * i];
    }
    cx /= neckBase.length / 3;
    double top = chinY - 0.005;
    double frontY = neckBase[3 * front + 1];
    double backY = neckBase[3 * back + 1];
    double yf = frontY + random.nextDouble() * Math.max(0, top - frontY);
    double yb = backY + random.nextDouble() * Math.max(0, top - backY);
    double zf = neckBase[3 * front + 2];
    double zb = neckBase[3 * back + 2];
    double lateral = StrictMath.toRadians(-6 + 12 * random.nextDouble());
    double ragged = 0.004 * random.nextDouble();
    SmoothNoise noise = new SmoothNoise(random.split(), 0.03, 8);
    // Plane through (cx, yb, zb) and (cx, yf, zf), containing the laterally tilted x direction.
    double dx = 0;
    double dy = yf - yb;
    double dz = zf - zb;
    double ax = StrictMath.cos(lateral);
    double ay = StrictMath.sin(lateral);
    double[] n = {dy * 0 - dz * ay, dz * ax - dx * 0, dx * ay - dy * ax};
    if (n[1] < 0) {
      n[0] = -n[0];
      n[1] = -n[1];
      n[2] = -n[2];
    }
    params.put("neckCutFrontYMm", yf * 1000);
    params.put("neckCutBackYMm", yb * 1000);
    params.put("neckCutLateralTiltDeg", StrictMath.toDegrees(lateral));
    params.put("neckCutRaggednessMm", ragged * 1000);
    return NeckCut.apply(scan, new double[] {cx, yb, zb}, n, ragged, noise);
  }

  private Mesh cover(Mesh scan, SplittableRandom random, Map<String, Object> params) {
    double yaw = StrictMath.toRadians((2 * random.nextDouble() - 1) * options.maxScannerYawDeg());
    double pitch = StrictMath.toRadians((2 * random.nextDouble() - 1) * options.maxScannerPitchDeg());
    int views = 1 + random.nextInt(2);
    double spread = StrictMath.toRadians(15 + 20 * random.nextDouble());
    double threshold = options.coverageThreshold().sample(random);
    double ragged = 0.05 + 0.1 * random.nextDouble();
    SmoothNoise noise = new SmoothNoise(random.split(), 0.04, 8);
    double[] dirs = new double[3 * views];
    List<Object> yaws = new ArrayList<>();
    for (int i = 0; i < views; i++) {
      double y = views == 1 ? yaw : yaw + (i == 0 ? -spread : spread);
      dirs[3 * i] = StrictMath.sin(y) * StrictMath.cos(pitch);
      dirs[3 * i + 1] = StrictMath.sin(pitch);
      dirs[3 * i + 2] = StrictMath.cos(y) * StrictMath.cos(pitch);
      yaws.add(StrictMath.toDegrees(y));
    }
    params.put("scannerYawDeg", java.util.Collections.unmodifiableList(yaws));
    params.put("scannerPitchDeg", StrictMath.toDegrees(pitch));
    params.put("coverageThreshold", threshold);
    params.put("coverageRaggedness", ragged);
    return PartialCoverage.apply(scan, dirs, threshold, ragged, noise);
  }

  private Mesh noise(Mesh scan, Interval sdMm, double jitterScale, SplittableRandom random,
      Map<String, Object> params) {
    double sd = sdMm.sample(random);
    double jitter = jitterScale * options.tangentialJitterMm().sample(random);
    int passes = random.nextInt(3);
    params.put("noiseSdMm", sd);
    params.put("tangentialJitterMm", jitter);
    params.put("noiseSmoothingPasses", passes);
    return NormalNoise.apply(scan, sd / 1000, jitter / 1000, passes, random);
  }

  private static Mesh keepIfEnough(Mesh before, Mesh after) {
    if (after.faceCount() == 0) {
      return before;
    }
    if (after.faceCount() >= 0.6 * before.faceCount()) {
      return after; // plainly enough; no need to measure
    }
    double a = MeshMath.area(before.positions(), before.faceVertices());
    double b = MeshMath.area(after.positions(), after.faceVertices());
    return b >= MIN_AREA_KEPT * a ? after : before;
  }
}
