package dev.mirror.specs;

import dev.mirror.targets.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** Parses and resolves a command line's specs against a fake workspace, as `list` would. */
final class Run {
  static final Path ROOT = Path.of("/nonexistent/repo");
  static final Set<String> TYPES = Set.of("oci_mirror_image", "oci_mirror_images");

  private final FakeTargetSource source;
  private String cwd = "";
  private Filters filters = Filters.NONE;
  private UnmatchedGlobs mode = UnmatchedGlobs.ERROR;

  private Run(FakeTargetSource source) {
    this.source = source;
  }

  static Run in(FakeTargetSource source) {
    return new Run(source);
  }

  Run cwd(String dir) {
    cwd = dir;
    return this;
  }

  Run filters(Filters f) {
    filters = f;
    return this;
  }

  Run mode(UnmatchedGlobs m) {
    mode = m;
    return this;
  }

  Resolution resolve(String... args) throws Exception {
    Specs specs = new SpecParser(ROOT, cwd, source).parseAll(List.of(args));
    return new SpecResolver().resolve(
        specs.includes(), specs.ignores(), filters, source, mode);
  }

  /** The addresses `list` would print. */
  List<String> list(String... args) throws Exception {
    return resolve(args).targets().stream().map(Target::address).map(Object::toString).toList();
  }

  static Filters tag(String... values) throws SpecException {
    return Filters.of(List.of(values), List.of(), List.of(), List.of(), TYPES);
  }
}
