package dev.topos.synth.albedo;

import dev.topos.geometry.Gaussian;
import dev.topos.geometry.Mesh;
import dev.topos.render.Texture;
import dev.topos.topology.Region;
import dev.topos.topology.ReferenceTopology;
import java.util.SplittableRandom;

/**
 * Procedural skin albedo, roughness and specular maps in the reference head's UV layout (the
 * MakeHuman hm08 layout; the head's islands cover about 22 % of the atlas).
 *
 * <p>Built once per topology and texture size: the constructor rasterizes the UV layout
 * ({@link UvSurface}) and derives the static maps ({@link FaceZones}: surface positions, soft
 * region masks, cheeks, T-zone, eyebrow band, beard zone). {@link #generate} then paints one
 * person, texel by texel over the islands, on the calling thread:
 *
 * <ol>
 *   <li>per texel a log melanin multiplier and a log blood multiplier: smooth multi-octave gradient
 *       noise (scales 35 and 25 mm, 6 mm mottling) evaluated at the 3-D surface position, so it is
 *       continuous across UV seams; regional blood (lips, cheeks, nose, ears, mouth) and melanin
 *       (lips, eye shadow); freckles (thresholded 2.5 mm noise on sun-exposed skin) and moles
 *       (random discs on the surface);
 *   <li>albedo from the spectral skin model through a per-person {@link SkinColorTable};
 *   <li>pores (fine noise, darker dots and rougher skin), then stubble, beard and eyebrow hair
 *       blended over the skin with the {@link HairPigment} colours: eyebrows as streaks along the
 *       hair direction inside the landmark band, the beard growing from chin and moustache outwards
 *       with its coverage;
 *   <li>roughness (0.5 skin, an oily T-zone down to 0.35, pores up to +0.08, lips 0.32, mouth 0.2,
 *       scalp 0.56, hair about 0.7) and specular reflectance at normal incidence (0.028 skin, up to
 *       0.045 in an oily T-zone, lips 0.035, mouth 0.045, hair 0.03);
 *   <li>padding of {@link #padding()} texels around every island ({@link UvSurface#dilate}); all
 *       other background texels get the person's base skin colour, roughness 0.5 and specular
 *       0.028.
 * </ol>
 *
 * <p>Fine detail is scaled to the texture: pore, stubble and eyebrow-hair noise cells are never much
 * smaller than a texel ({@link UvSurface#mmPerTexel()}), so they do not alias into speckle.
 * The same params and seed give bit-identical maps on every platform (no transcendental functions
 * in the per-texel code). Thread-safe: one instance can serve many threads.
 */
public final class AlbedoSynthesizer {
  private static final float LN_MOUTH_BLOOD = (float) StrictMath.log(3.0);
  private static final float LN_MOUTH_MELANIN = (float) StrictMath.log(0.3);
  private static final float BASE_ROUGHNESS = 0.5f;
  private static final float BASE_SPECULAR = 0.028f;

  private final UvSurface surface;
  private final FaceZones zones;
  private final SkinReflectance skin = new SkinReflectance();
  private final SpectralColor colour = new SpectralColor();
  /** Per eyebrow-band texel: coordinates along and across the local hair direction, millimetres. */
  private final float[] browHairA;
  private final float[] browHairB;
  /** Cumulative area of the mole-bearing head triangles (mm^2) and their vertex positions (mm). */
  private final double[] moleCdf;
  private final float[] moleTriangles;

