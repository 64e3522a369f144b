package dev.mirror.buildfiles;

import dev.mirror.specs.TargetSource.LoadException;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.SyntaxError;
import dev.mirror.targets.Address;
import dev.mirror.targets.Defaults;
import dev.mirror.targets.FieldValidator;
import dev.mirror.targets.ImageGenerator;
import dev.mirror.targets.RepositoryNames;
import dev.mirror.targets.Target;
import dev.mirror.targets.TargetException;
import dev.mirror.targets.TargetType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the BUILD files of one directory, in path order, into its targets: declared ones
 * (parametrized copies expanded) and the ones generators make. The files share one namespace of
 * targets and one {@code __defaults__} state, starting from the parent directory's final state.
 */
final class DirectoryEvaluator {

  /** A directory's targets, its final defaults (its subdirectories start there), its warnings. */
  record Result(List<Target> targets, Defaults defaults, List<String> warnings) {}

  /** A BUILD file's path relative to the build root, and its text. */
  record BuildFile(String path, String text) {}

  private static final String BANNED_NAME_CHARS = ":#!@?/\\=";

  private final Interpreter interpreter;
  private final RepositoryNames repositoryNames = new RepositoryNames();

  DirectoryEvaluator(Interpreter interpreter) {
    this.interpreter = interpreter;
  }

