package dev.topos.synth.albedo;

import dev.topos.geometry.Mesh;
import dev.topos.topology.Region;
import dev.topos.topology.ReferenceTopology;

/**
 * The static, person-independent maps the albedo is painted with, one value per inside texel of a
 * {@link UvSurface} (its order), all derived from the reference head's geometry, region labels and
 * landmarks so that they are continuous across UV seams:
 *
 * <ul>
 *   <li>the reference-head surface position (millimetres) and unit normal of each texel;
 *   <li>its region (the label with the largest interpolated one-hot weight);
 *   <li>soft region masks in [0, 1] from the signed 3-D distance to each region's border
 *       ({@link RegionDistance}) through a smoothstep of a region-specific width: lips and mouth
 *       +/-1 mm (sharp vermilion border), nose -4..+6 mm, ears +/-4 mm, eye sockets -2..+8 mm,
 *       scalp +/-5 mm, neck +/-10 mm;
 *   <li>cheeks (Gaussian of 16 mm around MediaPipe landmarks 50 and 280, raised 5 mm), the T-zone
 *       (forehead midline, nose, chin), sun exposure (upward and forward facing skin of the
 *       forehead, nose and cheeks) and eye shadow (around the eye sockets, strongest below them);
 *   <li>the beard zone: moustache, chin, jaw, cheeks below a line from the nose wings (y = -50 mm)
 *       to the bottom of the sideburns (y = -22 mm), sideburns (a strip about 24 mm deep in front
 *       of the ears, up to y = 10 mm) and the front of the upper neck, with a
 *       "rank" from 0 at the chin and moustache to 1 at the far edges (used for the beard's
 *       coverage);
 *   <li>the {@link EyebrowBand}.
 * </ul>
 *
 * All the hand-placed geometry is in millimetres in the canonical head frame of the reference
 * head (docs/FRAME.md: +Y up, face along +Z, +X the head's left, origin between the eyes).
 * Immutable; accessors return fresh copies.
 */
public final class FaceZones {
  final int count;
  final float[] position;
  final float[] normal;
  final byte[] region;
  final float[] lips;
  final float[] nose;
  final float[] ears;
  final float[] eyeSockets;
  final float[] mouth;
  final float[] scalp;
  final float[] neck;
  final float[] cheek;
  final float[] tZone;
  final float[] sun;
  final float[] eyeShadow;
  final float[] beardZone;
  final float[] beardRank;
  final EyebrowBand brows;

  public FaceZones(ReferenceTopology topology, UvSurface surface) {
    Mesh head = topology.head();
    count = surface.insideCount();
    float[] mm = head.positions().clone();
    for (int i = 0; i < mm.length; i++) {
      mm[i] *= 1000;
    }
    position = surface.interpolate(mm, 3);
    normal = surface.interpolate(head.vertexNormals(), 3);
    for (int k = 0; k < count; k++) {
      float nx = normal[3 * k];
      float ny = normal[3 * k + 1];
      float nz = normal[3 * k + 2];
      float n = (float) Math.sqrt(nx * nx + ny * ny + nz * nz);
      if (n > 0) {
        normal[3 * k] = nx / n;
        normal[3 * k + 1] = ny / n;
        normal[3 * k + 2] = nz / n;
      }
    }
    Region[] labels = topology.regions();
    Region[] all = Region.values();
    float[] oneHot = new float[labels.length * all.length];
    for (int i = 0; i < labels.length; i++) {
      oneHot[i * all.length + labels[i].ordinal()] = 1;
    }
    float[] weights = surface.interpolate(oneHot, all.length);
    region = new byte[count];
    for (int k = 0; k < count; k++) {
      int best = 0;
      for (int r = 1; r < all.length; r++) {
        if (weights[k * all.length + r] > weights[k * all.length + best]) {
          best = r;
        }
      }
      region[k] = (byte) best;
    }
    lips = soft(surface, head, labels, Region.LIPS, -1, 1);
    mouth = soft(surface, head, labels, Region.MOUTH_CAVITY, -1, 1);
    nose = soft(surface, head, labels, Region.NOSE, -4, 6);
    ears = soft(surface, head, labels, Region.EARS, -4, 4);
    eyeSockets = soft(surface, head, labels, Region.EYE_SOCKETS, -2, 8);
    scalp = soft(surface, head, labels, Region.SCALP, -5, 5);
    neck = soft(surface, head, labels, Region.NECK, -10, 10);
    float[] eyeDistance = surface.interpolate(RegionDistance.signedMm(head, labels, Region.EYE_SOCKETS), 1);

    float[] lm = topology.landmarks("mediapipe468").evaluate(head.positions());
    for (int i = 0; i < lm.length; i++) {
      lm[i] *= 1000;
    }
    cheek = new float[count];
    tZone = new float[count];
    sun = new float[count];
    eyeShadow = new float[count];
    beardZone = new float[count];
    beardRank = new float[count];
    float[][] cheekCentres = {{lm[150], lm[151] + 5, lm[152]}, {lm[840], lm[841] + 5, lm[842]}};
    for (int k = 0; k < count; k++) {
      float x = position[3 * k];
      float y = position[3 * k + 1];
      float z = position[3 * k + 2];
      float nz = normal[3 * k + 2];
      float ny = normal[3 * k + 1];
      float notFeature = (1 - lips[k]) * (1 - mouth[k]);
      float skin = notFeature * (1 - ears[k]) * (1 - scalp[k]);

      float c = 0;
      for (float[] cc : cheekCentres) {
        float dx = x - cc[0];
        float dy = y - cc[1];
        float dz = z - cc[2];
        c = Math.max(c, gauss((dx * dx + dy * dy + dz * dz) / (16f * 16f)));
      }
      cheek[k] = c * skin * (1 - nose[k]) * (1 - 0.7f * eyeSockets[k]);

      float midline = gauss(x * x / (18f * 18f));
      float front = smoothstep(-15, 5, z);
      float forehead = midline * smoothstep(8, 25, y) * smoothstep(85, 65, y);
      float chin = gauss(x * x / (16f * 16f)) * smoothstep(-82, -92, y) * smoothstep(-112, -100, y);
      tZone[k] = Math.max(nose[k], Math.max(forehead, chin) * front) * notFeature;

      float facing = smoothstep(-0.1f, 0.6f, nz + 0.5f * ny);
      float band = smoothstep(-65, -45, y) * smoothstep(95, 70, y);
      sun[k] = facing * band * skin * (1 - 0.6f * eyeSockets[k]) * smoothstep(-30, -5, z);

      float near = smoothstep(12, -3, eyeDistance[k]);
      eyeShadow[k] = near * (0.5f + 0.5f * smoothstep(3, -8, y)) * (Math.abs(x) < 55 ? 1 : smoothstep(70, 55, Math.abs(x)));

      float ax = Math.abs(x);
      // Upper edge of the beard: under the nose, then rising from the nose wings to the bottom
      // of the sideburns in front of the ear lobes.
      float yb = ax < 20 ? -50 : Math.min(-22, -50 + (ax - 20) * (28f / 40f));
      float below = smoothstep(yb + 5, yb - 5, y);
      // Sideburns: a strip in front of the ear, up to about the top of the ear's attachment.
      float sideburn = smoothstep(48, 56, ax) * smoothstep(12, 2, y) * smoothstep(-66, -58, z) * smoothstep(-30, -40, z);
      float zone = Math.max(below, sideburn);
      zone *= smoothstep(-142, -122, y); // fades out down the neck
      zone *= smoothstep(-62, -50, z); // nothing behind the jaw line and ears
      zone *= notFeature * (1 - nose[k]) * (1 - ears[k]) * (1 - eyeSockets[k]) * (1 - 0.8f * scalp[k]);
      beardZone[k] = zone;
      float rx = Math.max(0, ax - 18) / 45f;
      float ry = Math.max(0, -y - 106) / 22f;
      beardRank[k] = Math.min(1, (float) Math.sqrt(rx * rx + ry * ry));
    }
    brows = new EyebrowBand(lm, position);
  }