  /**
   * @param topology the reference topology (its head's UV layout and regions)
   * @param size texture side in texels, &gt;= 64 (512 is the dataset size)
   */
  public AlbedoSynthesizer(ReferenceTopology topology, int size) {
    if (size < 64) {
      throw new IllegalArgumentException("texture size must be >= 64: " + size);
    }
    surface = new UvSurface(topology.head(), size, Math.max(4, size / 64));
    zones = new FaceZones(topology, surface);
    EyebrowBand b = zones.brows;
    browHairA = new float[b.count()];
    browHairB = new float[b.count()];
    for (int i = 0; i < b.count(); i++) {
      // Hairs point up at the brow's head and turn lateral (and slightly down) towards the tail.
      double t = b.alongMm(i) / b.lengthMm(i);
      double angle = Math.toRadians(70 - 55 * FaceZones.smoothstep(0, 0.35f, (float) t)
          - 12 * FaceZones.smoothstep(0.6f, 1, (float) t));
      double s = b.alongMm(i);
      double o = b.offsetMm(i);
      browHairA[i] = (float) (s * StrictMath.cos(angle) + o * StrictMath.sin(angle));
      browHairB[i] = (float) (-s * StrictMath.sin(angle) + o * StrictMath.cos(angle));
    }
    Mesh head = topology.head();
    int[] tv = head.triangles();
    float[] p = head.positions();
    Region[] labels = topology.regions();
    int n = tv.length / 3;
    moleCdf = new double[n];
    moleTriangles = new float[9 * n];
    double sum = 0;
    for (int t = 0; t < n; t++) {
      for (int c = 0; c < 3; c++) {
        for (int a = 0; a < 3; a++) {
          moleTriangles[9 * t + 3 * c + a] = 1000 * p[3 * tv[3 * t + c] + a];
        }
      }
      boolean skinTriangle = true;
      for (int c = 0; c < 3; c++) {
        Region r = labels[tv[3 * t + c]];
        skinTriangle &= r != Region.MOUTH_CAVITY && r != Region.LIPS;
      }
      if (skinTriangle) {
        sum += area(moleTriangles, 9 * t);
      }
      moleCdf[t] = sum;
    }
  }

  private static double area(float[] v, int o) {
    double ax = v[o + 3] - v[o];
    double ay = v[o + 4] - v[o + 1];
    double az = v[o + 5] - v[o + 2];
    double bx = v[o + 6] - v[o];
    double by = v[o + 7] - v[o + 1];
    double bz = v[o + 8] - v[o + 2];
    double cx = ay * bz - az * by;
    double cy = az * bx - ax * bz;
    double cz = ax * by - ay * bx;
    return 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
  }

  /** Texture side in texels. */
  public int size() {
    return surface.size();
  }

  /** Rings of padding texels around the UV islands. */
  public int padding() {
    return surface.padding();
  }

  /** The rasterized UV layout. */
  public UvSurface surface() {
    return surface;
  }

  /** The static maps (regions, zones, eyebrow band) per inside texel. */
  public FaceZones zones() {
    return zones;
  }

  /** Area of the head surface that can carry moles, square decimetres. */
  public double moleAreaDm2() {
    return moleCdf[moleCdf.length - 1] / 1e4;
  }

