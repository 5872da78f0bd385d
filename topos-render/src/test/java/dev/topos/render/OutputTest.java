package dev.topos.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputTest {

  private static RenderBuffers renderSphere(int threads) {
    RenderMesh sphere = TestMeshes.sphere(0, 0, 0, 1, 48, 24);
    Camera cam = Camera.lookAt(new double[] {0.5, 0.8, 4}, new double[] {0, 0, 0}, new double[] {0, 1, 0}, 35, 150, 130);
    float[] checker = new float[3 * 64];
    for (int i = 0; i < 64; i++) {
      float v = ((i % 8) + (i / 8)) % 2 == 0 ? 0.9f : 0.2f;
      checker[3 * i] = v;
      checker[3 * i + 1] = 0.5f;
      checker[3 * i + 2] = 1 - v;
    }
    Material m = Material.clay().withAlbedo(new Albedo.Textured(new Texture(8, 8, checker, Texture.Wrap.REPEAT)));
    return new Rasterizer(RenderSettings.defaults().withThreads(threads)).render(cam, sphere, new SurfaceShader(m, Lighting.studio()));
  }

  @Test
  void outputIsIdenticalForOneAndFourThreads() {
    RenderBuffers a = renderSphere(1);
    RenderBuffers b = renderSphere(4);
    RenderBuffers c = renderSphere(0);
    for (RenderBuffers x : List.of(b, c)) {
      assertArrayEquals(a.rgb(), x.rgb());
      assertArrayEquals(a.alpha(), x.alpha());
      assertArrayEquals(a.depth(), x.depth());
      assertArrayEquals(a.normals(), x.normals());
      assertArrayEquals(a.triangleId(), x.triangleId());
      assertArrayEquals(a.barycentrics(), x.barycentrics());
      assertArrayEquals(Png.encode(a.toImage()), Png.encode(x.toImage()));
    }
    assertTrue(a.coveredCount() > 3000);
  }

  @Test
  void pngRoundTripInSrgb(@TempDir Path dir) throws IOException {
    float[] rgb = {0.5f, 0.5f, 0.5f, 0.1f, 0.2f, 0.3f};
    float[] alpha = {1, 0.5f};
    RenderBuffers rb = new RenderBuffers(2, 1, rgb, alpha, new float[2], new float[6], new int[] {0, 0}, new float[6]);
    Path file = dir.resolve("out/x.png");
    rb.writePng(file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertEquals(0xffbcbcbc, img.getRGB(0, 0)); // linear 0.5 -> sRGB 188
    int p = img.getRGB(1, 0);
    assertEquals(128, p >>> 24);
    assertEquals(Srgb.encode8(0.2), (p >> 16) & 0xff); // un-premultiplied 0.1 / 0.5
    // Composited over white in linear light: 0.1 + 0.5 * 1.
    BufferedImage opaque = rb.toImage(1, 1, 1);
    assertEquals(Srgb.encode8(0.6), (opaque.getRGB(1, 0) >> 16) & 0xff);
    assertArrayEquals(Png.encode(rb.toImage()), Files.readAllBytes(file));
  }

  @Test
  void previewAndContactSheet(@TempDir Path dir) throws IOException {
    RenderMesh s = TestMeshes.sphere(0.1f, 1.6f, 0.05f, 0.1f, 32, 16);
    Mesh mesh = Mesh.ofTriangles(s.positions(), s.triangles());
    PreviewRenderer preview = PreviewRenderer.of(64, 48);
    List<BufferedImage> images = new ArrayList<>();
    for (int yaw = 0; yaw < 360; yaw += 90) {
      images.add(preview.image(mesh, yaw));
    }
    images.add(preview.withOrthographic(true).image(mesh, 0));
    BufferedImage front = images.get(0);
    assertEquals(0xffffffff, front.getRGB(0, 0)); // background
    int centre = front.getRGB(32, 24) & 0xff;
    assertTrue(centre > 40 && centre < 250, "shaded grey " + centre);
    assertNotEquals(0xffffffff, images.get(4).getRGB(32, 24));
    // The sphere fills its bounding-sphere frame: centred, similar width in both projections.
    RenderBuffers rb = preview.render(mesh, 0);
    assertTrue(rb.coveredCount() > 400, "covered " + rb.coveredCount());
    assertTrue(rb.triangleId()[24 * 64 + 32] >= 0);

    ContactSheet sheet = new ContactSheet(3, 4, 0x202020);
    BufferedImage grid = sheet.compose(images);
    assertEquals(3 * 64 + 4 * 4, grid.getWidth());
    assertEquals(2 * 48 + 3 * 4, grid.getHeight());
    assertEquals(0x202020, grid.getRGB(1, 1) & 0xffffff);
    assertEquals(front.getRGB(32, 24), grid.getRGB(4 + 32, 4 + 24));
    assertEquals(0x202020, grid.getRGB(grid.getWidth() - 10, grid.getHeight() - 10) & 0xffffff); // empty 6th cell
    Path file = dir.resolve("sheet.png");
    sheet.write(images, file);
    assertEquals(grid.getWidth(), ImageIO.read(file.toFile()).getWidth());
    byte[] again = Png.encode(sheet.compose(images));
    assertArrayEquals(Files.readAllBytes(file), again);
  }
}
