package dev.topos.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The chunk layout of a binary glTF 2.0 file, checked before any JSON is parsed so that broken
 * files fail with one precise message.
 *
 * <p>Layout (all little-endian uint32): header {@code magic "glTF", version 2, length} (12 bytes),
 * then chunks {@code length, type, data}: first a JSON chunk (type {@code "JSON"}), then optionally
 * a BIN chunk (type {@code "BIN\0"}); unknown chunks after them are ignored, as the spec asks.
 *
 * @param length total file length from the header, bytes
 * @param jsonOffset byte offset of the JSON text
 * @param jsonLength byte length of the JSON chunk (padding included)
 * @param binOffset byte offset of the BIN data, or -1 when there is no BIN chunk
 * @param binLength byte length of the BIN chunk, 0 when there is none
 */
record GlbContainer(int length, int jsonOffset, int jsonLength, int binOffset, int binLength) {

  static final int HEADER_BYTES = 12;
  static final int CHUNK_HEADER_BYTES = 8;
  static final int MAGIC = 0x46546C67;
  static final int VERSION = 2;
  static final int CHUNK_JSON = 0x4E4F534A;
  static final int CHUNK_BIN = 0x004E4942;

  /** The JSON text (trailing space padding included). */
  String json(byte[] glb) {
    return new String(glb, jsonOffset, jsonLength, StandardCharsets.UTF_8);
  }

  /** Whether the bytes begin (after blanks) with '{', as the JSON of a {@code .gltf} does. */
  static boolean looksLikeJson(byte[] bytes) {
    int first = 0;
    while (first < bytes.length && Character.isWhitespace(bytes[first])) {
      first++;
    }
    return first < bytes.length && bytes[first] == '{';
  }

  /**
   * Checks the header and chunk table of {@code glb}.
   *
   * @param label the file name, for messages
   * @throws GlbFormatException when the bytes are not a complete GLB 2.0 container
   */
  static GlbContainer parse(byte[] glb, String label) throws GlbFormatException {
    if (glb.length < HEADER_BYTES) {
      throw fail(label, "truncated: " + glb.length + " bytes, a GLB header needs " + HEADER_BYTES);
    }
    ByteBuffer bytes = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.getInt(0) != MAGIC) { // (the JSON of a .gltf never comes here: GlbReader reads it without a container)
      throw fail(label, String.format("not a GLB file: starts with bytes %02x %02x %02x %02x, expected 'glTF'",
          glb[0], glb[1], glb[2], glb[3]));
    }
    long version = Integer.toUnsignedLong(bytes.getInt(4));
    if (version != VERSION) {
      throw fail(label, "unsupported GLB version " + version + " (only " + VERSION + " is supported)");
    }
    long length = Integer.toUnsignedLong(bytes.getInt(8));
    if (length > glb.length) {
      throw fail(label, "truncated: the header says " + length + " bytes, the file has " + glb.length);
    }
    if (length < glb.length) {
      throw fail(label, "corrupt: the header says " + length + " bytes, the file has " + glb.length);
    }
    if (length < HEADER_BYTES + CHUNK_HEADER_BYTES) {
      throw fail(label, "truncated: no JSON chunk after the header");
    }
    long jsonLength = Integer.toUnsignedLong(bytes.getInt(12));
    int jsonType = bytes.getInt(16);
    if (jsonType != CHUNK_JSON) {
      throw fail(label, String.format("corrupt: the first chunk has type 0x%08x, expected JSON", jsonType));
    }
    int jsonOffset = HEADER_BYTES + CHUNK_HEADER_BYTES;
    if (jsonOffset + jsonLength > length) {
      throw fail(label, "truncated: the JSON chunk of " + jsonLength + " bytes runs past the end of the file");
    }
    int offset = (int) (jsonOffset + jsonLength);
    int binOffset = -1;
    int binLength = 0;
    if (offset < length) {
      if (length - offset < CHUNK_HEADER_BYTES) {
        throw fail(label, "truncated: incomplete chunk header at byte " + offset);
      }
      long chunkLength = Integer.toUnsignedLong(bytes.getInt(offset));
      int chunkType = bytes.getInt(offset + 4);
      if (offset + CHUNK_HEADER_BYTES + chunkLength > length) {
        throw fail(label, "truncated: the chunk at byte " + offset + " of " + chunkLength
            + " bytes runs past the end of the file");
      }
      if (chunkType == CHUNK_BIN) {
        binOffset = offset + CHUNK_HEADER_BYTES;
        binLength = (int) chunkLength;
      }
    }
    return new GlbContainer((int) length, jsonOffset, (int) jsonLength, binOffset, binLength);
  }

  private static GlbFormatException fail(String label, String reason) {
    return new GlbFormatException(label + ": " + reason);
  }
}