  /** Paints one person's maps; the same params and seed always give the same maps. */
  public AlbedoMaps generate(AlbedoParams p, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    GradientNoise lowMelanin = new GradientNoise(rng.nextLong());
    GradientNoise lowBlood = new GradientNoise(rng.nextLong());
    GradientNoise mottle = new GradientNoise(rng.nextLong());
    GradientNoise pores = new GradientNoise(rng.nextLong());
    GradientNoise freckles = new GradientNoise(rng.nextLong());
    GradientNoise hair = new GradientNoise(rng.nextLong());
    GradientNoise beardEdge = new GradientNoise(rng.nextLong());
    GradientNoise brow = new GradientNoise(rng.nextLong());
    float browShift = (float) (0.12 * Gaussian.next(rng));
    float[] moles = sampleMoles(p, rng);

    SkinColorTable table = new SkinColorTable(skin, colour, p.melanin(), p.haemoglobin(), p.oxygenation(), p.carotene());
    int size = surface.size();
    int texels = size * size;
    float[] rgb = new float[3 * texels];
    float[] rough = new float[texels];
    float[] spec = new float[texels];
    float[] base = new float[3];
    table.lookup(0, 0, base, 0);
    for (int i = 0; i < texels; i++) {
      rgb[3 * i] = base[0];
      rgb[3 * i + 1] = base[1];
      rgb[3 * i + 2] = base[2];
      rough[i] = BASE_ROUGHNESS;
      spec[i] = BASE_SPECULAR;
    }

    int k = zones.count;
    float[] lnMel = new float[k];
    float[] lnBlood = new float[k];
    paintPigment(p, lowMelanin, lowBlood, mottle, freckles, lnMel, lnBlood);
    paintMoles(moles, lnMel);
    float[] browOpacity = paintBrows(p, brow, browShift);

    float[] browRgb = p.eyebrowPigment().linearRgb();
    float[] beardRgb = p.beardPigment().linearRgb();
    float mmPerTexel = surface.mmPerTexel();
    float poreInv = 1 / Math.max(0.8f, 1.2f * mmPerTexel);
    float hairInv = 1 / Math.max(0.6f, 1.2f * mmPerTexel);
    float edgeInv = 1 / 7f;
    float poreAmp = (float) p.poreDensity();
    float stubble = (float) p.stubble();
    float beard = (float) p.beard();
    float reach = (float) (0.12 + 0.88 * p.beardCoverage());
    float oil = (float) p.oiliness();
    float[] pos = zones.position;
    for (int i = 0; i < k; i++) {
      int t = surface.texel(i);
      int o = 3 * t;
      table.lookup(lnMel[i], lnBlood[i], rgb, o);
      float x = pos[3 * i];
      float y = pos[3 * i + 1];
      float z = pos[3 * i + 2];
      float lips = zones.lips[i];
      float mouth = zones.mouth[i];
      float tz = zones.tZone[i];

      // Pores: darker dots, a little rougher and less specular.
      float poreNoise = pores.noise(x * poreInv, y * poreInv, z * poreInv);
      float pore = poreAmp * FaceZones.smoothstep(0.05f, 0.45f, poreNoise)
          * (0.45f + 0.55f * Math.max(tz, zones.cheek[i])) * (1 - lips) * (1 - mouth);
      float dim = 1 - 0.14f * pore;
      rgb[o] *= dim;
      rgb[o + 1] *= dim;
      rgb[o + 2] *= dim;

      float r = BASE_ROUGHNESS - 0.15f * oil * tz + 0.08f * pore;
      float s = (BASE_SPECULAR + 0.017f * oil * tz) * (1 - 0.3f * pore);
      r += lips * (0.32f - r) + mouth * (0.2f - r);
      s += lips * (0.035f - s) + mouth * (0.045f - s);
      r += zones.scalp[i] * 0.06f;

      // Stubble and beard.
      float zone = zones.beardZone[i];
      float hairOpacity = 0;
      if (zone > 0 && (stubble > 0 || beard > 0)) {
        float h = hair.noise(x * hairInv, y * hairInv, z * hairInv);
        float edge = beardEdge.fbm(x * edgeInv, y * edgeInv, z * edgeInv, 2);
        float ragged = FaceZones.smoothstep(0, 1, 1.3f * zone - 0.15f + 1.0f * edge);
        float st = stubble * ragged * (0.32f + 0.16f * FaceZones.smoothstep(-0.25f, 0.25f, h));
        float grown = FaceZones.smoothstep(reach + 0.06f, reach - 0.06f, zones.beardRank[i] + 0.2f * edge);
        float bd = beard * zone * grown * (0.78f + 0.22f * FaceZones.smoothstep(-0.3f, 0.3f, h));
        hairOpacity = 1 - (1 - st) * (1 - bd);
        for (int c = 0; c < 3; c++) {
          rgb[o + c] += hairOpacity * (beardRgb[c] - rgb[o + c]);
        }
        r += hairOpacity * (0.7f - r);
        s += hairOpacity * (0.03f - s);
      }

      // Eyebrows.
      float bo = browOpacity[i];
      if (bo > 0) {
        for (int c = 0; c < 3; c++) {
          rgb[o + c] += bo * (browRgb[c] - rgb[o + c]);
        }
        r += bo * (0.72f - r);
        s += bo * (0.03f - s);
      }
      rough[t] = Math.max(0.05f, Math.min(1, r));
      spec[t] = Math.max(0, Math.min(1, s));
      for (int c = 0; c < 3; c++) {
        rgb[o + c] = Math.max(0, Math.min(1, rgb[o + c]));
      }
    }
    surface.dilate(rgb, 3);
    surface.dilate(rough, 1);
    surface.dilate(spec, 1);
    return new AlbedoMaps(new Texture(size, size, rgb, Texture.Wrap.CLAMP), rough, spec);
  }

