package dev.mirror.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mirror.buildfiles.BuildFileFinder;
import dev.mirror.buildfiles.BuildFileLoader;
import dev.mirror.buildfiles.IgnoreRules;
import dev.mirror.options.MirrorConfig;
import dev.mirror.targets.Origin;
import dev.mirror.targets.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The calls the golden pins name are where the BUILD file loader says its targets were declared,
 * so the editor finds a target by the origin the loader gives it. The files after pinning are
 * loaded: before, some targets lack the sha the loader requires.
 */
class CallLocationTest {
  @TempDir Path root;

  static java.util.List<PinCase> cases() {
    return PinCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thePinnedCallsAreTheTargetsOrigins(PinCase c) throws Exception {
    Files.writeString(root.resolve("BUILDROOT"), "");
    Path build = root.resolve(PinCase.PATH);
    Files.createDirectories(build.getParent());
    Files.write(build, c.after());
    MirrorConfig config = MirrorConfig.defaults(root);
    IgnoreRules ignores = IgnoreRules.load(config, Optional.empty());

    Set<String> origins;
    try (BuildFileLoader loader =
        new BuildFileLoader(config, new BuildFileFinder(config, ignores), Map.of())) {
      origins = loader.targetsIn(build.getParent().getFileName().toString()).stream()
          .map(Target::origin).map(Origin::toString)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    Set<String> pinned = c.pinsAfter().stream().map(pin -> pin.call().toString())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(pinned, origins);
  }
}
