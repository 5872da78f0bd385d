package dev.topos.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.PointCloud;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** ASCII point clouds as scanners and CloudCompare write them: positions, and normals where there are any. */
class XyzReaderTest {
  static final float[] POSITIONS = {1, 2, 3, -4, 5.5f, 6e-3f, 0, 0, 1};
  static final float[] NORMALS = {0, 0, 1, 0.6f, 0.8f, 0, -1, 0, 0};

  static PointCloud read(String text) throws IOException {
    return XyzReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "c.xyz");
  }

  @Test
  void threeColumnsArePositionsWithoutNormals() throws IOException {
    PointCloud c = read("# scan\n1 2 3\n-4 5.5 6e-3\n\n0\t0  1\n");
    assertArrayEquals(POSITIONS, c.positions());
    assertNull(c.normals());
  }

  @Test
  void unitColumnsAfterColoursAreNormalsAndColoursAloneAreNot() throws IOException {
    String withColours = "1 2 3 255 0 0 0 0 1\n-4 5.5 6e-3 0 255 0 0.6 0.8 0\n0 0 1 0 0 255 -1 0 0\n";
    PointCloud c = read(withColours);
    assertArrayEquals(POSITIONS, c.positions());
    assertArrayEquals(NORMALS, c.normals());
    // Colours in 0..1 and an intensity are not unit vectors on every line.
    PointCloud plain = read("1 2 3 1 0 0\n-4 5.5 6e-3 0.5 0.5 0.5\n0 0 1 0 0 1\n");
    assertArrayEquals(POSITIONS, plain.positions());
    assertNull(plain.normals());
  }

  @Test
  void aPtsCountLineIsSkipped() throws IOException {
    PointCloud c = read("3\n1 2 3 -120 10 20 30\n-4 5.5 6e-3 -80 1 2 3\n0 0 1 -90 4 5 6\n");
    assertArrayEquals(POSITIONS, c.positions());
    assertFalse(c.hasNormals());
  }

  @Test
  void aHeaderNamesTheColumnsInAnyOrderAndSeparator() throws IOException {
    PointCloud csv = read("Nx,Ny,Nz,X,Y,Z\n0,0,1,1,2,3\n0.6,0.8,0,-4,5.5,6e-3\n-1,0,0,0,0,1\n");
    assertArrayEquals(POSITIONS, csv.positions());
    assertArrayEquals(NORMALS, csv.normals());
    PointCloud cloudCompare = read("//X;Y;Z;R;G;B;Nx;Ny;Nz\n1;2;3;9;9;9;0;0;1\n-4;5.5;6e-3;9;9;9;0.6;0.8;0\n0;0;1;9;9;9;-1;0;0\n");
    assertArrayEquals(POSITIONS, cloudCompare.positions());
    assertArrayEquals(NORMALS, cloudCompare.normals());
    PointCloud named = read("\"x\" \"y\" \"z\" \"intensity\"\n1 2 3 0.5\n-4 5.5 6e-3 0.5\n0 0 1 0.5\n");
    assertArrayEquals(POSITIONS, named.positions());
    assertNull(named.normals());
  }

  @Test
  void theTypesAreKnownByExtension() {
    for (String name : new String[] {"a.xyz", "b.PTS", "c.asc", "d.csv", "e.txt"}) {
      assertTrue(XyzReader.reads(Path.of(name)), name);
    }
    assertFalse(XyzReader.reads(Path.of("f.ply")));
  }

  @Test
  void malformedFilesFailNamingTheLine() {
    assertEquals("c.xyz, line 2: bad number '2.5x'", failure("1 2 3\n1 2.5x 3\n"));
    assertEquals("c.xyz, line 3: non-finite number 'NaN'", failure("1 2 3\n\n1 NaN 3\n"));
    assertEquals("c.xyz, line 2: 2 values, the first point has 3", failure("1 2 3\n1 2\n"));
    assertEquals("c.xyz, line 1: a point needs x, y and z, found 2 values", failure("1 2\n"));
    assertEquals("c.xyz, line 1: a header without columns x, y and z ('a b c')", failure("a b c\n1 2 3\n"));
    assertEquals("c.xyz, line 2: the header names 6 columns, the line has 3", failure("x y z nx ny nz\n1 2 3\n"));
    assertEquals("c.xyz: no points", failure("# nothing\n\n"));
    assertEquals("c.xyz: no points", failure("12\n"));
  }

  private static String failure(String text) {
    return assertThrows(MeshFormatException.class, () -> read(text)).getMessage();
  }
}
