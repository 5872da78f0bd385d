package dev.topos.topology;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Length-prefixed primitive arrays for topos's versioned binary resources (big-endian, as
 * {@link DataOutputStream} writes). Readers reject negative or absurd lengths instead of allocating.
 */
public final class BinaryData {
  private static final int MAX_LENGTH = 1 << 28;

  private BinaryData() {}

  public static void writeFloats(DataOutputStream out, float[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (float x : a) {
        out.writeFloat(x);
      }
    }
  }

  public static float[] readFloats(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    checkLength(n);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readFloat();
    }
    return a;
  }

  public static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a == null ? -1 : a.length);
    if (a != null) {
      for (int x : a) {
        out.writeInt(x);
      }
    }
  }

  public static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    checkLength(n);
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readInt();
    }
    return a;
  }

  public static void writeShorts(DataOutputStream out, short[] a) throws IOException {
    out.writeInt(a.length);
    for (short x : a) {
      out.writeShort(x);
    }
  }

  public static short[] readShorts(DataInputStream in) throws IOException {
    int n = in.readInt();
    checkLength(n);
    short[] a = new short[n];
    for (int i = 0; i < n; i++) {
      a[i] = in.readShort();
    }
    return a;
  }

  public static void expectMagic(DataInputStream in, String magic, int version) throws IOException {
    byte[] b = new byte[magic.length()];
    in.readFully(b);
    String got = new String(b, java.nio.charset.StandardCharsets.US_ASCII);
    if (!got.equals(magic)) {
      throw new IOException("not a topos resource: expected magic " + magic + ", found " + got);
    }
    int v = in.readInt();
    if (v != version) {
      throw new IOException("unsupported " + magic + " version " + v + " (this build reads version " + version + ")");
    }
  }

  public static void writeMagic(DataOutputStream out, String magic, int version) throws IOException {
    out.write(magic.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeInt(version);
  }

  private static void checkLength(int n) throws IOException {
    if (n < 0 || n > MAX_LENGTH) {
      throw new IOException("corrupt resource: array length " + n);
    }
  }
}
