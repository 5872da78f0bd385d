package dev.topos.pipeline;

import dev.topos.geometry.PointCloud;
import dev.topos.geometry.StrayPoints;
import dev.topos.pipeline.ScanRetopologizer.Options;
import dev.topos.topology.scan.Axis;
import dev.topos.topology.scan.ScanConditioning;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the axis convention a poorly fitting scan is in. The model reads any points as a head, so a
 * scan read in the wrong axes (a Blender scene's +Z up read as +Y up, say) comes back as a wrong head
 * whose {@link ScanRetopologizer.Result#fitDistance} is only a little larger than a right head's can
 * be (docs/VAE.md, session 20: upright test scans up to 4.5 mm, wrongly read ones from 1.7 mm). So
 * where the head fits worse than {@value #SEARCH_ABOVE_METRES} m, the scan is fitted again in each of
 * the other 23 conventions (feed-forward, not levelled; a quick fit for all, the whole fit for the best
 * {@value #FITTED}), and a convention whose head fits at most
 * {@value #BETTER_SHARE} of the given distance is the answer. The search reads at most {@value
 * #SEARCH_POINTS} of the scan's points.
 */
public final class AxisSearch {
  /** Heads that fit worse than this (metres, {@link ScanRetopologizer.Result#fitDistance}) are searched. */
  public static final double SEARCH_ABOVE_METRES = 0.002;
  /** A convention is the answer when its head fits at most this share of the given distance. */
  public static final double BETTER_SHARE = 0.5;
  /**
   * Points of the scan the search fits (drawn by the options' seed): a point cloud without normals comes
   * with up to {@value ScanReader#ESTIMATION_SAMPLES}, whose normals each convention would estimate anew.
   */
  public static final int SEARCH_POINTS = ScanReader.SAMPLES;

  /**
   * Conventions fitted the whole way after the quick screen of all ({@link ScanRetopologizer#screenDistance}):
   * the screen skips the check of the normals, which only moves a convention's distance a little.
   */
  public static final int FITTED = 3;

  private AxisSearch() {}

  /**
   * A convention and how well its head fits.
   *
   * @param up the scan's up axis
   * @param forward the axis its face looks along
   * @param fitDistance its head's {@link ScanRetopologizer.Result#fitDistance}, metres
   * @param tried the conventions screened (those refused as no head not counted)
   */
  public record Found(Axis up, Axis forward, double fitDistance, int tried) {}

  /**
   * A scan fitted, with the search where its head fits poorly.
   *
   * @param scan the scan as finally read (in the found axes where it was read in them)
   * @param result its head
   * @param found the axes it fits far better in, or null (not searched, or nothing better)
   * @param givenDistance the fit distance in the given axes, metres
   * @param readInFound whether {@code scan} and {@code result} are in {@code found}'s axes
   */
  public record Outcome(ScanRetopologizer.PreparedScan scan, ScanRetopologizer.Result result, Found found, double givenDistance,
      boolean readInFound) {}

  /**
   * Fits a prepared scan; where its head fits worse than {@value #SEARCH_ABOVE_METRES} m (and it is not a
   * face-only scan), searches the other axes, and reads the scan in those found unless the axes were given
   * (then the caller may say which fit better).
   *
   * @param retopologizer what fits the scan
   * @param scan the scan as read ({@link ScanReader}), in its own axes and units
   * @param prepared {@code scan} prepared with the options to fit it with ({@link ScanRetopologizer#prepare})
   * @param axesGiven whether the user named the axes (they are kept then), or they are the defaults, a guess
   */
  public static Outcome fit(ScanRetopologizer retopologizer, PointCloud scan, ScanRetopologizer.PreparedScan prepared,
      boolean axesGiven) {
    ScanRetopologizer.Result r = retopologizer.retopologize(prepared);
    Options o = prepared.options();
    if (o.faceOnly() || !worthSearching(r.fitDistance())) {
      return new Outcome(prepared, r, null, r.fitDistance(), false);
    }
    Found found = better(retopologizer, scan, o, r.fitDistance());
    if (found == null || axesGiven) {
      return new Outcome(prepared, r, found, r.fitDistance(), false);
    }
    ScanRetopologizer.PreparedScan turned = ScanRetopologizer.prepare(scan, o.withUp(found.up()).withForward(found.forward()));
    return new Outcome(turned, retopologizer.retopologize(turned), found, r.fitDistance(), true);
  }

  /** Whether a head at this fit distance (metres) is worth the search. */
  public static boolean worthSearching(double fitDistance) {
    return fitDistance > SEARCH_ABOVE_METRES;
  }

  /**
   * The convention, other than the given one, in which the scan's head fits far better.
   *
   * @param retopologizer what fits the scan
   * @param scan the scan as read ({@link ScanReader}), in its own axes and units
   * @param given the options it was fitted with (not a face-only scan)
   * @param givenDistance its head's fit distance, metres
   * @return the best convention when it fits at most {@link #BETTER_SHARE} of {@code givenDistance}, else null
   */
  public static Found better(ScanRetopologizer retopologizer, PointCloud scan, Options given, double givenDistance) {
    if (given.faceOnly()) {
      throw new IllegalArgumentException("a face-only scan is read in the given axes only");
    }
    PointCloud probe = ScanReader.subsample(scan, SEARCH_POINTS, given.seed());
    ScanConditioning.checkPoints(probe.positions());
    StrayPoints.Result strays = StrayPoints.find(probe.positions()); // the same in every convention
    PointCloud kept = strays.apply(probe);
    // Every convention screened by the quick fit, the best few fitted the whole way.
    List<ScanRetopologizer.PreparedScan> screened = new ArrayList<>();
    List<Double> quick = new ArrayList<>();
    for (Axis up : Axis.values()) {
      for (Axis forward : Axis.values()) {
        if (up.sameLine(forward) || up == given.up() && forward == given.forward()) {
          continue;
        }
        Options o = given.withUp(up).withForward(forward).withRefineSteps(0).withCorrect(false).withLevel(false);
        try {
          ScanRetopologizer.PreparedScan prepared = ScanRetopologizer.prepare(kept, o, strays);
          quick.add(retopologizer.screenDistance(prepared));
          screened.add(prepared);
        } catch (IllegalArgumentException noHead) { // too wide a crown, too few points above the neck: not this way up
        }
      }
    }
    Integer[] order = new Integer[screened.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(quick::get));
    Found best = null;
    for (int k = 0; k < Math.min(FITTED, order.length); k++) {
      ScanRetopologizer.PreparedScan prepared = screened.get(order[k]);
      double distance = retopologizer.retopologize(prepared).fitDistance();
      if (best == null || distance < best.fitDistance()) {
        best = new Found(prepared.options().up(), prepared.options().forward(), distance, screened.size());
      }
    }
    return best != null && best.fitDistance() <= BETTER_SHARE * givenDistance ? best : null;
  }
}
