package dev.topos.synth.scan;

import dev.topos.geometry.Mesh;
import dev.topos.geometry.PointCloud;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated head scan.
 *
 * @param mesh the scan surface, a triangle mesh of a topology other than the reference head's,
 *     metres, canonical head frame (docs/FRAME.md), outward oriented
 * @param points area-uniform samples of {@code mesh} with unit outward normals, metres
 * @param family the kind of scan
 * @param parameters every random choice made for this scan (for the dataset card), by name:
 *     numbers (lengths in millimetres where the name ends in "Mm"), strings, booleans, lists and
 *     maps of those; JSON-ready and unmodifiable
 */
public record Scan(Mesh mesh, PointCloud points, ScanFamily family, Map<String, Object> parameters) {

  public Scan {
    Objects.requireNonNull(mesh, "mesh");
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(family, "family");
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }
}
