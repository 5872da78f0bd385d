package dev.topos.synth.portrait;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.render.Camera;
import dev.topos.render.Material;
import dev.topos.render.Png;
import dev.topos.render.RenderSettings;
import dev.topos.topology.space.HeadModel;
import dev.topos.topology.space.HeadShape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortraitRendererTest {

  @Test
  void priorStaysInTheIssueRanges() {
    for (int s = 0; s < 500; s++) {
      PortraitParams p = PortraitPrior.sample(new SplittableRandom(s), 256);
      assertTrue(p.focal35Mm() >= 35 && p.focal35Mm() <= 105);
      assertTrue(Math.abs(p.yawDeg()) <= 60 && Math.abs(p.pitchDeg()) <= 25 && Math.abs(p.rollDeg()) <= 15);
      assertTrue(p.keyKelvin() >= 2700 && p.keyKelvin() <= 7500);
    }
  }

  @Test
  void cameraLooksAtTheHeadCentreAndFramesTheHead() {
    PortraitParams p = new PortraitParams(256, 50, 30, 10, 0, 0.7, new float[] {0.2f, 0.2f, 0.2f}, new float[3],
        new float[] {0, 0, 1}, 5500, 1, new float[] {1, 0, 0}, 0.2, 0, 0x808080, 0x808080);
    Camera.Perspective c = PortraitRenderer.camera(p);
    double[] centre = c.project(PortraitRenderer.HEAD_CENTRE[0], PortraitRenderer.HEAD_CENTRE[1], PortraitRenderer.HEAD_CENTRE[2]);
    assertEquals(128, centre[0], 1e-6);
    assertEquals(128, centre[1], 1e-6);
    // 0.26 m at the head centre's depth spans fill x size pixels.
    assertEquals(0.7 * 256, c.fx() * PortraitRenderer.FRAMED_HEIGHT / centre[2], 1e-6);
    // Positive yaw puts the camera on the head's left (+X).
    assertTrue(c.pose().eye()[0] > 0);
  }

  @Test
  void portraitIsDeterministicAndShowsTheHeadOverTheBackground() {
    HeadShape head = HeadModel.loadBundled().sample(5);
    PortraitRenderer r = new PortraitRenderer(RenderSettings.defaults());
    PortraitParams p = PortraitPrior.sample(new SplittableRandom(1), 96);
    Material skin = Material.diffuse(0.6f, 0.45f, 0.4f);
    Material eyes = Material.diffuse(0.9f, 0.9f, 0.9f);
    byte[] a = Png.encode(r.render(head, skin, eyes, p, 7).image());
    byte[] b = Png.encode(r.render(head, skin, eyes, p, 7).image());
    assertArrayEquals(a, b);
    var img = r.render(head, skin, eyes, p, 7).image();
    // The image centre shows the head, not the background colour of the corner.
    assertTrue(img.getRGB(48, 48) != img.getRGB(0, 0));
  }
}
