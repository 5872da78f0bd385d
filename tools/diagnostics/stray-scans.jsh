// What strays do to `topos retopo` (session 20): the demo's scan (`bin/topos demo -o DIR` writes
// scan-seed1.obj and the true head head-seed1.obj) as a point cloud (its vertices) and as a mesh, clean
// and with what photogrammetry leaves around a head: 1 % of points scattered through a 60 cm box, a
// 2,000-point lump 40 cm aside, 20 points 3 m away; the mesh with 300 specks (4 mm triangles) through
// the box and a 12 cm plate 45 cm aside. Each variant goes through ScanReader and ScanRetopologizer as
// `retopo` runs them (feed-forward, calibrated, levelled where turned): strays dropped, mean per-vertex
// error against the true head (mm), or the error line.
// demo=DIR seeds=0
import dev.topos.geometry.*;
import dev.topos.geometry.io.*;
import dev.topos.topology.*;
import dev.topos.nn.vae.*;
import dev.topos.pipeline.*;
var demo = java.nio.file.Path.of(System.getProperty("demo", "out"));
var t = ReferenceTopology.loadBundled();
var vae = ShippedWeights.load(null, t.head());
var retopo = new ScanRetopologizer(vae, t).withCalibration(ShippedWeights.loadCalibration(null)).withPoseCorrection(ShippedWeights.loadPoseCorrection(null));
Mesh scan = MeshFiles.read(demo.resolve("scan-seed1.obj"));
float[] truth = MeshFiles.read(demo.resolve("head-seed1.obj")).positions();
int V = t.head().vertexCount();
float[] concat(float[] a, float[] b) { float[] o = java.util.Arrays.copyOf(a, a.length + b.length); System.arraycopy(b, 0, o, a.length, b.length); return o; }
var rng = new java.util.SplittableRandom(1);
int n = scan.vertexCount();
float[] scatter = new float[3 * (n / 100)];
for (int i = 0; i < scatter.length; i += 3) { scatter[i] = (float) rng.nextDouble(-.3, .3); scatter[i + 1] = (float) rng.nextDouble(-.35, .25); scatter[i + 2] = (float) rng.nextDouble(-.3, .3); }
float[] lump = new float[3 * 2000];
for (int i = 0; i < lump.length; i += 3) {
  for (int k = 0; k < 3; k++) lump[i + k] = (float) ((k == 0 ? 0.4 : 0) + 0.02 * Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble())); }
float[] far = new float[3 * 20];
for (int i = 0; i < far.length; i += 3) { far[i] = (float) (3 + rng.nextDouble()); far[i + 1] = 2; far[i + 2] = 1; }
Mesh cloud(float[] p) { return new Mesh(p, new int[] {0}, new int[0], null, null, null, null, null, java.util.List.of()); }
// mesh floaters: specks and a plate as extra triangles
float[] extra = new float[3 * (3 * 300 + 4)];
int[] extraTriangles = new int[3 * (300 + 2)];
for (int s = 0; s < 300; s++) {
  float x = (float) rng.nextDouble(-.3, .3), y = (float) rng.nextDouble(-.35, .25), z = (float) rng.nextDouble(-.3, .3);
  float[] tri = {x, y, z, x + .004f, y, z, x, y + .004f, z};
  System.arraycopy(tri, 0, extra, 9 * s, 9);
  for (int k = 0; k < 3; k++) extraTriangles[3 * s + k] = n + 3 * s + k;
}
float[] plate = {.45f, -.1f, 0, .57f, -.1f, 0, .45f, .02f, 0, .57f, .02f, 0};
System.arraycopy(plate, 0, extra, 9 * 300, 12);
int p0 = n + 900;
int[] plateTriangles = {p0, p0 + 1, p0 + 3, p0, p0 + 3, p0 + 2};
System.arraycopy(plateTriangles, 0, extraTriangles, 900, 6);
Mesh withFloaters = Mesh.ofTriangles(concat(scan.positions(), extra), java.util.stream.IntStream.concat(
    java.util.Arrays.stream(scan.triangles()), java.util.Arrays.stream(extraTriangles)).toArray());
var variants = new java.util.LinkedHashMap<String, Mesh>();
variants.put("cloud, clean", cloud(scan.positions()));
variants.put("cloud + 1 % scattered", cloud(concat(scan.positions(), scatter)));
variants.put("cloud + lump 40 cm aside", cloud(concat(scan.positions(), lump)));
variants.put("cloud + 20 points 3 m away", cloud(concat(scan.positions(), far)));
variants.put("mesh, clean", Mesh.ofTriangles(scan.positions(), scan.triangles()));
variants.put("mesh + specks and a plate", withFloaters);
variants.put("mesh + plate", Mesh.ofTriangles(concat(scan.positions(), extra), java.util.stream.IntStream.concat(
    java.util.Arrays.stream(scan.triangles()), java.util.Arrays.stream(plateTriangles)).toArray()));
variants.put("mesh + specks", Mesh.ofTriangles(concat(scan.positions(), extra), java.util.stream.IntStream.concat(
    java.util.Arrays.stream(scan.triangles()), java.util.Arrays.stream(java.util.Arrays.copyOf(extraTriangles, 900))).toArray()));
var dir = java.nio.file.Files.createTempDirectory("strays");
for (String seedText : System.getProperty("seeds", "0").split(",")) {
  long seed = Long.parseLong(seedText);
  for (var e : variants.entrySet()) {
    var file = dir.resolve(e.getKey().replaceAll("[^a-z0-9]+", "-") + ".obj");
    MeshFiles.write(file, e.getValue());
    try {
      var prepared = ScanRetopologizer.prepare(ScanReader.read(file, seed), ScanRetopologizer.Options.DEFAULT.withSeed(seed));
      float[] head = retopo.retopologize(prepared).head().positions();
      double s = 0;
      for (int v = 0; v < V; v++) s += Math.sqrt(Math.pow(head[3*v] - truth[3*v], 2) + Math.pow(head[3*v+1] - truth[3*v+1], 2) + Math.pow(head[3*v+2] - truth[3*v+2], 2));
      System.out.printf("seed %d  %-28s dropped %5d in %4d pieces  %.3f mm%n", seed, e.getKey(), prepared.strays().dropped(), prepared.strays().droppedPieces(), 1000 * s / V);
    } catch (IllegalArgumentException ex) {
      System.out.printf("seed %d  %-28s error: %s%n", seed, e.getKey(), ex.getMessage());
    }
  }
}
/exit
