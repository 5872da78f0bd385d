package dev.topos.synth.deform;

import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import dev.topos.topology.space.HeadValidity;
import dev.topos.geometry.Gaussian;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Pushes heads out of MakeHuman's linear span, so that models cannot learn a linear fit: a random
 * sum of smooth Gaussian bumps (sculpt-like regional bulges and dents of 12-40 mm radius, mostly
 * along the surface normal with a tangential part of at most half the normal one, 40 % of them
 * mirrored left/right and the rest asymmetric), applied to the full vertex array so eyes, teeth and
 * joints move with the surface; the head is then translated back into the canonical frame (the
 * bumps may move the eye joints).
 *
 * <p>Bounded: each bump's normal displacement is at most {@link Options#maxAmplitudeMm()}, and a deformed head that is
 * not {@link HeadValidity plausible} is retried at half the scale (three times, then undeformed).
 */
public final class OffSpanDeformer {

  /**
   * @param minBumps fewest bumps drawn (mirrored twins come on top)
   * @param maxBumps most bumps
   * @param minRadiusMm smallest bump radius
   * @param maxRadiusMm largest bump radius
   * @param amplitudeSdMm standard deviation of a bump's normal displacement
   * @param maxAmplitudeMm cap on a bump's normal displacement (the tangential part is at most half of it)
   * @param mirroredFraction share of bumps that get a mirrored twin
   */
  public record Options(int minBumps, int maxBumps, double minRadiusMm, double maxRadiusMm, double amplitudeSdMm,
      double maxAmplitudeMm, double mirroredFraction) {
    public static Options defaults() {
      return new Options(12, 24, 12, 40, 3.5, 7.0, 0.4);
    }
  }

  private final ReferenceTopology topology;
  private final Options options;
  private final HeadValidity validity;
  private final int[] candidateCentres; // skin vertices (not inside the mouth, not eyelids)

  public OffSpanDeformer(ReferenceTopology topology, Options options) {
    this.topology = topology;
    this.options = options;
    this.validity = new HeadValidity(topology.head());
    int[] c = new int[topology.vertexCount()];
    int n = 0;
    for (int i = 0; i < topology.vertexCount(); i++) {
      Region r = topology.regions()[i];
      if (r != Region.MOUTH_CAVITY && r != Region.EYE_SOCKETS && r != Region.LIPS) {
        c[n++] = i;
      }
    }
    this.candidateCentres = Arrays.copyOf(c, n);
  }

  /** Draws a deformation for this head (bump centres on its surface, along its normals). */
  public OffSpanDeformation sample(HeadShape head, SplittableRandom rng) {
    float[] p = head.headPositions();
    float[] normals = head.headMesh().vertexNormals();
    int count = options.minBumps() + rng.nextInt(options.maxBumps() - options.minBumps() + 1);
    List<RbfBump> bumps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int v = candidateCentres[rng.nextInt(candidateCentres.length)];
      float radius = (float) (1e-3 * (options.minRadiusMm() + rng.nextDouble() * (options.maxRadiusMm() - options.minRadiusMm())));
      double a = Gaussian.next(rng) * options.amplitudeSdMm();
      a = 1e-3 * Math.max(-options.maxAmplitudeMm(), Math.min(options.maxAmplitudeMm(), a));
      double tangentialShare = Math.max(-0.5, Math.min(0.5, 0.3 * Gaussian.next(rng)));
      float[] t = tangent(normals, v, rng);
      float[] d = new float[3];
      for (int k = 0; k < 3; k++) {
        d[k] = (float) (a * normals[3 * v + k] + Math.abs(a) * tangentialShare * t[k]);
      }
      float[] centre = {p[3 * v], p[3 * v + 1], p[3 * v + 2]};
      bumps.add(new RbfBump(centre, radius, d));
      if (rng.nextDouble() < options.mirroredFraction()) {
        bumps.add(new RbfBump(new float[] {-centre[0], centre[1], centre[2]}, radius, new float[] {-d[0], d[1], d[2]}));
      }
    }
    return new OffSpanDeformation(bumps, 1f);
  }

  /**
   * Draws and applies a plausible deformation; returns the deformation actually applied (its scale
   * may be below 1, or 0 when no plausible one was found).
   */
  public Result deform(HeadShape head, SplittableRandom rng) {
    OffSpanDeformation d = sample(head, rng);
    for (int attempt = 0; attempt < 4; attempt++) {
      float[] full = d.apply(head.fullPositions());
      HeadModel.toCanonicalFrame(topology, full); // the bumps may move the eye joints: re-centre
      HeadShape deformed = new HeadShape(topology, head.params(), full);
      if (validity.check(deformed.headMesh()).valid()) {
        return new Result(deformed, d);
      }
      d = d.withScale(d.scale() / 2);
    }
    return new Result(head, OffSpanDeformation.none());
  }

  /**
   * @param head the deformed head
   * @param deformation what was applied
   */
  public record Result(HeadShape head, OffSpanDeformation deformation) {}

  private static float[] tangent(float[] normals, int v, SplittableRandom rng) {
    double nx = normals[3 * v];
    double ny = normals[3 * v + 1];
    double nz = normals[3 * v + 2];
    double rx = Gaussian.next(rng);
    double ry = Gaussian.next(rng);
    double rz = Gaussian.next(rng);
    double dot = rx * nx + ry * ny + rz * nz;
    rx -= dot * nx;
    ry -= dot * ny;
    rz -= dot * nz;
    double len = Math.sqrt(rx * rx + ry * ry + rz * rz);
    return len == 0 ? new float[3] : new float[] {(float) (rx / len), (float) (ry / len), (float) (rz / len)};
  }

}