  /** Evaluates a directory's BUILD files; what else they read is noted in {@code inputs}. */
  Result evaluate(String directory, List<BuildFile> files, Defaults inherited,
      Map<String, String> environment, InputLog inputs) throws LoadException {
    BuildFileContext context = new BuildFileContext(directory, inherited, environment, inputs);
    List<String> problems = new ArrayList<>();
    if (Address.basename(directory).startsWith("BUILD")) {
      problems.add(directory + ": error: the directory name " + Address.basename(directory)
          + " is reserved: BUILD files match BUILD*, so a directory named like one cannot hold"
          + " targets. Rename the directory.");
      throw new LoadException(problems);
    }
    for (BuildFile file : files) {
      context.currentFile = file.path();
      try {
        Interpreter.Compiled compiled = interpreter.compile(file.path(), file.text());
        interpreter.exec(compiled, thread -> {
          thread.setThreadLocal(BuildFileContext.class, context);
          thread.setThreadLocal(InputLog.class, context.inputs);
          thread.setWarningHandler((loc, msg) -> context.warnings.add(loc + ": warning: " + msg));
        });
      } catch (StarlarkException e) {
        problems.addAll(describe(e));
      }
    }
    if (!problems.isEmpty()) {
      throw new LoadException(problems);
    }
    List<Target> targets = new ArrayList<>();
    Map<String, BuildFileContext.Declaration> byName = new HashMap<>();
    try {
      for (BuildFileContext.Declaration d : context.declarations) {
        if (d.consumed) {
          continue;
        }
        String name = name(d, directory);
        checkUnique(byName, name, d, directory);
        targets.addAll(build(d, directory, name, context, repositoryNames));
      }
      List<Target> generated = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        Target t = targets.get(i);
        if (t.generator()) {
          List<Target> expanded = ImageGenerator.expand(t, context.defaults,
              context.warnings::add, repositoryNames);
          targets.set(i, expanded.get(0));
          generated.addAll(expanded.subList(1, expanded.size()));
        }
      }
      targets.addAll(generated);
    } catch (TargetException e) {
      throw new LoadException(List.of(e.render()));
    }
    targets.sort((a, b) -> a.address().compareTo(b.address()));
    return new Result(targets, context.defaults, context.warnings);
  }

  /** One line per problem: {@code path:line:col: error: message}. */
  static List<String> describe(StarlarkException e) {
    List<String> out = new ArrayList<>();
    if (e.kind() == StarlarkException.Kind.SYNTAX) {
      for (SyntaxError s : e.syntaxErrors()) {
        out.add(s.location() + ": error: " + s.message());
      }
    } else {
      // Report the line of the BUILD file; when the error is raised in a prelude macro, say
      // where too, so that both files can be found.
      var stack = e.callStack();
      var outer = stack.isEmpty() ? null : stack.get(0);
      String where = outer == null ? (e.location() == null ? "" : e.location() + ": ")
          : outer.location() + ": ";
      String raisedIn = "";
      if (outer != null && e.location() != null
          && !e.location().file().equals(outer.location().file())) {
        var inner = stack.get(stack.size() - 1);
        raisedIn = " (raised in " + e.location() + ", in " + inner.function() + ")";
      }
      out.add(where + "error: " + e.getMessage() + raisedIn);
    }
    return out;
  }

  private static String name(BuildFileContext.Declaration d, String directory)
      throws TargetException {
    Object name = d.arguments.get("name");
    if (name == null || name == Starlark.NONE || "".equals(name)) {
      return Address.basename(directory);
    }
    if (!(name instanceof String s)) {
      throw new TargetException(d.origin, "The target name must be a string, but was `"
          + Starlark.repr(name) + "` with type `" + Starlark.type(name) + "`.");
    }
    for (char c : BANNED_NAME_CHARS.toCharArray()) {
      if (s.indexOf(c) >= 0) {
        throw new TargetException(d.origin, "The target name " + s + " (defined in directory "
            + (directory.isEmpty() ? "." : directory) + ") contains banned characters (`" + c
            + "`). Please replace these characters with another separator character like `_` or"
            + " `-`.");
      }
    }
    return s;
  }

  private static void checkUnique(Map<String, BuildFileContext.Declaration> byName, String name,
      BuildFileContext.Declaration d, String directory) throws TargetException {
    BuildFileContext.Declaration previous = byName.putIfAbsent(name, d);
    if (previous == null) {
      return;
    }
    if (previous.origin.file().equals(d.origin.file())) {
      throw new TargetException(d.origin, "A target already exists at '"
          + previous.origin.file() + "' with name '" + name + "' and target type '"
          + previous.type.alias() + "'. The '" + d.type.alias()
          + "' target cannot use the same name.");
    }
    throw new TargetException(d.origin, "A target with name '" + name + "' is already defined in '"
        + previous.origin.file() + "', but is also defined in '" + d.origin.file()
        + "'. Because both targets share the same namespace of '"
        + (directory.isEmpty() ? "//" : directory) + "', this is not allowed.");
  }

  /** The declaration's targets: one, or one per combination of its parametrized values. */
  private static List<Target> build(BuildFileContext.Declaration d, String directory, String name,
      BuildFileContext context, RepositoryNames names) throws TargetException {
    Map<String, Object> given = new LinkedHashMap<>(d.arguments);
    given.remove("name");
    List<Map.Entry<Map<String, String>, Map<String, Object>>> variants =
        ParametrizeExpansion.expand(given, d, directory, name);
    List<Target> out = new ArrayList<>();
    for (Map.Entry<Map<String, String>, Map<String, Object>> v : variants) {
      Address address = new Address(directory, name, null, new java.util.TreeMap<>(v.getKey()));
      // Explicit values first; a default fills only a field given under none of its names
      // (an explicit None means "not given"). An explicit value replaces a default, never merges.
      Map<String, Object> fields = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : v.getValue().entrySet()) {
        if (e.getValue() != Starlark.NONE) {
          fields.put(e.getKey(), fieldToJava(d, address, e.getKey(), e.getValue()));
        }
      }
      for (Map.Entry<String, Object> e : d.defaults.forType(d.type).entrySet()) {
        if (!givenUnderAnyName(fields, d.type, e.getKey())) {
          fields.put(e.getKey(), e.getValue());
        }
      }
      if (d.type.opaque()) {
        if (fields.get("dependencies") instanceof List<?> deps) {
          fields.put("dependencies", resolveDependencies(deps, directory));
        }
        out.add(new Target(address, d.type.alias(), fields, d.origin, List.of(), false));
      } else {
        FieldValidator.Result valid = FieldValidator.validate(d.type, address, d.origin,
            fields, context.warnings::add, names);
        out.add(valid.target(d.type, address, d.origin));
      }
    }
    return out;
  }

  /** Whether {@code fields} holds the field called {@code name}, under it or an alias. */
  private static boolean givenUnderAnyName(Map<String, Object> fields, TargetType type,
      String name) {
    if (fields.containsKey(name) || type.opaque()) {
      return fields.containsKey(name);
    }
    return type.field(name)
        .map(f -> fields.containsKey(f.name())
            || f.aliases().stream().anyMatch(fields::containsKey))
        .orElse(false);
  }

  /**
   * Another backend's declared dependencies as address specs, as peek shows them: relative ones
   * ({@code :lib}) resolved in the directory, defaults dropped; what does not parse stays as is.
   */
  private static List<Object> resolveDependencies(List<?> deps, String directory) {
    List<Object> out = new ArrayList<>();
    for (Object dep : deps) {
      if (!(dep instanceof String s)) {
        out.add(dep);
        continue;
      }
      String bang = s.startsWith("!") ? (s.startsWith("!!") ? "!!" : "!") : "";
      String spec = s.substring(bang.length());
      try {
        Address a = spec.startsWith(":") || spec.startsWith("#")
            ? Address.parse((directory.isEmpty() ? "//" : directory) + spec)
            : Address.parse(spec);
        out.add(bang + a);
      } catch (IllegalArgumentException e) {
        out.add(s); // a file path or another backend's form: shown as written
      }
    }
    return out;
  }

  /** A field's value as plain Java; one too deep to convert (or print) fails its target. */
  private static Object fieldToJava(BuildFileContext.Declaration d, Address address,
      String field, Object value) throws TargetException {
    try {
      return toJava(value);
    } catch (EvalException e) {
      throw new TargetException(d.origin, "The '" + field + "' field in target " + address
          + " cannot be converted: " + e.getMessage());
    }
  }

  /** Plain Java values; another backend's call values print as they were written. */
  static Object toJava(Object starlark) {
    Object v = Starlark.toJava(starlark);
    return replaceOpaque(v);
  }

  private static Object replaceOpaque(Object v) {
    if (v instanceof OpaqueCall || v instanceof BuildFileDir || v instanceof Parametrize) {
      return Starlark.str(v);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object x : list) {
        out.add(replaceOpaque(x));
      }
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(replaceOpaque(e.getKey()), replaceOpaque(e.getValue()));
      }
      return out;
    }
    return v;
  }
}
