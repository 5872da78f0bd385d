package dev.topos.synth;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.topos.render.Material;
import dev.topos.render.Png;
import dev.topos.render.RenderSettings;
import dev.topos.render.Srgb;
import dev.topos.render.Texture;
import dev.topos.synth.albedo.AlbedoMaps;
import dev.topos.synth.albedo.AlbedoParams;
import dev.topos.synth.albedo.AlbedoPrior;
import dev.topos.synth.albedo.AlbedoSynthesizer;
import dev.topos.synth.dataset.Sample;
import dev.topos.synth.dataset.SampleGenerator;
import dev.topos.synth.deform.OffSpanDeformer;
import dev.topos.synth.portrait.PortraitParams;
import dev.topos.synth.portrait.PortraitPrior;
import dev.topos.synth.portrait.PortraitRenderer;
import dev.topos.synth.scan.Scan;
import dev.topos.synth.scan.ScanOptions;
import dev.topos.synth.scan.ScanSimulator;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * The synthetic data engine for one sample: a plausible head from the prior (with an expression
 * now and then), pushed off MakeHuman's linear span, turned into a scan of another topology and a
 * point cloud, and optionally given an albedo and rendered as a portrait. Every random stream
 * derives from the sample seed in a fixed order, so a sample is a pure function of its seed
 * (and the generator is safe to call from many threads).
 */
public final class SyntheticHeadGenerator implements SampleGenerator {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeSpecialFloatingPointValues().create();

  private final HeadModel model;
  private final SynthConfig config;
  private final OffSpanDeformer deformer;
  private final ScanSimulator scans;
  private final AlbedoSynthesizer albedo;
  private final AlbedoPrior albedoPrior;
  private final PortraitRenderer portraits;

  public SyntheticHeadGenerator(HeadModel model, SynthConfig config) {
    this.model = model;
    this.config = config;
    this.deformer = new OffSpanDeformer(model.topology(), OffSpanDeformer.Options.defaults());
    this.scans = new ScanSimulator(model.topology(), ScanOptions.defaults().withPoints(config.points()));
    this.albedo = config.portraits() ? new AlbedoSynthesizer(model.topology(), config.albedoSize()) : null;
    this.albedoPrior = new AlbedoPrior();
    // One thread per portrait: the dataset writer already runs samples in parallel.
    this.portraits = new PortraitRenderer(RenderSettings.defaults().withThreads(1));
  }

  public SynthConfig config() {
    return config;
  }

  /**
   * A sample with the intermediate products that the sample itself does not keep (for previews).
   *
   * @param sample the sample
   * @param scanMesh the simulated scan mesh
   * @param portrait the portrait image, or null
   */
  public record Generated(Sample sample, dev.topos.geometry.Mesh scanMesh, BufferedImage portrait) {}

  @Override
  public Sample generate(long index, long seed) {
    return generateFull(index, seed).sample();
  }

  /** The seeds of one sample's parts, all drawn from the sample seed in this order. */
  private record Seeds(long head, long deform, long scan, long albedo, long portrait, boolean expression) {
    static Seeds of(long seed, double expressionProbability) {
      SplittableRandom master = new SplittableRandom(seed);
      return new Seeds(master.nextLong(), master.nextLong(), master.nextLong(), master.nextLong(), master.nextLong(),
          master.nextDouble() < expressionProbability);
    }
  }

  /**
   * Only the head of the sample with this seed (its {@link Sample#vertices()}, all parts), without
   * scan or portrait: much cheaper when only the shapes matter (e.g. the range of edge lengths).
   */
  public float[] headPositions(long seed) {
    Seeds seeds = Seeds.of(seed, config.expressionProbability());
    HeadShape head = model.sample(seeds.head(), seeds.expression());
    if (config.deform()) {
      head = deformer.deform(head, new SplittableRandom(seeds.deform())).head();
    }
    return head.fullPositions();
  }

