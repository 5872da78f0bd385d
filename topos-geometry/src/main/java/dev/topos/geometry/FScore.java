package dev.topos.geometry;

/**
 * F-score of a predicted point set against ground truth at a distance threshold tau
 * ("within" is inclusive: distance <= tau).
 *
 * @param tauMm threshold, mm
 * @param precision fraction of predicted points within tau of the ground truth
 * @param recall fraction of ground-truth points within tau of the prediction
 * @param fScore 2 P R / (P + R), 0 when P + R = 0
 */
public record FScore(double tauMm, double precision, double recall, double fScore) {}
