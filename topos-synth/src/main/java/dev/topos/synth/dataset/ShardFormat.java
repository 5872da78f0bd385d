package dev.topos.synth.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset shard file ({@code shard-NNNNN.bin}): "TOPOSSHD", version, sample count, then each
 * {@link Sample} as big-endian length-prefixed fields (arrays of length -1 are null). Deterministic.
 */
public final class ShardFormat {
  static final byte[] MAGIC = "TOPOSSHD".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private ShardFormat() {}

  public static void write(List<Sample> samples, OutputStream raw) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(samples.size());
    for (Sample s : samples) {
      out.writeLong(s.index());
      out.writeLong(s.seed());
      writeBytes(out, s.metadataJson().getBytes(StandardCharsets.UTF_8));
      writeFloats(out, s.vertices());
      writeBytes(out, s.scanFamily().getBytes(StandardCharsets.UTF_8));
      writeFloats(out, s.scanPoints());
      writeFloats(out, s.scanNormals());
      writeBytes(out, s.portraitPng());
      writeFloats(out, s.camera());
      writeBytes(out, s.albedoPng());
    }
    out.flush();
  }

  public static List<Sample> read(InputStream raw, String source) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
    try {
      byte[] magic = new byte[MAGIC.length];
      in.readFully(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new IOException(source + ": not a topos dataset shard");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException(source + ": shard version " + version + " (this build reads " + VERSION + ")");
      }
      int n = in.readInt();
      if (n < 0 || n > 1_000_000) {
        throw new IOException(source + ": corrupt sample count " + n);
      }
      List<Sample> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long index = in.readLong();
        long seed = in.readLong();
        String meta = new String(readBytes(in), StandardCharsets.UTF_8);
        float[] vertices = readFloats(in);
        String family = new String(readBytes(in), StandardCharsets.UTF_8);
        float[] points = readFloats(in);
        float[] normals = readFloats(in);
        byte[] portrait = readBytes(in);
        float[] camera = readFloats(in);
        byte[] albedo = readBytes(in);
        out.add(new Sample(index, seed, meta, vertices, family, points, normals, portrait, camera, albedo));
      }
      return out;
    } catch (EOFException e) {
      throw new IOException(source + ": truncated shard", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b == null ? -1 : b.length);
    if (b != null) {
      out.write(b);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > (1 << 28)) {
      throw new IOException("corrupt shard: field length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  private static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      byte[] buf = new byte[4 * a.length];
      java.nio.ByteBuffer.wrap(buf).asFloatBuffer().put(a);
      out.write(buf);
    }
  }

  private static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > (1 << 26)) {
      throw new IOException("corrupt shard: array length " + n);
    }
    byte[] buf = new byte[4 * n];
    in.readFully(buf);
    float[] a = new float[n];
    java.nio.ByteBuffer.wrap(buf).asFloatBuffer().get(a);
    return a;
  }
}
