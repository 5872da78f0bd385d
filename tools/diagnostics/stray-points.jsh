// Whether the stray-point rule (StrayPoints, session 20) leaves synthetic scans whole: for every scan
// of a split, the points dropped and the pieces found; then how long it takes.
// split=test first=0 n=200
import dev.topos.geometry.*;
import dev.topos.synth.dataset.*;
String data = System.getProperty("data", "data");
int first = Integer.getInteger("first", 0), n = Integer.getInteger("n", 200);
var reader = DatasetReader.open(java.nio.file.Path.of(data + "/" + System.getProperty("split", "test")));
int scansWithDrops = 0; long dropped = 0; int maxPieces = 0; long nanos = 0;
for (int i = first; i < Math.min(first + n, reader.size()); i++) {
  Sample s = reader.get(i);
  long t0 = System.nanoTime();
  var r = StrayPoints.find(s.scanPoints());
  nanos += System.nanoTime() - t0;
  maxPieces = Math.max(maxPieces, r.pieces());
  if (r.dropped() > 0 || r.pieces() > 1) {
    System.out.printf("%d %-15s points %d pieces %d dropped %d in %d link %.2f mm%n", i, s.scanFamily(), r.kept().length, r.pieces(), r.dropped(), r.droppedPieces(), r.linkDistance() * 1000);
  }
  if (r.dropped() > 0) { scansWithDrops++; dropped += r.dropped(); }
}
System.out.printf("scans %d, with points dropped %d, points dropped %d, most pieces %d, %.1f ms a scan%n", Math.min(n, reader.size() - first), scansWithDrops, dropped, maxPieces, nanos / 1e6 / Math.min(n, reader.size() - first));
/exit