  private static float[] soft(UvSurface surface, Mesh head, Region[] labels, Region r, float inner, float outer) {
    float[] d = surface.interpolate(RegionDistance.signedMm(head, labels, r), 1);
    for (int k = 0; k < d.length; k++) {
      d[k] = smoothstep(outer, inner, d[k]);
    }
    return d;
  }

  static float gauss(float q) {
    // exp(-q/2) as (1 - q/64)^32: close enough, and bit-reproducible without Math.exp.
    if (q > 18) {
      return 0;
    }
    float t = 1 - q / 64;
    t *= t; // 2
    t *= t; // 4
    t *= t; // 8
    t *= t; // 16
    t *= t; // 32
    return t;
  }

  static float smoothstep(float a, float b, float x) {
    float t = (x - a) / (b - a);
    t = t < 0 ? 0 : (t > 1 ? 1 : t);
    return t * t * (3 - 2 * t);
  }

  /** Number of inside texels covered. */
  public int count() {
    return count;
  }

  /** Reference-head surface position of each inside texel, millimetres, [K*3]. */
  public float[] positionsMm() {
    return position.clone();
  }

  /** Region of inside texel k. */
  public Region region(int k) {
    return Region.values()[region[k]];
  }

  /** Soft mask of a region (see the class comment), [K]. */
  public float[] regionMask(Region r) {
    return switch (r) {
      case LIPS -> lips.clone();
      case MOUTH_CAVITY -> mouth.clone();
      case NOSE -> nose.clone();
      case EARS -> ears.clone();
      case EYE_SOCKETS -> eyeSockets.clone();
      case SCALP -> scalp.clone();
      case NECK -> neck.clone();
      case FACE -> {
        float[] f = new float[count];
        for (int k = 0; k < count; k++) {
          f[k] = region[k] == Region.FACE.ordinal() ? 1 : 0;
        }
        yield f;
      }
    };
  }

  /** Cheek weight, [K]. */
  public float[] cheek() {
    return cheek.clone();
  }

  /** T-zone weight (forehead midline, nose, chin), [K]. */
  public float[] tZone() {
    return tZone.clone();
  }

  /** Beard zone weight, [K]. */
  public float[] beardZone() {
    return beardZone.clone();
  }

  /** Beard rank: 0 at the chin and moustache to 1 at the edges of the zone, [K]. */
  public float[] beardRank() {
    return beardRank.clone();
  }

  /** The eyebrow band. */
  public EyebrowBand brows() {
    return brows;
  }
}
