package dev.topos.topology;

import java.util.List;

/**
 * A named landmark layout on the reference topology, e.g. the 68-point iBUG layout or the 468-point
 * MediaPipe face-mesh layout, in that layout's own index order.
 *
 * @param name layout name ("ibug68", "mediapipe468")
 * @param points one surface point per landmark, in layout order
 */
public record LandmarkSet(String name, List<SurfacePoint> points) {

  public LandmarkSet {
    points = List.copyOf(points);
  }

  public int size() {
    return points.size();
  }

  /** Landmark positions [L*3] on a head with the given vertex positions. */
  public float[] evaluate(float[] positions) {
    float[] out = new float[3 * points.size()];
    for (int i = 0; i < points.size(); i++) {
      points.get(i).evaluate(positions, out, i);
    }
    return out;
  }
}
