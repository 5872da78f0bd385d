package dev.topos.topology.space;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.topos.topology.BinaryData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The versioned binary resource of the {@link HeadSpace} ({@code head-space.v1.bin.gz}): gzip of a
 * big-endian stream "TOPOSHSP", version, base positions, then each target with delta-coded vertex
 * indices and its displacements quantised to 16 bits against the target's largest component
 * (error at most max|d| / 65534, under a micrometre for every MakeHuman target), sliders and
 * expression units. Deterministic.
 */
public final class HeadSpaceFormat {
  static final String MAGIC = "TOPOSHSP";
  static final int VERSION = 1;

  private HeadSpaceFormat() {}

  /** Rounds a target's deltas exactly as storing and loading it would, so writers can precompute. */
  public static float[] quantise(float[] deltas) {
    float scale = scaleOf(deltas);
    float[] out = new float[deltas.length];
    for (int i = 0; i < deltas.length; i++) {
      out[i] = scale == 0 ? 0 : Math.round(deltas[i] / scale) * scale;
    }
    return out;
  }

  private static float scaleOf(float[] deltas) {
    float max = 0;
    for (float d : deltas) {
      max = Math.max(max, Math.abs(d));
    }
    return max / 32767f;
  }

  public static void write(HeadSpace space, OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    if (space.fullVertexCount() > 0xFFFF) {
      throw new IOException("head space too large for 16-bit index gaps: " + space.fullVertexCount() + " vertices");
    }
    BinaryData.writeMagic(out, MAGIC, VERSION);
    BinaryData.writeFloats(out, space.basePositions());
    out.writeInt(space.targets().size());
    for (ShapeTarget t : space.targets().values()) {
      out.writeUTF(t.name());
      out.writeInt(t.vertices().length);
      int prev = 0;
      for (int v : t.vertices()) {
        out.writeShort(v - prev); // ascending indices: small gaps compress well
        prev = v;
      }
      float scale = scaleOf(t.deltas());
      out.writeFloat(scale);
      for (float d : t.deltas()) {
        out.writeShort(scale == 0 ? 0 : Math.round(d / scale));
      }
    }
    out.writeInt(space.sliders().size());
    for (Slider s : space.sliders()) {
      out.writeUTF(s.name());
      out.writeUTF(s.group());
      writeStrings(out, s.negative());
      writeStrings(out, s.positive());
      out.writeUTF(s.mirrorOf() == null ? "" : s.mirrorOf());
    }
    writeStrings(out, space.expressionUnits());
    out.flush();
    gz.finish();
  }

  public static HeadSpace read(InputStream raw) throws IOException {
    try {
      return readUnchecked(raw);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new IOException("corrupt or truncated head-space resource (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static HeadSpace readUnchecked(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    BinaryData.expectMagic(in, MAGIC, VERSION);
    float[] base = BinaryData.readFloats(in);
    int targetCount = in.readInt();
    Map<String, ShapeTarget> targets = new LinkedHashMap<>();
    for (int i = 0; i < targetCount; i++) {
      String name = in.readUTF();
      int n = in.readInt();
      int[] vertices = new int[n];
      int prev = 0;
      for (int k = 0; k < n; k++) {
        prev += in.readShort() & 0xFFFF;
        vertices[k] = prev;
      }
      float scale = in.readFloat();
      float[] deltas = new float[3 * n];
      for (int k = 0; k < deltas.length; k++) {
        deltas[k] = in.readShort() * scale;
      }
      targets.put(name, new ShapeTarget(name, vertices, deltas));
    }
    int sliderCount = in.readInt();
    List<Slider> sliders = new ArrayList<>();
    for (int i = 0; i < sliderCount; i++) {
      String name = in.readUTF();
      String group = in.readUTF();
      List<String> neg = readStrings(in);
      List<String> pos = readStrings(in);
      String mirror = in.readUTF();
      sliders.add(new Slider(name, group, neg, pos, mirror.isEmpty() ? null : mirror));
    }
    List<String> units = readStrings(in);
    try {
      return new HeadSpace(base, targets, sliders, units);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt head-space resource: " + e.getMessage(), e);
    }
  }

  private static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      out.writeUTF(s);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 100_000) {
      throw new IOException("corrupt head-space resource: list length " + n);
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(in.readUTF());
    }
    return out;
  }
}
