package dev.topos.topology;

/**
 * Semantic label of a reference-head vertex. Each vertex has exactly one; when masks overlap the
 * earlier constant in this list wins (a lip vertex is LIPS, not FACE).
 */
public enum Region {
  /** Inside of the mouth (cavity walls, not teeth or tongue, which are parts). */
  MOUTH_CAVITY,
  /** Red of the lips. */
  LIPS,
  /** Eyelids and the skin around the eye opening. */
  EYE_SOCKETS,
  /** External nose. */
  NOSE,
  /** Both ears. */
  EARS,
  /** The rest of the face (forehead, cheeks, chin, jaw front). */
  FACE,
  /** Neck, down to the cut loop. */
  NECK,
  /** Top, sides and back of the head (where hair grows). */
  SCALP;

  /** Whether each vertex lies in {@code region}: [V] for the regions of V vertices. */
  public static boolean[] mask(Region[] regions, Region region) {
    boolean[] mask = new boolean[regions.length];
    for (int i = 0; i < regions.length; i++) {
      mask[i] = regions[i] == region;
    }
    return mask;
  }

  /** Lower-case name used in JSON and files. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
