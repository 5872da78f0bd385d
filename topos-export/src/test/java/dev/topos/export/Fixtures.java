package dev.topos.export;

import dev.topos.geometry.Mesh;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small hand-built meshes and a GLB assembler for the export tests. */
final class Fixtures {
  private Fixtures() {}

  /** Unit quad in the z = 0 plane, metres, UVs equal to x/y, one face 0-1-2-3 (CCW seen from +z). */
  static Mesh unitQuad() {
    float[] positions = {0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0};
    float[] uvs = {0, 0, 1, 0, 1, 1, 0, 1};
    int[] corners = {0, 1, 2, 3};
    return new Mesh(positions, new int[] {0, 4}, corners, uvs, corners.clone(), null, null, null, List.of());
  }

  /**
   * Two unit quads side by side (x 0..2) sharing the edge 1-4, with a UV seam along it: the left
   * quad maps to u 0..0.5, the right quad to its own island u 0.5..1 shifted up by 0.25. 6
   * vertices, 8 distinct UVs, so 8 split vertices (vertices 1 and 4 split in two).
   */
  static Mesh twoQuadsWithSeam() {
    // 3 --- 4 --- 5
    // |  A  |  B  |
    // 0 --- 1 --- 2
    float[] positions = {0, 0, 0, 1, 0, 0, 2, 0, 0, 0, 1, 0, 1, 1, 0, 2, 1, 0};
    float[] uvs = {
      0, 0, 0.5f, 0, 0.5f, 0.5f, 0, 0.5f, // island A: uv 0..3 for vertices 0, 1, 4, 3
      0.5f, 0.25f, 1, 0.25f, 1, 0.75f, 0.5f, 0.75f // island B: uv 4..7 for vertices 1, 2, 5, 4
    };
    int[] faceVertices = {0, 1, 4, 3, 1, 2, 5, 4};
    int[] faceUvs = {0, 1, 2, 3, 4, 5, 6, 7};
    return new Mesh(positions, new int[] {0, 4, 8}, faceVertices, uvs, faceUvs, null, null, null, List.of());
  }

  /**
   * Unit cube (0..1 metres) with 6 outward CCW quads and UV seams: the four sides unwrapped as one
   * strip (10 UVs: 5 columns x 2 rows, seam where vertices 4 and 7 appear at both ends), and the
   * top and bottom caps sharing one overlapping island of 4 UVs. 8 vertices, 14 UVs.
   *
   * <p>Unique (vertex, uv) pairs, by hand: every vertex has one strip UV and one cap UV, and
   * vertices 4 and 7 have a second strip UV (the strip's two ends): 8 * 2 + 2 = 18.
   */
  static Mesh cubeWithSeams() {
    float[] positions = {
      0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, // 0..3: z = 0
      0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1 // 4..7: z = 1
    };
    float[] uvs = new float[28];
    for (int k = 0; k < 5; k++) {
      uvs[2 * k] = 0.25f * k; // strip bottom row b_k = uv k
      uvs[2 * k + 1] = 0.25f;
      uvs[2 * (5 + k)] = 0.25f * k; // strip top row t_k = uv 5 + k
      uvs[2 * (5 + k) + 1] = 0.5f;
    }
    float[] cap = {0, 0.75f, 0.25f, 0.75f, 0.25f, 1, 0, 1}; // uv 10..13
    System.arraycopy(cap, 0, uvs, 20, 8);
    int[] faceVertices = {
      4, 5, 6, 7, // front z = 1
      5, 1, 2, 6, // right x = 1
      1, 0, 3, 2, // back z = 0
      0, 4, 7, 3, // left x = 0
      7, 6, 2, 3, // top y = 1
      0, 1, 5, 4 // bottom y = 0
    };
    int[] faceUvs = {
      0, 1, 6, 5,
      1, 2, 7, 6,
      2, 3, 8, 7,
      3, 4, 9, 8,
      10, 11, 12, 13,
      10, 11, 12, 13
    };
    int[] starts = {0, 4, 8, 12, 16, 20, 24};
    return new Mesh(positions, starts, faceVertices, uvs, faceUvs, null, null, null, List.of());
  }

  /** A grid of (nx+1) x (ny+1) vertices and nx*ny quads, 1 cm spacing, no UVs. */
  static Mesh grid(int nx, int ny) {
    float[] positions = new float[3 * (nx + 1) * (ny + 1)];
    for (int j = 0; j <= ny; j++) {
      for (int i = 0; i <= nx; i++) {
        int v = j * (nx + 1) + i;
        positions[3 * v] = 0.01f * i;
        positions[3 * v + 1] = 0.01f * j;
      }
    }
    int[] starts = new int[nx * ny + 1];
    int[] corners = new int[4 * nx * ny];
    int f = 0;
    for (int j = 0; j < ny; j++) {
      for (int i = 0; i < nx; i++) {
        int v = j * (nx + 1) + i;
        corners[4 * f] = v;
        corners[4 * f + 1] = v + 1;
        corners[4 * f + 2] = v + nx + 2;
        corners[4 * f + 3] = v + nx + 1;
        f++;
        starts[f] = 4 * f;
      }
    }
    return Mesh.of(positions, starts, corners);
  }

  /** A GLB 2.0 container of {@code json} (space-padded) and {@code bin} (zero-padded, omitted when null). */
  static byte[] glb(String json, byte[] bin) {
    byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
    int jsonPadded = (jsonBytes.length + 3) & ~3;
    int binPadded = bin == null ? 0 : (bin.length + 3) & ~3;
    int length = 12 + 8 + jsonPadded + (bin == null ? 0 : 8 + binPadded);
    ByteBuffer out = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    out.putInt(0x46546C67).putInt(2).putInt(length);
    out.putInt(jsonPadded).putInt(0x4E4F534A).put(jsonBytes);
    for (int i = jsonBytes.length; i < jsonPadded; i++) {
      out.put((byte) ' ');
    }
    if (bin != null) {
      out.putInt(binPadded).putInt(0x004E4942).put(bin);
    }
    return out.array();
  }

  /** Little-endian bytes of floats, then of unsigned bytes given as ints. */
  static byte[] bytes(float[] floats, int[] ubytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4 * floats.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : floats) {
      buffer.putFloat(f);
    }
    out.writeBytes(buffer.array());
    for (int b : ubytes) {
      out.write(b);
    }
    return out.toByteArray();
  }
}
