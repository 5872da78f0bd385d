package dev.topos.synth.dataset;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line text progress bar ({@code [#####.....] 120/200  8.3/s  ETA 10s}) redrawn in place on a
 * stream (stderr in the CLI), at most a few times per second. Thread-safe.
 */
public final class ProgressBar {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long done;
  private long startDone;
  private long lastDraw;
  private boolean finished;

  public ProgressBar(PrintStream out, String label, long total, long alreadyDone) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.done = alreadyDone;
    this.startDone = alreadyDone;
  }

  public synchronized void advance(long n) {
    done += n;
    long now = System.nanoTime();
    if (now - lastDraw > 200_000_000L || done >= total) {
      lastDraw = now;
      draw(now);
    }
  }

  /** Draws the final state and ends the line (once; later calls do nothing). */
  public synchronized void finish() {
    if (finished) {
      return;
    }
    finished = true;
    draw(System.nanoTime());
    out.println();
    out.flush();
  }

  private void draw(long now) {
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    double secs = (now - startNanos) / 1e9;
    double rate = secs > 0 ? (done - startDone) / secs : 0;
    String eta = rate > 0 ? String.format(Locale.ROOT, "%.0fs", (total - done) / rate) : "?";
    out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d  %.1f/s  ETA %s ", label,
        "#".repeat(filled), ".".repeat(width - filled), done, total, rate, eta));
    out.flush();
  }
}
