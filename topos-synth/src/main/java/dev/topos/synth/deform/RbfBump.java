package dev.topos.synth.deform;

/**
 * One Gaussian radial-basis displacement: points near {@code centre} move by {@code displacement}
 * scaled by exp(-|p - centre|^2 / (2 radius^2)). Metres.
 *
 * @param centre [3]
 * @param radius Gaussian radius (standard deviation), metres
 * @param displacement [3] displacement at the centre, metres
 */
public record RbfBump(float[] centre, float radius, float[] displacement) {

  /** Adds this bump's displacement of each point [N*3] (evaluated at its original position) to out. */
  void addTo(float[] positions, float[] out) {
    float inv = 1f / (2 * radius * radius);
    float cutoff = 9 * radius * radius; // beyond 3 sigma the weight is < 1 %: skip
    for (int i = 0; i < positions.length; i += 3) {
      float dx = positions[i] - centre[0];
      float dy = positions[i + 1] - centre[1];
      float dz = positions[i + 2] - centre[2];
      float d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < cutoff) {
        float w = (float) Math.exp(-d2 * inv);
        out[i] += w * displacement[0];
        out[i + 1] += w * displacement[1];
        out[i + 2] += w * displacement[2];
      }
    }
  }
}