  /** Like {@link #generate}, keeping the scan mesh and the portrait image. */
  public Generated generateFull(long index, long seed) {
    Seeds seeds = Seeds.of(seed, config.expressionProbability());
    long scanSeed = seeds.scan();
    long albedoSeed = seeds.albedo();
    long portraitSeed = seeds.portrait();

    HeadShape head = model.sample(seeds.head(), seeds.expression());
    JsonObject meta = new JsonObject();
    meta.add("head", GSON.toJsonTree(head.params()));
    if (config.deform()) {
      OffSpanDeformer.Result d = deformer.deform(head, new SplittableRandom(seeds.deform()));
      head = d.head();
      JsonObject dj = new JsonObject();
      dj.addProperty("bumps", d.deformation().bumps().size());
      dj.addProperty("scale", d.deformation().scale());
      dj.add("bumpList", GSON.toJsonTree(d.deformation().bumps()));
      meta.add("deformation", dj);
    }
    Scan scan = scans.simulate(head.headMesh(), scanSeed);
    JsonObject sj = GSON.toJsonTree(scan.parameters()).getAsJsonObject();
    sj.addProperty("family", scan.family().key());
    sj.addProperty("vertices", scan.mesh().vertexCount());
    sj.addProperty("faces", scan.mesh().faceCount());
    meta.add("scan", sj);

    byte[] portraitPng = null;
    BufferedImage portraitImage = null;
    float[] camera = null;
    byte[] albedoPng = null;
    if (config.portraits()) {
      SplittableRandom ar = new SplittableRandom(albedoSeed);
      AlbedoParams ap = albedoPrior.sample(head.params(), ar);
      AlbedoMaps maps = albedo.generate(ap, ar.nextLong());
      Material eyes = Material.clay().withAlbedo(new dev.topos.render.Albedo.Textured(albedo.eyeTexture(ap)))
          .withSpecular(0.15f, 0.04f);
      SplittableRandom pr = new SplittableRandom(portraitSeed);
      PortraitParams pp = PortraitPrior.sample(pr, config.portraitSize());
      PortraitRenderer.Portrait portrait = portraits.render(head, maps.material(), eyes, pp, pr.nextLong());
      portraitImage = portrait.image();
      portraitPng = Png.encode(portraitImage);
      camera = cameraArray(portrait.camera());
      albedoPng = Png.encode(toImage(maps.albedo()));
      meta.add("albedo", GSON.toJsonTree(ap));
      meta.add("portrait", GSON.toJsonTree(pp));
    }
    Sample sample = new Sample(index, seed, GSON.toJson(meta), head.fullPositions(), scan.family().key(),
        scan.points().positions(), scan.points().normals(), portraitPng, camera, albedoPng);
    return new Generated(sample, scan.mesh(), portraitImage);
  }

  private static float[] cameraArray(dev.topos.render.Camera.Perspective c) {
    float[] out = new float[18];
    out[0] = (float) c.fx();
    out[1] = (float) c.fy();
    out[2] = (float) c.cx();
    out[3] = (float) c.cy();
    out[4] = c.width();
    out[5] = c.height();
    for (int i = 0; i < 9; i++) {
      out[6 + i] = (float) c.pose().rotation()[i];
    }
    for (int i = 0; i < 3; i++) {
      out[15 + i] = (float) c.pose().translation()[i];
    }
    return out;
  }

  /** A linear-RGB texture as an sRGB image (texture row 0 is the image's top row, v = 1). */
  static BufferedImage toImage(Texture t) {
    BufferedImage img = new BufferedImage(t.width(), t.height(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < t.height(); y++) {
      for (int x = 0; x < t.width(); x++) {
        int i = 3 * (y * t.width() + x);
        img.setRGB(x, y, (Srgb.encode8(t.rgb()[i]) << 16) | (Srgb.encode8(t.rgb()[i + 1]) << 8)
            | Srgb.encode8(t.rgb()[i + 2]));
      }
    }
    return img;
  }
}
