package dev.topos.geometry;

/**
 * Chamfer distance between point sets A and B, in millimetres: the mean Euclidean (not squared)
 * distance from each point of one set to its nearest point in the other.
 *
 * @param forwardMm mean over a in A of min over b in B of |a - b|, mm
 * @param backwardMm mean over b in B of min over a in A of |a - b|, mm
 * @param symmetricMm (forwardMm + backwardMm) / 2
 */
public record ChamferDistance(double forwardMm, double backwardMm, double symmetricMm) {}
