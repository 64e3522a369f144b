package dev.mirror.buildfiles;

import dev.mirror.options.ConfigLoader;
import dev.mirror.options.MirrorConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.specs.TargetSource.LoadException;
import dev.mirror.targets.Address;
import dev.mirror.targets.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildFileLoaderTest {
  @TempDir Path root;

  private static final String SHA1 = "1".repeat(64);
  private static final String SHA2 = "2".repeat(64);

  private void write(String path, String text) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private BuildFileLoader loader(Map<String, String> env) throws Exception {
    Files.writeString(root.resolve("BUILDROOT"), "");
    MirrorConfig config = MirrorConfig.defaults(root);
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());
    return new BuildFileLoader(config, new BuildFileFinder(config, ignores), env);
  }

  private static String image(String name, String extra) {
    return "oci_mirror_image(name=\"" + name + "\", source_repository=\"docker.io/library/x\","
        + " destination_repository=\"registry.example.com/x\", sha=\"" + SHA1 + "\"" + extra + ")\n";
  }

  private static List<String> addresses(List<Target> targets) {
    return targets.stream().map(t -> t.address().toString()).toList();
  }

  @Test
  void aBrokenSiblingDoesNotBreakADirectoryButABrokenAncestorDoes() throws Exception {
    write("good/BUILD", image("a", ""));
    write("bad/BUILD", "oci_mirror_image(\n");
    write("bad/child/BUILD", image("c", ""));
    try (BuildFileLoader loader = loader(Map.of())) {
      assertEquals(List.of("good:a"), addresses(loader.targetsIn("good")));
      LoadException e = assertThrows(LoadException.class, () -> loader.targetsIn("bad/child"));
      assertTrue(e.problems().get(0).startsWith("bad/BUILD:2:1: error: syntax error"),
          e.problems().toString());
    }
  }

  @Test
  void defaultsComeFromTheNearestAncestorAndApplyInOrder() throws Exception {
    write("BUILD", "__defaults__(all=dict(tags=[\"root\"]))\n");
    write("a/BUILD", image("before", "")
        + "__defaults__({oci_mirror_image: dict(description=\"d\")}, extend=True)\n"
        + image("after", "")
        + image("own", ", tags=[*oci_mirror_image.tags.default, \"x\"]"));
    write("a/b/c/BUILD", image("deep", ""));
    try (BuildFileLoader loader = loader(Map.of())) {
      Map<String, Target> a = byName(loader.targetsIn("a"));
      assertEquals(List.of("root"), a.get("before").tags());
      assertEquals(null, a.get("before").description());
      assertEquals("d", a.get("after").description());
      assertEquals(List.of("root", "x"), a.get("own").tags());
      Target deep = loader.targetsIn("a/b/c").get(0);
      assertEquals("d", deep.description());
      assertEquals(List.of("root"), deep.tags());
    }
  }

  @Test
  void generatorsTakeTheDirectorysFinalImageDefaults() throws Exception {
    write("py/BUILD", "oci_mirror_images(source_repository=\"docker.io/library/python\","
        + " destination_repository=\"registry.example.com/python\","
        + " variants={\"3.12\": \"" + SHA1 + "\", \"3.11\": \"sha256:" + SHA2 + "\"})\n"
        + "__defaults__({oci_mirror_image: dict(description=\"late\", tag=\"ignored\")})\n");
    try (BuildFileLoader loader = loader(Map.of())) {
      List<Target> targets = loader.targetsIn("py");
      assertEquals(List.of("py", "py#3.11", "py#3.12"), addresses(targets));
      Target generator = targets.get(0);
      assertEquals(List.of(Address.parse("py#3.12"), Address.parse("py#3.11")),
          generator.dependencies());
      Target t311 = targets.get(1);
      assertEquals("3.11", t311.fields().get("tag"));
      assertEquals(SHA2, t311.fields().get("sha"));
      assertEquals("late", t311.description());
    }
  }

  @Test
  void parametrizeMakesOneTargetPerCombination() throws Exception {
    write("p/BUILD", image("img", ", tag=parametrize(\"a\", \"b\"),"
        + " description=parametrize(x=\"one\", y=\"two\")"));
    try (BuildFileLoader loader = loader(Map.of())) {
      assertEquals(List.of("p:img@description=x,tag=a", "p:img@description=x,tag=b",
              "p:img@description=y,tag=a", "p:img@description=y,tag=b"),
          addresses(loader.targetsIn("p")));
    }
  }

  @Test
  void otherBackendsTargetsAreKeptAsDeclaredAndTheirValuesAreNotTargets() throws Exception {
    write("svc/BUILD", "python_sources()\n"
        + "docker_image(name=\"img\", source=http_source(url=\"https://x\", len=1))\n"
        + "__defaults__({python_tests: dict(timeout=60)})\n"
        + "python_tests(name=\"tests\")\n");
    try (BuildFileLoader loader = loader(Map.of())) {
      List<Target> targets = loader.targetsIn("svc");
      assertEquals(List.of("svc", "svc:img", "svc:tests"), addresses(targets));
      assertEquals("http_source(url=\"https://x\", len=1)", targets.get(1).fields().get("source"));
      assertEquals(60L, targets.get(2).fields().get("timeout"));
    }
  }

  @Test
  void envAndBuildFileDirAndPreludeMacros() throws Exception {
    write("pants.toml", "[GLOBAL]\nbuild_file_prelude_globs = [\"macros/*.py\"]\n");
    write("macros/images.py", "def mirrored(name, **kwargs):\n"
        + "    oci_mirror_image(name=name, tag=env(\"TAG\", \"none\"), **kwargs)\n");
    write("tools/jq/BUILD", "mirrored(build_file_dir().name, source_repository=\"docker.io/x\","
        + " destination_repository=\"r.example.com/x\", sha=\"" + SHA1 + "\")\n");
    MirrorConfig config = new ConfigLoader(Map.of(), root, root.resolve("none"))
        .load(root, Map.of());
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());
    try (BuildFileLoader loader = new BuildFileLoader(config, new BuildFileFinder(config, ignores),
        Map.of("TAG", "1.7"))) {
      Target t = loader.targetsIn("tools/jq").get(0);
      assertEquals("tools/jq", t.address().toString());
      assertEquals("1.7", t.fields().get("tag"));
      assertEquals("tools/jq/BUILD", t.origin().file());
    }
  }

  @Test
  void problemsNameTheFileLineAndTarget() throws Exception {
    write("x/BUILD", image("a", ", tga=\"1\""));
    write("y/BUILD", "oci_mirror_image(name=\"b\", source_repository=\"docker.io/x\")\n");
    write("z/BUILD", "oci_mirror_imgae(name=\"c\")\n");
    try (BuildFileLoader loader = loader(Map.of())) {
      String x = assertThrows(LoadException.class, () -> loader.targetsIn("x")).problems().get(0);
      assertTrue(x.startsWith("x/BUILD:1:17: error: Unrecognized field `tga=1` in target x:a."), x);
      assertTrue(x.endsWith("Did you mean 'tag'?"), x);
      String y = assertThrows(LoadException.class, () -> loader.targetsIn("y")).problems().get(0);
      assertEquals("y/BUILD:1:17: error: The 'destination_repository' field in target y:b must be"
          + " set.", y);
      String z = assertThrows(LoadException.class, () -> loader.targetsIn("z")).problems().get(0);
      assertEquals("z/BUILD:1:1: error: name 'oci_mirror_imgae' is not defined (did you mean"
          + " 'oci_mirror_image'?)", z);
    }
  }

  @Test
  void macrosPassKeywordArgumentsAfterASplicedDictAsPythonDoes() throws Exception {
    write("pants.toml", "[GLOBAL]\nbuild_file_prelude_globs = [\"macros/*.py\"]\n");
    write("macros/images.py", "COMMON = dict(source_repository=\"docker.io/x\", sha=\"" + SHA1
        + "\")\n"
        + "def mirrored(name, **kwargs):\n"
        + "    oci_mirror_image(**COMMON, name=name, **kwargs)\n");
    write("m/BUILD", "mirrored(\"a\", destination_repository=\"r.example.com/a\")\n"
        + "common = dict(destination_repository=\"r.example.com/b\")\n"
        + "oci_mirror_image(**common, name=\"b\", source_repository=\"docker.io/y\", sha=\""
        + SHA2 + "\")\n");
    write("twice/BUILD", "mirrored(\"c\", destination_repository=\"r.example.com/c\", sha=\""
        + SHA2 + "\")\n");
    MirrorConfig config = new ConfigLoader(Map.of(), root, root.resolve("none"))
        .load(root, Map.of());
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());
    try (BuildFileLoader loader = new BuildFileLoader(config, new BuildFileFinder(config, ignores),
        Map.of())) {
      Map<String, Target> m = byName(loader.targetsIn("m"));
      assertEquals("docker.io/x", m.get("a").fields().get("source_repository"));
      assertEquals("r.example.com/a", m.get("a").fields().get("destination_repository"));
      assertEquals(SHA1, m.get("a").fields().get("sha"));
      assertEquals("docker.io/y", m.get("b").fields().get("source_repository"));
      assertEquals("r.example.com/b", m.get("b").fields().get("destination_repository"));
      String twice = assertThrows(LoadException.class, () -> loader.targetsIn("twice"))
          .problems().get(0);
      assertTrue(twice.contains("oci_mirror_image() got multiple values for keyword argument"
          + " 'sha'"), twice);
    }
  }

  @Test
  void tabsIndentAsInPythonAndAnInconsistentMixNamesTheLine() throws Exception {
    write("tabs/BUILD", "for n in [\"a\", \"b\"]:\n"
        + "\tif n:\n"
        + "\t\t" + image("x", "").replace("name=\"x\"", "name=n"));
    write("mixed/BUILD", "if True:\n"
        + "\t" + image("a", "")
        + "        " + image("b", ""));
    try (BuildFileLoader loader = loader(Map.of())) {
      assertEquals(List.of("tabs:a", "tabs:b"), addresses(loader.targetsIn("tabs")));
      String mixed = assertThrows(LoadException.class, () -> loader.targetsIn("mixed"))
          .problems().get(0);
      assertEquals("mixed/BUILD:3:1: error: syntax error: inconsistent use of tabs and spaces in"
          + " indentation", mixed);
    }
  }

  private static Map<String, Target> byName(List<Target> targets) {
    Map<String, Target> out = new java.util.HashMap<>();
    for (Target t : targets) {
      out.put(t.address().name(), t);
    }
    return out;
  }
}
