package dev.topos.geometry.io;

import java.util.Locale;

/**
 * Locale-independent decimal text for float32 values that parses back to the identical float.
 *
 * <p>Uses {@link Float#toString(float)} (shortest digits that identify the float, e.g.
 * {@code 0.25}, {@code -0.0}, {@code 1.0E-5}); should that ever fail to round-trip it falls back
 * to nine significant digits, which always does.
 */
final class FloatText {
  private FloatText() {}

  static String format(float value) {
    String s = Float.toString(value);
    if (Float.floatToRawIntBits(Float.parseFloat(s)) == Float.floatToRawIntBits(value)) {
      return s;
    }
    return String.format(Locale.ROOT, "%.9g", value);
  }

  /** Whether a token is a C-style spelling of NaN or infinity ("nan", "-nan", "inf", "-inf", ...), which Java does not parse. */
  static boolean isNonFiniteWord(String token) {
    String t = token.toLowerCase(Locale.ROOT);
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    return t.startsWith("nan") || t.equals("inf") || t.equals("infinity") || t.startsWith("1.#");
  }

  /**
   * Parses a finite float.
   *
   * @throws NumberFormatException with the message {@code "bad number '<token>'"} or
   *     {@code "non-finite number '<token>'"} (the token cut at 40 characters), for a reader to
   *     prefix with where it was
   */
  static float parseFinite(String token) {
    String shown = shorten(token);
    float value;
    try {
      value = Float.parseFloat(token);
    } catch (NumberFormatException e) {
      throw new NumberFormatException((isNonFiniteWord(token) ? "non-finite" : "bad") + " number '" + shown + "'");
    }
    if (!Float.isFinite(value)) {
      throw new NumberFormatException("non-finite number '" + shown + "'");
    }
    return value;
  }

  /** A word from a file as an error message shows it: cut at 40 characters. */
  static String shorten(String word) {
    return word.length() > 40 ? word.substring(0, 40) + "..." : word;
  }

  /** {@link #parseFinite(String)} for a line-based reader: a failure names the source and line. */
  static float parseFinite(String token, String source, long line) throws MeshFormatException {
    try {
      return parseFinite(token);
    } catch (NumberFormatException e) {
      throw MeshFormatException.atLine(source, line, e.getMessage());
    }
  }
}
