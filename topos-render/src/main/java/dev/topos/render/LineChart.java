package dev.topos.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A plain line chart (Java2D) for training curves: several series over a shared x axis, optional
 * log-scale y, axis ticks and a legend. Good enough for docs/ pictures; no external plotting library.
 */
public final class LineChart {
  /**
   * One curve.
   *
   * @param name legend label
   * @param x x values (e.g. steps)
   * @param y y values (non-positive values are skipped on a log scale)
   */
  public record Series(String name, double[] x, double[] y) {}

  private static final Color[] COLOURS = {
      new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
      new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

  private LineChart() {}

  public static BufferedImage draw(String title, String xLabel, String yLabel, List<Series> series, boolean logY,
      int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    int left = 70;
    int right = 20;
    int top = 40;
    int bottom = 50;
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    double yMin = Double.POSITIVE_INFINITY;
    double yMax = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (!Double.isFinite(y) || (logY && y <= 0)) {
          continue;
        }
        double yy = logY ? Math.log10(y) : y;
        xMin = Math.min(xMin, s.x()[i]);
        xMax = Math.max(xMax, s.x()[i]);
        yMin = Math.min(yMin, yy);
        yMax = Math.max(yMax, yy);
      }
    }
    if (!(xMax > xMin)) {
      xMax = xMin + 1;
    }
    if (!(yMax > yMin)) {
      yMax = yMin + 1;
    }
    double pad = 0.05 * (yMax - yMin);
    yMin -= pad;
    yMax += pad;
    int pw = width - left - right;
    int ph = height - top - bottom;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(230, 230, 230));
    for (int k = 0; k <= 5; k++) {
      int y = top + ph - k * ph / 5;
      g.drawLine(left, y, left + pw, y);
      double v = yMin + k * (yMax - yMin) / 5;
      g.setColor(Color.DARK_GRAY);
      String label = logY ? String.format(Locale.ROOT, "%.3g", Math.pow(10, v)) : String.format(Locale.ROOT, "%.3g", v);
      g.drawString(label, 5, y + 4);
      g.setColor(new Color(230, 230, 230));
    }
    for (int k = 0; k <= 5; k++) {
      int x = left + k * pw / 5;
      double v = xMin + k * (xMax - xMin) / 5;
      g.setColor(Color.DARK_GRAY);
      String tick = String.format(Locale.ROOT, "%.0f", v);
      int w = g.getFontMetrics().stringWidth(tick);
      // Centred under the tick, but kept inside the picture (the last label is the longest).
      g.drawString(tick, Math.min(x - w / 2, width - w - 2), top + ph + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.drawString(xLabel, left + pw / 2 - 20, height - 12);
    g.drawString(yLabel + (logY ? " (log)" : ""), left + 5, top + 14);
    g.setStroke(new BasicStroke(1.6f));
    for (int si = 0; si < series.size(); si++) {
      Series s = series.get(si);
      g.setColor(COLOURS[si % COLOURS.length]);
      int px = -1;
      int py = -1;
      for (int i = 0; i < s.x().length; i++) {
        double y = s.y()[i];
        if (!Double.isFinite(y) || (logY && y <= 0)) {
          continue;
        }
        double yy = logY ? Math.log10(y) : y;
        int x = left + (int) Math.round((s.x()[i] - xMin) / (xMax - xMin) * pw);
        int yPix = top + ph - (int) Math.round((yy - yMin) / (yMax - yMin) * ph);
        if (px >= 0) {
          g.drawLine(px, py, x, yPix);
        }
        px = x;
        py = yPix;
      }
      g.fillRect(left + pw - 150, top + 10 + 16 * si, 12, 3);
      g.drawString(s.name(), left + pw - 132, top + 15 + 16 * si);
    }
    g.dispose();
    return img;
  }
}
