package dev.topos.geometry.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.topos.geometry.Mesh;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshFilesTest {

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void dispatchesByExtension(@TempDir Path dir) throws IOException {
    Mesh obj = ObjFormatTest.quadAndTriangle();
    Mesh ply = PlyFormatTest.perVertexMesh();
    MeshFiles.write(dir.resolve("a.obj"), obj);
    MeshFiles.write(dir.resolve("b.PLY"), ply);
    assertEquals(obj, MeshFiles.read(dir.resolve("a.obj")));
    assertEquals(ply, MeshFiles.read(dir.resolve("b.PLY")));
    assertTrue(new String(Files.readAllBytes(dir.resolve("b.PLY")), StandardCharsets.ISO_8859_1)
        .startsWith("ply\nformat binary_little_endian 1.0\n"));
    // Overwriting replaces the file; no temp files remain.
    MeshFiles.write(dir.resolve("a.obj"), ply);
    assertEquals(ply.positions().length, MeshFiles.read(dir.resolve("a.obj")).positions().length);
    assertEquals(List.of(dir.resolve("a.obj"), dir.resolve("b.PLY")), list(dir));

    MeshFormatException e = assertThrows(MeshFormatException.class, () -> MeshFiles.read(dir.resolve("c.fbx")));
    assertTrue(e.getMessage().contains("unsupported mesh file type"), e.getMessage());
    assertThrows(MeshFormatException.class, () -> MeshFiles.write(dir.resolve("noext"), obj));
  }

  /** A killed run's temp files for a target are swept before it is written again; others' are left. */
  @Test
  void staleTempsOfATargetAreDeletedAndOthersKept(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("head.obj");
    Files.writeString(dir.resolve(".head.obj.3fa9c01d2e4b5a67.tmp"), "half");
    Files.writeString(dir.resolve(".head.obj.7.tmp"), "half");
    Files.writeString(dir.resolve(".other.obj.3fa9c01d2e4b5a67.tmp"), "someone else's");
    Files.writeString(dir.resolve(".head.obj.notes.tmp"), "not ours");
    Path fresh = Files.writeString(dir.resolve(".head.obj.00ff.tmp"), "being written now");
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000);
    for (String name : new String[] {".head.obj.3fa9c01d2e4b5a67.tmp", ".head.obj.7.tmp", ".other.obj.3fa9c01d2e4b5a67.tmp",
        ".head.obj.notes.tmp"}) {
      Files.setLastModifiedTime(dir.resolve(name), old);
    }
    assertEquals(2, MeshFiles.deleteStaleTemps(target));
    assertTrue(Files.exists(fresh)); // another process may be writing it
    assertTrue(Files.exists(dir.resolve(".other.obj.3fa9c01d2e4b5a67.tmp")));
    assertTrue(Files.exists(dir.resolve(".head.obj.notes.tmp")));
    assertEquals(0, MeshFiles.deleteStaleTemps(dir.resolve("missing/head.obj")));
    // a folder where the file should go is refused before any work
    Files.createDirectory(target);
    assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> MeshFiles.requireOutputFolder(target));
  }

  @Test
  void failedWriteLeavesTheOldFileAndNoTemp(@TempDir Path dir) throws IOException {
    Path target = dir.resolve("head.obj");
    Files.writeString(target, "old");
    IOException e = assertThrows(IOException.class, () -> MeshFiles.writeAtomically(target, out -> {
      out.write("half a fi".getBytes(StandardCharsets.US_ASCII));
      throw new IOException("disk on fire");
    }));
    assertEquals("disk on fire", e.getMessage());
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), list(dir));

    ObjWriter.write(ObjFormatTest.quadAndTriangle(), target);
    PlyWriter.write(PlyFormatTest.perVertexMesh(), dir.resolve("x.ply"), PlyFormat.ASCII);
    assertEquals(ObjFormatTest.quadAndTriangle(), ObjReader.read(target));
    assertArrayEquals(PlyFormatTest.perVertexMesh().positions(), PlyReader.read(dir.resolve("x.ply")).positions());
  }
}