  /** Log melanin and blood multipliers from noise, regions, eye shadow and freckles. */
  private void paintPigment(AlbedoParams p, GradientNoise lowMelanin, GradientNoise lowBlood,
      GradientNoise mottle, GradientNoise freckles, float[] lnMel, float[] lnBlood) {
    float blotch = (float) p.blotchiness();
    float lnLipBlood = (float) StrictMath.log(p.lipRedness());
    float lnLipMel = (float) StrictMath.log(p.lipMelanin());
    float lnCheek = (float) StrictMath.log(p.cheekRedness());
    float lnNose = (float) StrictMath.log(p.noseRedness());
    float lnEar = (float) StrictMath.log(p.earRedness());
    float lnShadowMel = (float) StrictMath.log(1 + 0.9 * p.eyeSocketDarkening());
    float shadowBlood = (float) (0.4 * p.eyeSocketDarkening());
    float freckle = (float) p.freckleDensity();
    float freckleLo = 0.33f - 0.28f * freckle;
    float freckleInv = 1 / Math.max(2.5f, 1.5f * surface.mmPerTexel());
    float lowInv = 1 / 35f;
    float bloodInv = 1 / 25f;
    float mottleInv = 1 / 6f;
    float[] pos = zones.position;
    for (int i = 0; i < lnMel.length; i++) {
      float x = pos[3 * i];
      float y = pos[3 * i + 1];
      float z = pos[3 * i + 2];
      float lm = blotch * (1.1f * lowMelanin.fbm(x * lowInv, y * lowInv, z * lowInv, 3)
          + 0.3f * mottle.noise(x * mottleInv, y * mottleInv, z * mottleInv));
      float lb = blotch * 0.9f * lowBlood.fbm(x * bloodInv, y * bloodInv, z * bloodInv, 2);
      lb += lnLipBlood * zones.lips[i] + lnCheek * zones.cheek[i] + lnNose * zones.nose[i]
          + lnEar * zones.ears[i] + LN_MOUTH_BLOOD * zones.mouth[i] - 0.25f * zones.scalp[i]
          + shadowBlood * zones.eyeShadow[i];
      lm += lnLipMel * zones.lips[i] + LN_MOUTH_MELANIN * zones.mouth[i] + lnShadowMel * zones.eyeShadow[i];
      float sun = zones.sun[i];
      if (freckle > 0 && sun > 0) {
        float f = freckles.noise(x * freckleInv, y * freckleInv, z * freckleInv);
        lm += 0.95f * sun * FaceZones.smoothstep(freckleLo, freckleLo + 0.12f, f);
      }
      lnMel[i] = lm;
      lnBlood[i] = lb;
    }
  }

  /** Moles: {x, y, z, radius, ln melanin multiplier} per mole, millimetres. */
  private float[] sampleMoles(AlbedoParams p, SplittableRandom rng) {
    double mean = p.moleDensity() * moleAreaDm2();
    // Poisson by multiplication of uniforms (mean stays below about 100).
    double limit = StrictMath.exp(-mean);
    int count = 0;
    double prod = rng.nextDouble();
    while (prod > limit && count < 200) {
      count++;
      prod *= rng.nextDouble();
    }
    float[] out = new float[5 * count];
    double total = moleCdf[moleCdf.length - 1];
    for (int m = 0; m < count; m++) {
      double target = rng.nextDouble() * total;
      int lo = 0;
      int hi = moleCdf.length - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (moleCdf[mid] > target) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      double a = rng.nextDouble();
      double b = rng.nextDouble();
      if (a + b > 1) {
        a = 1 - a;
        b = 1 - b;
      }
      int o = 9 * lo;
      for (int c = 0; c < 3; c++) {
        out[5 * m + c] = (float) ((1 - a - b) * moleTriangles[o + c] + a * moleTriangles[o + 3 + c]
            + b * moleTriangles[o + 6 + c]);
      }
      double u = rng.nextDouble();
      out[5 * m + 3] = (float) (0.5 + 1.7 * u * u);
      out[5 * m + 4] = (float) (1.2 + 1.1 * rng.nextDouble());
    }
    return out;
  }

