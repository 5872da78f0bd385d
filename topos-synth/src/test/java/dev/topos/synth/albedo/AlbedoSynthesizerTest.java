package dev.topos.synth.albedo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import dev.topos.render.Texture;
import dev.topos.topology.ReferenceTopology;
import dev.topos.topology.Region;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlbedoSynthesizerTest {
  private HeadModel model;
  private ReferenceTopology topology;
  private AlbedoSynthesizer synth;
  private AlbedoSynthesizer big;
  private final AlbedoPrior prior = new AlbedoPrior();

  @BeforeAll
  void setUp() {
    model = HeadModel.loadBundled();
    topology = model.topology();
    synth = new AlbedoSynthesizer(topology, 256);
    big = new AlbedoSynthesizer(topology, 512);
  }

  private AlbedoParams sample(long seed) {
    HeadParams head = model.prior().sample(new SplittableRandom(seed), false);
    return prior.sample(head, new SplittableRandom(seed * 31 + 7));
  }

  /** An adult with medium skin and given facial hair, dark hair. */
  private static AlbedoParams person(double melanin, double stubble, double beard, double coverage) {
    HairPigment dark = new HairPigment(6, 0.3, 0);
    return new AlbedoParams(melanin, 0.025, 0, 2.6, 1.0, 1.5, 1.3, 1.5, 0.3, 0.4, 0.8, 1.0, dark,
        stubble, beard, coverage, dark, 0.5, 0, 0.5, 0.5, 0.5, 0.2);
  }

  private static double luminance(float[] rgb, int t) {
    return 0.2126 * rgb[3 * t] + 0.7152 * rgb[3 * t + 1] + 0.0722 * rgb[3 * t + 2];
  }

  @Test
  void sameParamsAndSeedGiveIdenticalMaps() {
    AlbedoParams p = sample(3);
    AlbedoMaps a = synth.generate(p, 42);
    AlbedoMaps b = synth.generate(p, 42);
    assertArrayEquals(a.albedo().rgb(), b.albedo().rgb());
    assertArrayEquals(a.roughness(), b.roughness());
    assertArrayEquals(a.specular(), b.specular());
    assertEquals(256, a.size());
  }

  @Test
  void differentSeedsGiveDifferentMaps() {
    AlbedoParams p = sample(3);
    float[] a = synth.generate(p, 1).albedo().rgb();
    float[] b = synth.generate(p, 2).albedo().rgb();
    UvSurface s = synth.surface();
    int differ = 0;
    for (int k = 0; k < s.insideCount(); k++) {
      int t = s.texel(k);
      if (a[3 * t] != b[3 * t]) {
        differ++;
      }
    }
    assertTrue(differ > 0.9 * s.insideCount(), differ + " of " + s.insideCount() + " texels differ");
  }

  @Test
  void priorSpansTheSkinToneRange() {
    AlbedoSynthesizer small = new AlbedoSynthesizer(topology, 64);
    FaceZones z = small.zones();
    double[] means = new double[500];
    for (int i = 0; i < means.length; i++) {
      float[] rgb = small.generate(sample(1000 + i), i).albedo().rgb();
      double sum = 0;
      int n = 0;
      for (int k = 0; k < z.count(); k++) {
        if (z.region(k) == Region.FACE) {
          sum += luminance(rgb, small.surface().texel(k));
          n++;
        }
      }
      means[i] = sum / n;
    }
    Arrays.sort(means);
    double p2 = means[(int) (0.02 * (means.length - 1))];
    double p98 = means[(int) Math.round(0.98 * (means.length - 1))];
    assertTrue(p98 / p2 >= 4, "FACE luminance p2 " + p2 + ", p98 " + p98 + ", ratio " + p98 / p2);
  }

  @Test
  void lipsAreRedderThanTheFace() {
    FaceZones z = synth.zones();
    for (int i = 0; i < 20; i++) {
      float[] rgb = synth.generate(sample(200 + i), i).albedo().rgb();
      double lips = 0;
      double face = 0;
      int nl = 0;
      int nf = 0;
      for (int k = 0; k < z.count(); k++) {
        int t = synth.surface().texel(k);
        double ratio = rgb[3 * t] / Math.max(1e-6, rgb[3 * t + 1]);
        if (z.region(k) == Region.LIPS) {
          lips += ratio;
          nl++;
        } else if (z.region(k) == Region.FACE) {
          face += ratio;
          nf++;
        }
      }
      assertTrue(nl > 50 && nf > 1000);
      assertTrue(lips / nl > face / nf, "sample " + i + ": lips r/g " + lips / nl + " vs face " + face / nf);
    }
  }

  @Test
  void beardDarkensChinAndJaw() {
    FaceZones z = synth.zones();
    float[] zone = z.beardZone();
    float[] rank = z.beardRank();
    for (double melanin : new double[] {0.01, 0.05, 0.15}) {
      float[] bare = synth.generate(person(melanin, 0, 0, 0), 5).albedo().rgb();
      float[] beard = synth.generate(person(melanin, 0, 0.8, 0.5), 5).albedo().rgb();
      float[] stubble = synth.generate(person(melanin, 0.8, 0, 0), 5).albedo().rgb();
      double sBare = 0;
      double sBeard = 0;
      double sStubble = 0;
      int n = 0;
      for (int k = 0; k < z.count(); k++) {
        if (zone[k] > 0.8 && rank[k] < 0.3) { // chin and jaw front
          int t = synth.surface().texel(k);
          sBare += luminance(bare, t);
          sBeard += luminance(beard, t);
          sStubble += luminance(stubble, t);
          n++;
        }
      }
      assertTrue(n > 200, "chin texels: " + n);
      assertTrue(sBeard < 0.6 * sBare, "beard " + sBeard / n + " vs bare " + sBare / n);
      assertTrue(sStubble < 0.85 * sBare, "stubble " + sStubble / n + " vs bare " + sStubble / n);
    }
  }

  @Test
  void mapsAreInRangeAndFinite() {
    List<AlbedoParams> params = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      params.add(sample(300 + i));
    }
    HairPigment white = new HairPigment(0, 0, 1);
    HairPigment black = new HairPigment(10, 5, 0);
    params.add(new AlbedoParams(0.003, 0.15, -1, 6, 0.3, 4, 4, 4, 1, 1, 1, 2, white, 1, 1, 1, white, 1, 1, 5, 1, 0, 1));
    params.add(new AlbedoParams(0.6, 0.002, 1, 1, 2.5, 1, 1, 1, 0, 0, 0, 0.4, black, 0, 0, 0, black, 0, 0, 0, 0, 1, 0));
    boolean[] inside = synth.surface().insideMask();
    for (int i = 0; i < params.size(); i++) {
      AlbedoMaps m = synth.generate(params.get(i), i);
      float[] rgb = m.albedo().rgb();
      for (int t = 0; t < inside.length; t++) {
        for (int c = 0; c < 3; c++) {
          float v = rgb[3 * t + c];
          assertTrue(Float.isFinite(v) && v >= 0 && v <= 1, "albedo " + v + " at texel " + t);
        }
        float r = m.roughness()[t];
        assertTrue(Float.isFinite(r) && r > 0 && r <= 1, "roughness " + r + " at texel " + t);
        float s = m.specular()[t];
        assertTrue(Float.isFinite(s) && s >= 0 && s <= 1, "specular " + s + " at texel " + t);
      }
      assertTrue(m.roughness()[0] > 0, "background roughness");
    }
  }

  @Test
  void glossyLipsAndOilyTZone() {
    AlbedoMaps m = synth.generate(person(0.05, 0, 0, 0), 1);
    FaceZones z = synth.zones();
    float[] tz = z.tZone();
    double lips = 0;
    double face = 0;
    double tZone = 0;
    int nl = 0;
    int nf = 0;
    int nt = 0;
    for (int k = 0; k < z.count(); k++) {
      int t = synth.surface().texel(k);
      if (z.region(k) == Region.LIPS) {
        lips += m.roughness()[t];
        nl++;
      } else if (z.region(k) == Region.FACE && tz[k] < 0.05) {
        face += m.roughness()[t];
        nf++;
      } else if (tz[k] > 0.8) {
        tZone += m.specular()[t];
        nt++;
      }
    }
    assertTrue(lips / nl < face / nf - 0.1, "lips roughness " + lips / nl + " vs face " + face / nf);
    assertTrue(tZone / nt > 0.03, "T-zone specular " + tZone / nt);
  }

  @Test
  void paddingCopiesIslandTexelsAndBackgroundIsSkin() {
    AlbedoMaps m = synth.generate(sample(9), 9);
    float[] rgb = m.albedo().rgb();
    boolean[] inside = synth.surface().insideMask();
    boolean[] covered = synth.surface().coveredMask();
    int size = synth.size();
    int padded = 0;
    for (int t = 0; t < inside.length; t++) {
      if (!covered[t] || inside[t]) {
        continue;
      }
      padded++;
      // A padding texel holds the value of an island texel within `padding` rings.
      boolean found = false;
      int x = t % size;
      int y = t / size;
      int r = synth.padding();
      for (int dy = -r; dy <= r && !found; dy++) {
        for (int dx = -r; dx <= r && !found; dx++) {
          int nx = x + dx;
          int ny = y + dy;
          if (nx >= 0 && ny >= 0 && nx < size && ny < size && inside[ny * size + nx]) {
            int n = ny * size + nx;
            found = rgb[3 * n] == rgb[3 * t] && rgb[3 * n + 1] == rgb[3 * t + 1] && rgb[3 * n + 2] == rgb[3 * t + 2];
          }
        }
      }
      assertTrue(found, "padding texel " + t + " does not copy a nearby island texel");
    }
    assertTrue(padded > 1000, "padded texels: " + padded);
  }

  @Test
  void colourIsContinuousAcrossUvSeams() {
    // A vertex on a UV seam has several UV coordinates; sampling the texture at each should give
    // nearly the same colour (noise is evaluated at the 3-D position, islands are padded).
    Mesh head = topology.head();
    int v = head.vertexCount();
    int[] firstUv = new int[v];
    Arrays.fill(firstUv, -1);
    List<int[]> pairs = new ArrayList<>();
    for (int c = 0; c < head.faceVertices().length; c++) {
      int vertex = head.faceVertices()[c];
      int uv = head.faceUvs()[c];
      if (firstUv[vertex] < 0) {
        firstUv[vertex] = uv;
      } else if (firstUv[vertex] != uv) {
        pairs.add(new int[] {firstUv[vertex], uv});
      }
    }
    assertTrue(pairs.size() > 100, "seam corners: " + pairs.size());
    Texture albedo = big.generate(sample(11), 11).albedo();
    float[] uvs = head.uvs();
    double seam = 0;
    double random = 0;
    SplittableRandom rng = new SplittableRandom(1);
    for (int[] p : pairs) {
      float a = albedo.sample(uvs[2 * p[0]], uvs[2 * p[0] + 1], 1);
      float b = albedo.sample(uvs[2 * p[1]], uvs[2 * p[1] + 1], 1);
      int q = rng.nextInt(uvs.length / 2);
      float c = albedo.sample(uvs[2 * q], uvs[2 * q + 1], 1);
      seam += Math.abs(a - b);
      random += Math.abs(a - c);
    }
    seam /= pairs.size();
    random /= pairs.size();
    assertTrue(seam < 0.5 * random, "mean |difference| across seams " + seam + " vs random pairs " + random);
  }

  @Test
  void eyebrowsDarkenTheBrowBand() {
    HairPigment dark = new HairPigment(7, 0.2, 0);
    AlbedoParams with = person(0.03, 0, 0, 0);
    AlbedoParams without = new AlbedoParams(0.03, 0.025, 0, 2.6, 1.0, 1.5, 1.3, 1.5, 0.3, 0.4, 0, 1.0, dark,
        0, 0, 0, dark, 0.5, 0, 0.5, 0.5, 0.5, 0.2);
    float[] a = big.generate(with, 3).albedo().rgb();
    float[] b = big.generate(without, 3).albedo().rgb();
    EyebrowBand band = big.zones().brows();
    double sa = 0;
    double sb = 0;
    int[] sides = new int[2];
    for (int i = 0; i < band.count(); i++) {
      if (Math.abs(band.offsetMm(i)) < 0.5f * band.halfWidthMm(i) && band.beyondMm(i) == 0) {
        int t = big.surface().texel(band.insideIndex(i));
        sa += luminance(a, t);
        sb += luminance(b, t);
        sides[band.side(i)]++;
      }
    }
    assertTrue(sides[0] > 20 && sides[1] > 20, "band texels per side " + Arrays.toString(sides));
    assertTrue(sa < 0.6 * sb, "brows " + sa + " vs bare " + sb);
  }

  @Test
  void eyeTextureAndVertexColours() {
    HairPigment h = new HairPigment(2, 0.3, 0);
    AlbedoParams blue = new AlbedoParams(0.03, 0.025, 0, 2.6, 1.0, 1.5, 1.3, 1.5, 0.3, 0.4, 0.8, 1.0, h,
        0, 0, 0, h, 0.5, 0, 0.5, 0.5, 0, 0);
    Texture eye = synth.eyeTexture(blue);
    float[] centre = new float[3];
    float[] iris = new float[3];
    float[] sclera = new float[3];
    eye.sample(0.5f, 0.5f, centre, 0);
    float irisR = 0.5f * (0.25f / (float) Math.PI); // theta 0.25 rad
    eye.sample(0.5f + irisR, 0.5f, iris, 0);
    eye.sample(0.5f + 0.25f, 0.5f, sclera, 0); // theta pi/2
    assertTrue(centre[0] + centre[1] + centre[2] < 0.05, "pupil " + Arrays.toString(centre));
    assertTrue(iris[2] > iris[0], "a blue iris is blue: " + Arrays.toString(iris));
    assertTrue(sclera[0] > 0.5 && sclera[1] > 0.5, "sclera " + Arrays.toString(sclera));

    Mesh eyeMesh = topology.part("eye.L").orElseThrow().mesh();
    float[] colours = synth.eyeVertexColors(blue, eyeMesh);
    float[] uv = EyeAlbedo.uvs(eyeMesh);
    assertEquals(3 * eyeMesh.vertexCount(), colours.length);
    assertEquals(2 * eyeMesh.vertexCount(), uv.length);
    float darkest = Float.MAX_VALUE;
    float brightest = 0;
    for (int i = 0; i < eyeMesh.vertexCount(); i++) {
      assertTrue(uv[2 * i] >= 0 && uv[2 * i] <= 1 && uv[2 * i + 1] >= 0 && uv[2 * i + 1] <= 1);
      float sum = colours[3 * i] + colours[3 * i + 1] + colours[3 * i + 2];
      float z = eyeMesh.positions()[3 * i + 2];
      if (z > 0.013f) { // front cap
        darkest = Math.min(darkest, sum);
      }
      brightest = Math.max(brightest, sum);
    }
    assertTrue(darkest < 0.5f * brightest, "front cap " + darkest + " vs sclera " + brightest);
    float[] brown = EyeAlbedo.irisRgb(1, 0);
    assertTrue(brown[0] > brown[2] && brown[0] < 0.15f, "brown iris " + Arrays.toString(brown));
  }
}
