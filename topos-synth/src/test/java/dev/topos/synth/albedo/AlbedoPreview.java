package dev.topos.synth.albedo;

import dev.topos.render.ContactSheet;
import dev.topos.render.Srgb;
import dev.topos.render.Texture;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadParams;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Not a test: a tool to look at and time the albedo synthesis. Writes a 4 x 4 contact sheet of 16
 * albedos drawn from the priors (full UV atlas) and a second sheet of their face islands, and
 * prints the mean {@link AlbedoSynthesizer#generate} time on the calling thread.
 *
 * <pre>
 * java -cp ... dev.topos.synth.albedo.AlbedoPreview [size=512] [sheet=/tmp/albedo-sheet.png]
 * </pre>
 */
public final class AlbedoPreview {
  private AlbedoPreview() {}

  public static void main(String[] args) {
    int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
    Path sheet = Path.of(args.length > 1 ? args[1] : "/tmp/albedo-sheet.png");
    HeadModel model = HeadModel.loadBundled();
    long t0 = System.nanoTime();
    AlbedoSynthesizer synth = new AlbedoSynthesizer(model.topology(), size);
    System.out.printf("construction %d x %d: %.0f ms; %d island texels (%.1f %%), %.2f mm per texel%n", size, size,
        (System.nanoTime() - t0) / 1e6, synth.surface().insideCount(),
        100.0 * synth.surface().insideCount() / (size * size), synth.surface().mmPerTexel());
    AlbedoPrior prior = new AlbedoPrior();
    List<AlbedoParams> params = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      HeadParams head = model.prior().sample(new SplittableRandom(1000 + i), false);
      params.add(prior.sample(head, new SplittableRandom(77 + i)));
    }
    List<BufferedImage> full = new ArrayList<>();
    List<BufferedImage> faces = new ArrayList<>();
    for (int i = 0; i < params.size(); i++) {
      Texture t = synth.generate(params.get(i), i).albedo();
      full.add(image(t, 0, 0, 1, 1));
      faces.add(image(t, 0.74, 0.33, 0.26, 0.32));
    }
    ContactSheet.of(4).write(full, sheet);
    String name = sheet.getFileName().toString().replace(".png", "-faces.png");
    ContactSheet.of(4).write(faces, sheet.resolveSibling(name));
    System.out.println("wrote " + sheet + " and " + sheet.resolveSibling(name));

    int warm = 20;
    int runs = 50;
    for (int i = 0; i < warm; i++) {
      synth.generate(params.get(i % 16), i);
    }
    long t1 = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      synth.generate(params.get(i % 16), 100 + i);
    }
    System.out.printf("generate %d x %d: %.1f ms mean over %d runs (one thread)%n", size, size,
        (System.nanoTime() - t1) / 1e6 / runs, runs);
  }

  /** The sub-rectangle (u0, v0 from the top-left, width, height in UV units) as an sRGB image. */
  private static BufferedImage image(Texture t, double u0, double v0, double w, double h) {
    int s = t.width();
    int x0 = (int) (u0 * s);
    int y0 = (int) (v0 * s);
    int iw = (int) (w * s);
    int ih = (int) (h * s);
    BufferedImage im = new BufferedImage(iw, ih, BufferedImage.TYPE_INT_RGB);
    float[] rgb = t.rgb();
    for (int y = 0; y < ih; y++) {
      for (int x = 0; x < iw; x++) {
        int i = 3 * ((y0 + y) * s + x0 + x);
        im.setRGB(x, y, Srgb.encode8(rgb[i]) << 16 | Srgb.encode8(rgb[i + 1]) << 8 | Srgb.encode8(rgb[i + 2]));
      }
    }
    return im;
  }
}