  private void paintMoles(float[] moles, float[] lnMel) {
    if (moles.length == 0) {
      return;
    }
    float half = 0.6f * Math.max(0.3f, surface.mmPerTexel());
    float[] pos = zones.position;
    for (int m = 0; m < moles.length; m += 5) {
      float mx = moles[m];
      float my = moles[m + 1];
      float mz = moles[m + 2];
      float outer = moles[m + 3] + half;
      float inner = moles[m + 3] - half;
      float dark = moles[m + 4];
      for (int i = 0; i < lnMel.length; i++) {
        float dx = pos[3 * i] - mx;
        if (dx > outer || dx < -outer) {
          continue;
        }
        float dy = pos[3 * i + 1] - my;
        float dz = pos[3 * i + 2] - mz;
        float d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < outer * outer) {
          lnMel[i] += dark * FaceZones.smoothstep(outer, inner, (float) Math.sqrt(d2));
        }
      }
    }
  }

  /** Eyebrow opacity per inside texel (zero outside the band). */
  private float[] paintBrows(AlbedoParams p, GradientNoise noise, float shift) {
    float[] out = new float[zones.count];
    EyebrowBand b = zones.brows;
    float density = (float) p.eyebrowDensity();
    if (density <= 0) {
      return out;
    }
    float thickness = (float) p.eyebrowThickness();
    float across = 1 / Math.max(0.45f, 0.8f * surface.mmPerTexel());
    float alongInv = 1 / Math.max(2.5f, 2.5f * surface.mmPerTexel());
    for (int i = 0; i < b.count(); i++) {
      float t = b.alongMm(i) / b.lengthMm(i);
      // The brow's head is taller than the landmark band, its tail thinner.
      float h = b.halfWidthMm(i) * thickness * (1.2f + 0.3f * FaceZones.smoothstep(0.3f, 0, t));
      float side = 37 * b.side(i);
      float rag = 0.18f * noise.noise(b.alongMm(i) * 0.5f, side, 3.1f);
      float dn = Math.abs(b.offsetMm(i) / h - shift) + rag;
      float band = FaceZones.smoothstep(1.1f, 0.6f, dn);
      float ends = FaceZones.smoothstep(2.5f, 0, b.beyondMm(i));
      float profile = (0.75f + 0.25f * FaceZones.smoothstep(0, 0.25f, t)) * (1 - 0.4f * FaceZones.smoothstep(0.7f, 1, t));
      float streak = noise.noise(browHairA[i] * alongInv, browHairB[i] * across, side + 11.7f);
      float hairs = FaceZones.smoothstep(-0.25f, 0.25f, streak);
      out[b.insideIndex(i)] = Math.min(1, density * band * ends * profile * (0.5f + 0.5f * hairs));
    }
    return out;
  }

  /**
   * The eye texture for this person, 256 x 256, in the layout of {@link EyeAlbedo#uvs} (not the
   * eye part's own, too small UVs; see {@link EyeAlbedo}).
   */
  public Texture eyeTexture(AlbedoParams p) {
    return EyeAlbedo.texture(p, 256);
  }

  /** Per-vertex linear RGB colours of an eye mesh ({@link EyeAlbedo#vertexColors}), [V*3]. */
  public float[] eyeVertexColors(AlbedoParams p, Mesh eye) {
    return EyeAlbedo.vertexColors(p, eye);
  }
}
