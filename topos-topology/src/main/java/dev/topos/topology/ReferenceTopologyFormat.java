package dev.topos.topology;

import dev.topos.geometry.Mesh;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The versioned binary resource of the {@link ReferenceTopology} ({@code reference-head.v1.bin.gz}):
 * gzip of a big-endian stream "TOPOSREF", version, then the head mesh, regions, mirror map, parts,
 * joints, landmark layouts and source indices. Writing is deterministic (same topology, same bytes).
 */
public final class ReferenceTopologyFormat {
  static final String MAGIC = "TOPOSREF";
  static final int VERSION = 1;

  private ReferenceTopologyFormat() {}

  public static void write(ReferenceTopology t, OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16);
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    BinaryData.writeMagic(out, MAGIC, VERSION);
    writeMesh(out, t.head());
    byte[] regions = new byte[t.regions().length];
    for (int i = 0; i < regions.length; i++) {
      regions[i] = (byte) t.regions()[i].ordinal();
    }
    out.writeInt(regions.length);
    out.write(regions);
    BinaryData.writeInts(out, t.mirror());
    out.writeInt(t.parts().size());
    for (Part p : t.parts()) {
      out.writeUTF(p.name());
      out.writeInt(p.firstVertex());
      writeMesh(out, p.mesh());
    }
    out.writeInt(t.joints().size());
    for (Joint j : t.joints()) {
      out.writeUTF(j.name());
      out.writeInt(j.firstVertex());
      out.writeInt(j.vertexCount());
    }
    BinaryData.writeFloats(out, t.jointCubePositions());
    Map<String, LandmarkSet> sorted = new TreeMap<>(t.landmarks());
    out.writeInt(sorted.size());
    for (LandmarkSet set : sorted.values()) {
      out.writeUTF(set.name());
      out.writeInt(set.size());
      for (SurfacePoint p : set.points()) {
        out.writeInt(p.a());
        out.writeInt(p.b());
        out.writeInt(p.c());
        out.writeFloat(p.wa());
        out.writeFloat(p.wb());
        out.writeFloat(p.wc());
      }
    }
    BinaryData.writeInts(out, t.sourceVertex());
    out.flush();
    gz.finish();
  }

  public static ReferenceTopology read(InputStream raw) throws IOException {
    try {
      return readUnchecked(raw);
    } catch (java.io.EOFException | java.util.zip.ZipException e) {
      throw new IOException("corrupt or truncated reference-head resource (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static ReferenceTopology readUnchecked(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16));
    BinaryData.expectMagic(in, MAGIC, VERSION);
    Mesh head = readMesh(in);
    int n = in.readInt();
    if (n != head.vertexCount()) {
      throw new IOException("corrupt resource: " + n + " regions for " + head.vertexCount() + " vertices");
    }
    byte[] codes = new byte[n];
    in.readFully(codes);
    Region[] regions = new Region[n];
    Region[] all = Region.values();
    for (int i = 0; i < n; i++) {
      if (codes[i] < 0 || codes[i] >= all.length) {
        throw new IOException("corrupt resource: region code " + codes[i]);
      }
      regions[i] = all[codes[i]];
    }
    int[] mirror = BinaryData.readInts(in);
    int partCount = in.readInt();
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < partCount; i++) {
      String name = in.readUTF();
      int first = in.readInt();
      parts.add(new Part(name, first, readMesh(in)));
    }
    int jointCount = in.readInt();
    List<Joint> joints = new ArrayList<>();
    for (int i = 0; i < jointCount; i++) {
      joints.add(new Joint(in.readUTF(), in.readInt(), in.readInt()));
    }
    float[] cubes = BinaryData.readFloats(in);
    int setCount = in.readInt();
    Map<String, LandmarkSet> landmarks = new LinkedHashMap<>();
    for (int s = 0; s < setCount; s++) {
      String name = in.readUTF();
      int size = in.readInt();
      List<SurfacePoint> points = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        points.add(new SurfacePoint(in.readInt(), in.readInt(), in.readInt(), in.readFloat(), in.readFloat(), in.readFloat()));
      }
      landmarks.put(name, new LandmarkSet(name, points));
    }
    int[] source = BinaryData.readInts(in);
    try {
      return new ReferenceTopology(head, regions, mirror, parts, joints, cubes, landmarks, source);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt resource: " + e.getMessage(), e);
    }
  }

  private static void writeMesh(DataOutputStream out, Mesh m) throws IOException {
    BinaryData.writeFloats(out, m.positions());
    BinaryData.writeInts(out, m.faceStarts());
    BinaryData.writeInts(out, m.faceVertices());
    BinaryData.writeFloats(out, m.uvs());
    BinaryData.writeInts(out, m.faceUvs());
    BinaryData.writeInts(out, m.faceGroups());
    out.writeInt(m.groupNames().size());
    for (String g : m.groupNames()) {
      out.writeUTF(g);
    }
  }

  private static Mesh readMesh(DataInputStream in) throws IOException {
    float[] positions = BinaryData.readFloats(in);
    int[] starts = BinaryData.readInts(in);
    int[] corners = BinaryData.readInts(in);
    float[] uvs = BinaryData.readFloats(in);
    int[] faceUvs = BinaryData.readInts(in);
    int[] groups = BinaryData.readInts(in);
    int groupCount = in.readInt();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < groupCount; i++) {
      names.add(in.readUTF());
    }
    try {
      return new Mesh(positions, starts, corners, uvs, faceUvs, null, null, groups, names);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("corrupt resource mesh: " + e.getMessage(), e);
    }
  }
}
