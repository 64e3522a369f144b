package dev.mirror.buildfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildRootTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"pants.toml", "BUILDROOT", "BUILD_ROOT"})
  void findsEachMarkerFromBelow(String marker) throws Exception {
    TestTree tree = new TestTree(tmp);
    tree.file("repo/" + marker);
    Path cwd = tree.dir("repo/a/b");
    assertEquals(tmp.resolve("repo"), BuildRoot.find(cwd, Map.of(), null));
  }

  @Test
  void theCwdItselfCounts() throws Exception {
    new TestTree(tmp).file("BUILDROOT");
    assertEquals(tmp, BuildRoot.find(tmp, Map.of(), null));
  }

  @Test
  void theNearestMarkerWins() throws Exception {
    TestTree tree = new TestTree(tmp);
    tree.file("pants.toml");
    tree.file("sub/BUILD_ROOT");
    assertEquals(tmp.resolve("sub"), BuildRoot.find(tree.dir("sub/x"), Map.of(), null));
  }

  @Test
  void aDirectoryNamedLikeAMarkerIsNoMarker() throws Exception {
    TestTree tree = new TestTree(tmp);
    tree.file("pants.toml");
    tree.dir("sub/BUILDROOT");
    assertEquals(tmp, BuildRoot.find(tree.dir("sub/x"), Map.of(), null));
  }

  @Test
  void theFlagOverridesTheEnvironmentWhichOverridesMarkers() throws Exception {
    TestTree tree = new TestTree(tmp);
    tree.file("pants.toml");
    Path fromEnv = tree.dir("env-root");
    Path fromFlag = tree.dir("flag-root");
    Map<String, String> env = Map.of("PANTS_BUILDROOT_OVERRIDE", fromEnv.toString());
    assertEquals(fromEnv, BuildRoot.find(tmp, env, null));
    assertEquals(fromFlag, BuildRoot.find(tmp, env, fromFlag));
    assertEquals(fromFlag, BuildRoot.find(tmp, env, Path.of("flag-root")));
  }

  @Test
  void anOverrideMustBeADirectory() {
    BuildFileException e = assertThrows(BuildFileException.class,
        () -> BuildRoot.find(tmp, Map.of("PANTS_BUILDROOT_OVERRIDE", "missing"), null));
    assertEquals(BuildFileException.Kind.NO_BUILD_ROOT, e.kind());
    assertTrue(e.getMessage().contains("PANTS_BUILDROOT_OVERRIDE"), e.getMessage());
  }

  @Test
  void noMarkerIsAnError() throws Exception {
    // A fresh zip file system: unlike the temp dir, no ancestor can hold a stray pants.toml.
    try (FileSystem fs = FileSystems.newFileSystem(tmp.resolve("empty.zip"),
        Map.of("create", "true"))) {
      Path cwd = Files.createDirectories(fs.getPath("/nothing/here"));
      BuildFileException e = assertThrows(BuildFileException.class,
          () -> BuildRoot.find(cwd, Map.of(), null));
      assertEquals(BuildFileException.Kind.NO_BUILD_ROOT, e.kind());
      assertTrue(e.getMessage().startsWith(
          "No build root detected for the current directory of /nothing/here."), e.getMessage());
      assertTrue(e.getMessage().contains("[pants.toml, BUILDROOT, BUILD_ROOT]"), e.getMessage());
      assertTrue(e.getMessage().contains("--build-root or PANTS_BUILDROOT_OVERRIDE"));
    }
  }
}
