package dev.topos.synth.scan;

import java.util.EnumMap;
import java.util.Map;

/**
 * What {@link ScanSimulator} draws its scans from: the point count, the family mix, the ranges
 * of each operation's parameters and the probability of each modifier. Immutable.
 *
 * @param points number of points sampled on each scan (4096)
 * @param familyWeights relative frequency of each family (need not sum to 1); the weights of the
 *     three base families also pick the base of PARTIAL and NOISY scans
 * @param retriangulationFlips fraction of the reference head's interior edges flipped at random
 *     after its quads are split on random diagonals, [0, 1]
 * @param remeshEdgeMm target edge length of isotropic remeshing, millimetres
 * @param remeshIterations remeshing iterations
 * @param decimationRatio fraction of the triangles decimation keeps, (0, 1]
 * @param presubdivideProbability probability that decimation starts from the head subdivided once
 *     (midpoint or Loop, even odds), so its vertices are not a subset of the head's
 * @param voxelMm voxel size of marching cubes, millimetres
 * @param mouthOpenProbability probability that the mouth cavity is removed, leaving the mouth open
 * @param mouthSealedProbability probability that the mouth cavity is removed and the lips' opening
 *     closed by a membrane (the rest of the time the cavity stays)
 * @param hairProbability probability of a hair cap over the scalp
 * @param hairThicknessMm hair thickness, millimetres
 * @param shouldersProbability probability of procedural shoulders below the neck
 * @param shoulderWidthMm full width of the shoulders, millimetres
 * @param neckCutProbability probability of a ragged, tilted neck cut above the neck base (when
 *     there are no shoulders)
 * @param holesProbability probability of holes in REMESHED, DECIMATED, MARCHING_CUBES and NOISY scans
 * @param partialHolesProbability probability of (larger) holes in PARTIAL scans
 * @param holeRadiusMm geodesic radius of a hole, millimetres
 * @param maxHoles largest number of holes in one scan (at least one when there are holes)
 * @param lightNoiseProbability probability of light noise on a scan that is not NOISY
 * @param lightNoiseSdMm standard deviation of light noise along the normals, millimetres
 * @param strongNoiseSdMm standard deviation of the noise of NOISY scans along the normals, millimetres
 * @param tangentialJitterMm standard deviation of the tangential jitter of noisy scans, millimetres
 * @param coverageThreshold smallest cosine between a kept triangle's normal and a scanner
 *     direction, in PARTIAL scans
 * @param maxScannerYawDeg largest left/right angle of a PARTIAL scan's scanner from the face
 *     direction, degrees
 * @param maxScannerPitchDeg largest up/down angle of that scanner, degrees
 */
