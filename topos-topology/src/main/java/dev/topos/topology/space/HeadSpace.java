package dev.topos.topology.space;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MakeHuman's parametric space restricted to the reference head: the base positions of the full
 * vertex array (head, parts, joint cubes) and every morph target that moves them, with the slider
 * catalogue and the expression units.
 *
 * @param basePositions the MakeHuman base mesh restricted to the full array, [N*3], metres, in
 *     MakeHuman's own placement (not yet in the canonical head frame)
 * @param targets targets by name, in catalogue order
 * @param sliders local sliders (head, forehead, eyebrows, eyes, nose, mouth, ears, chin, cheek, neck, asym)
 * @param expressionUnits the expression unit names (34), each with one target per race:
 *     "expression/&lt;race&gt;/&lt;unit&gt;"
 */
public record HeadSpace(float[] basePositions, Map<String, ShapeTarget> targets, List<Slider> sliders, List<String> expressionUnits) {

  /** Classpath location of the bundled resource. */
  public static final String RESOURCE = "/dev/topos/topology/head-space.v1.bin.gz";

  public HeadSpace {
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    sliders = List.copyOf(sliders);
    expressionUnits = List.copyOf(expressionUnits);
    for (Slider s : sliders) {
      for (String t : s.negative()) {
        requireTarget(targets, s.name(), t);
      }
      for (String t : s.positive()) {
        requireTarget(targets, s.name(), t);
      }
    }
  }

  private static void requireTarget(Map<String, ShapeTarget> targets, String slider, String target) {
    if (!targets.containsKey(target)) {
      throw new IllegalArgumentException("slider " + slider + " refers to missing target " + target);
    }
  }

  /** Loads the head space bundled with topos. */
  public static HeadSpace loadBundled() {
    try (InputStream in = HeadSpace.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("bundled resource " + RESOURCE + " is missing from the classpath");
      }
      return HeadSpaceFormat.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
    }
  }

  public int fullVertexCount() {
    return basePositions.length / 3;
  }

  /** The slider of that name, or an exception naming a few valid ones. */
  public Slider slider(String name) {
    for (Slider s : sliders) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown slider '" + name + "' (there are " + sliders.size() + ", e.g. "
        + sliders.get(0).name() + ")");
  }
}
