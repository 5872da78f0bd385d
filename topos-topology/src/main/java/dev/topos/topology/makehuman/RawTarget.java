package dev.topos.topology.makehuman;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A MakeHuman {@code .target.gz}: lines {@code index dx dy dz} (decimetres, relative to base.obj).
 *
 * @param vertices base-mesh vertex indices, [n]
 * @param deltas [n*3] decimetres
 */
record RawTarget(int[] vertices, float[] deltas) {

  static RawTarget read(Path file) throws IOException {
    int[] idx = new int[1024];
    float[] d = new float[3072];
    int n = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        line = line.trim();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] p = line.split("\\s+");
        if (n == idx.length) {
          idx = java.util.Arrays.copyOf(idx, 2 * n);
          d = java.util.Arrays.copyOf(d, 6 * n);
        }
        idx[n] = Integer.parseInt(p[0]);
        d[3 * n] = Float.parseFloat(p[1]);
        d[3 * n + 1] = Float.parseFloat(p[2]);
        d[3 * n + 2] = Float.parseFloat(p[3]);
        n++;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new IOException(file + ": malformed target line (" + e.getMessage() + ")", e);
    }
    return new RawTarget(java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(d, 3 * n));
  }
}
