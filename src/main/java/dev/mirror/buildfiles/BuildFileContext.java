package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.StarlarkThread;
import dev.mirror.targets.Defaults;
import dev.mirror.targets.Origin;
import dev.mirror.targets.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state of one directory's evaluation, shared by its BUILD files (one namespace, one
 * {@code __defaults__} state) and reached by the BUILD-file symbols through the thread.
 */
final class BuildFileContext {

  /** A target call as the BUILD file made it: its type, arguments and the defaults then. */
  static final class Declaration {
    final TargetType type;
    final Map<String, Object> arguments; // Starlark values, as given
    final Origin origin;
    final Defaults defaults;
    boolean consumed; // an opaque call used as a value inside another call: not a target

    Declaration(TargetType type, Map<String, Object> arguments, Origin origin, Defaults defaults) {
      this.type = type;
      this.arguments = arguments;
      this.origin = origin;
      this.defaults = defaults;
    }
  }

  final String directory;
  final Map<String, String> environment;
  final List<Declaration> declarations = new ArrayList<>();
  /** The declaration each opaque call made, by the value it returned (identity, not equality). */
  final Map<OpaqueCall, Declaration> opaqueCalls = new java.util.IdentityHashMap<>();
  final List<String> warnings = new ArrayList<>();
  /** The environment variables and files the directory's evaluation read. */
  final InputLog inputs;
  String currentFile;
  Defaults defaults;

  BuildFileContext(String directory, Defaults inherited, Map<String, String> environment,
      InputLog inputs) {
    this.directory = directory;
    this.inputs = inputs;
    this.defaults = inherited;
    this.environment = environment;
  }

  /** The context of the BUILD file being evaluated on this thread, or null (in a prelude). */
  static BuildFileContext of(StarlarkThread thread) {
    return thread.getThreadLocal(BuildFileContext.class);
  }

  /** The address BUILD-file messages use for this directory's {@code __defaults__}. */
  String defaultsAddress() {
    return (directory.isEmpty() ? "//" : directory) + "#__defaults__";
  }
}