public record ScanOptions(
    int points,
    Map<ScanFamily, Double> familyWeights,
    Interval retriangulationFlips,
    Interval remeshEdgeMm,
    int remeshIterations,
    Interval decimationRatio,
    double presubdivideProbability,
    Interval voxelMm,
    double mouthOpenProbability,
    double mouthSealedProbability,
    double hairProbability,
    Interval hairThicknessMm,
    double shouldersProbability,
    Interval shoulderWidthMm,
    double neckCutProbability,
    double holesProbability,
    double partialHolesProbability,
    Interval holeRadiusMm,
    int maxHoles,
    double lightNoiseProbability,
    Interval lightNoiseSdMm,
    Interval strongNoiseSdMm,
    Interval tangentialJitterMm,
    Interval coverageThreshold,
    double maxScannerYawDeg,
    double maxScannerPitchDeg) {

  public ScanOptions {
    if (points < 1) {
      throw new IllegalArgumentException("points = " + points);
    }
    EnumMap<ScanFamily, Double> weights = new EnumMap<>(ScanFamily.class);
    double total = 0;
    for (ScanFamily f : ScanFamily.values()) {
      double w = familyWeights.getOrDefault(f, 0.0);
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight of " + f + " = " + w);
      }
      weights.put(f, w);
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("all family weights are zero");
    }
    familyWeights = java.util.Collections.unmodifiableMap(weights);
    probability("presubdivideProbability", presubdivideProbability);
    probability("mouthOpenProbability", mouthOpenProbability);
    probability("mouthSealedProbability", mouthSealedProbability);
    probability("mouth open + sealed", mouthOpenProbability + mouthSealedProbability);
    probability("hairProbability", hairProbability);
    probability("shouldersProbability", shouldersProbability);
    probability("neckCutProbability", neckCutProbability);
    probability("holesProbability", holesProbability);
    probability("partialHolesProbability", partialHolesProbability);
    probability("lightNoiseProbability", lightNoiseProbability);
    if (retriangulationFlips.min() < 0 || retriangulationFlips.max() > 1) {
      throw new IllegalArgumentException("retriangulationFlips " + retriangulationFlips);
    }
    if (remeshEdgeMm.min() <= 0 || voxelMm.min() <= 0 || remeshIterations < 1 || maxHoles < 1) {
      throw new IllegalArgumentException("remeshEdgeMm, voxelMm, remeshIterations and maxHoles must be positive");
    }
    if (decimationRatio.min() <= 0 || decimationRatio.max() > 1) {
      throw new IllegalArgumentException("decimationRatio " + decimationRatio);
    }
    if (holeRadiusMm.min() < 0 || hairThicknessMm.min() < 0 || shoulderWidthMm.min() <= 0
        || lightNoiseSdMm.min() < 0 || strongNoiseSdMm.min() < 0 || tangentialJitterMm.min() < 0) {
      throw new IllegalArgumentException("negative size");
    }
  }

  private static void probability(String name, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " = " + p + " is not a probability");
    }
  }

  /** The defaults: a mix of all families and modifiers, as in the training data. */
  public static ScanOptions defaults() {
    Map<ScanFamily, Double> w = new EnumMap<>(ScanFamily.class);
    w.put(ScanFamily.REMESHED, 0.25);
    w.put(ScanFamily.DECIMATED, 0.2);
    w.put(ScanFamily.MARCHING_CUBES, 0.25);
    w.put(ScanFamily.PARTIAL, 0.15);
    w.put(ScanFamily.NOISY, 0.15);
    return new ScanOptions(4096, w, new Interval(0, 0.3), new Interval(1.5, 4), 3, new Interval(0.2, 0.6), 0.5,
        new Interval(1.5, 3), 0.3, 0.55, 0.3, new Interval(5, 25), 0.2, new Interval(350, 450), 0.6, 0.3, 0.7,
        new Interval(5, 25), 3, 0.5, new Interval(0.1, 0.3), new Interval(0.5, 1.5), new Interval(0.05, 0.3),
        new Interval(-0.25, 0.15), 35, 20);
  }

  /**
   * The base operations only: no mouth treatment, hair, shoulders, neck cut, holes or light noise
   * (PARTIAL and NOISY still do what defines them).
   */
  public static ScanOptions clean() {
    ScanOptions d = defaults();
    return new ScanOptions(d.points, d.familyWeights, d.retriangulationFlips, d.remeshEdgeMm, d.remeshIterations,
        d.decimationRatio, d.presubdivideProbability, d.voxelMm, 0, 0, 0, d.hairThicknessMm, 0, d.shoulderWidthMm, 0,
        0, d.partialHolesProbability, d.holeRadiusMm, d.maxHoles, 0, d.lightNoiseSdMm, d.strongNoiseSdMm,
        d.tangentialJitterMm, d.coverageThreshold, d.maxScannerYawDeg, d.maxScannerPitchDeg);
  }

  /** The same options with another point count. */
  public ScanOptions withPoints(int count) {
    return new ScanOptions(count, familyWeights, retriangulationFlips, remeshEdgeMm, remeshIterations, decimationRatio,
        presubdivideProbability, voxelMm, mouthOpenProbability, mouthSealedProbability, hairProbability,
        hairThicknessMm, shouldersProbability, shoulderWidthMm, neckCutProbability, holesProbability,
        partialHolesProbability, holeRadiusMm, maxHoles, lightNoiseProbability, lightNoiseSdMm, strongNoiseSdMm,
        tangentialJitterMm, coverageThreshold, maxScannerYawDeg, maxScannerPitchDeg);
  }

  /** The same options with another family mix. */
  public ScanOptions withFamilyWeights(Map<ScanFamily, Double> weights) {
    return new ScanOptions(points, weights, retriangulationFlips, remeshEdgeMm, remeshIterations, decimationRatio,
        presubdivideProbability, voxelMm, mouthOpenProbability, mouthSealedProbability, hairProbability,
        hairThicknessMm, shouldersProbability, shoulderWidthMm, neckCutProbability, holesProbability,
        partialHolesProbability, holeRadiusMm, maxHoles, lightNoiseProbability, lightNoiseSdMm, strongNoiseSdMm,
        tangentialJitterMm, coverageThreshold, maxScannerYawDeg, maxScannerPitchDeg);
  }

  /** The same options with other modifier probabilities. */
  public ScanOptions withModifiers(double hair, double shoulders, double neckCut, double holes, double lightNoise) {
    return new ScanOptions(points, familyWeights, retriangulationFlips, remeshEdgeMm, remeshIterations,
        decimationRatio, presubdivideProbability, voxelMm, mouthOpenProbability, mouthSealedProbability, hair,
        hairThicknessMm, shoulders, shoulderWidthMm, neckCut, holes, partialHolesProbability, holeRadiusMm, maxHoles,
        lightNoise, lightNoiseSdMm, strongNoiseSdMm, tangentialJitterMm, coverageThreshold, maxScannerYawDeg,
        maxScannerPitchDeg);
  }

  /** The same options with other mouth treatment probabilities. */
  public ScanOptions withMouth(double open, double sealed) {
    return new ScanOptions(points, familyWeights, retriangulationFlips, remeshEdgeMm, remeshIterations,
        decimationRatio, presubdivideProbability, voxelMm, open, sealed, hairProbability, hairThicknessMm,
        shouldersProbability, shoulderWidthMm, neckCutProbability, holesProbability, partialHolesProbability,
        holeRadiusMm, maxHoles, lightNoiseProbability, lightNoiseSdMm, strongNoiseSdMm, tangentialJitterMm,
        coverageThreshold, maxScannerYawDeg, maxScannerPitchDeg);
  }

  /** The same options with other ranges for the three base operations. */
  public ScanOptions withBaseRanges(Interval remeshEdge, Interval decimation, Interval voxel) {
    return new ScanOptions(points, familyWeights, retriangulationFlips, remeshEdge, remeshIterations, decimation,
        presubdivideProbability, voxel, mouthOpenProbability, mouthSealedProbability, hairProbability,
        hairThicknessMm, shouldersProbability, shoulderWidthMm, neckCutProbability, holesProbability,
        partialHolesProbability, holeRadiusMm, maxHoles, lightNoiseProbability, lightNoiseSdMm, strongNoiseSdMm,
        tangentialJitterMm, coverageThreshold, maxScannerYawDeg, maxScannerPitchDeg);
  }
}
