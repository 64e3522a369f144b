package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.BuiltinFunction;
import dev.mirror.starlark.eval.ConfinedFiles;
import dev.mirror.starlark.eval.Dict;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.Mutability;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.StarlarkThread;
import dev.mirror.starlark.eval.Tuple;
import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.Resolver;
import dev.mirror.spelling.Spelling;
import dev.mirror.targets.Address;
import dev.mirror.targets.Field;
import dev.mirror.targets.FieldValidator;
import dev.mirror.targets.MirrorTypes;
import dev.mirror.targets.Origin;
import dev.mirror.targets.TargetException;
import dev.mirror.targets.TargetType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The symbols of BUILD and prelude files, and the interpreter that evaluates them: mirror's
 * target types, {@code __defaults__}, {@code env}, {@code build_file_dir}, {@code parametrize},
 * the visibility rules (accepted, no effect), {@code PANTS_VERSION}, the prelude's macros, the
 * target types of Pants' own backends ({@link PantsTargetTypes}), and any other type a file
 * defines by calling it (a plugin's).
 */
final class BuildFileSymbols {

  /** Mirror's own symbol names, guarded against misspellings. */
  private static final List<String> OWN_NAMES = List.of(MirrorTypes.IMAGE, MirrorTypes.IMAGES);

  private final Map<String, TargetType> opaqueTypes = new ConcurrentHashMap<>();
  private final Path buildRoot;
  private final ConfinedFiles files;

  BuildFileSymbols(Path buildRoot) {
    this.buildRoot = buildRoot;
    this.files = new ConfinedFiles(buildRoot, "the build root");
  }

  /** The interpreter for BUILD files; {@code prelude} holds the prelude files' symbols. */
  Interpreter interpreter(Map<String, Object> prelude, String pantsVersion) {
    Interpreter.Builder b = Interpreter.builder()
        .dialect(Dialect.PANTS)
        .maxSteps(10_000_000)
        .maxCallDepth(200)
        .printHandler(line -> {})
        .unknownNames(this::unknownName)
        .fileAccess(this::open)
        .loader((module, from) -> {
          throw new EvalException("load() is not supported in BUILD files: Pants has no load;"
              + " share macros through [GLOBAL].build_file_prelude_globs files");
        });
    for (TargetType t : MirrorTypes.ALL) {
      b.predeclare(t.alias(), new TargetSymbol(t));
    }
    // Pants' own backends' types exist whether a file calls them or not (values, dict keys).
    for (String alias : PantsTargetTypes.ALIASES) {
      b.predeclare(alias, new TargetSymbol(opaqueTypes.computeIfAbsent(alias, TargetType::opaque)));
    }
    b.predeclare("__defaults__", BuiltinFunction.of("__defaults__",
        "*args, all=None, extend=False, ignore_unknown_fields=False,"
            + " ignore_unknown_targets=False", this::defaults));
    b.predeclare("env", BuiltinFunction.of("env", "name, default=None, /", (thread, a) -> {
      BuildFileContext context = inBuildFile(thread, "env");
      String value = context.inputs.env(context.environment, stringArg(a[0], "env"));
      return value != null ? value : a[1];
    }));
    b.predeclare("build_file_dir", BuiltinFunction.of("build_file_dir", "",
        (thread, a) -> new BuildFileDir(inBuildFile(thread, "build_file_dir").directory)));
    b.predeclare("parametrize", BuiltinFunction.of("parametrize", "*args, **kwargs",
        (thread, a) -> parametrize((Tuple) a[0], (Dict) a[1])));
    BuiltinFunction rules = BuiltinFunction.of("__dependents_rules__", "*args, **kwargs",
        (thread, a) -> Starlark.NONE);
    b.predeclare("__dependents_rules__", rules);
    b.predeclare("__dependencies_rules__", BuiltinFunction.of("__dependencies_rules__",
        "*args, **kwargs", (thread, a) -> Starlark.NONE));
    b.predeclare("PANTS_VERSION", pantsVersion);
    for (Map.Entry<String, Object> e : prelude.entrySet()) {
      b.predeclare(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /** {@code open()}: files under the build root, each read noted in the thread's input log. */
  private String open(StarlarkThread thread, String path) {
    InputLog log = thread.getThreadLocal(InputLog.class);
    if (log != null) {
      log.opening(buildRoot.resolve(path).normalize());
    }
    return files.read(thread, path);
  }

  /**
   * An undefined name that a file calls, or uses as a {@code __defaults__} key, is another
   * backend's target type; a close misspelling of mirror's own symbols stays an error (with
   * "did you mean"), and so does an undefined name used as a value.
   */
  private Object unknownName(String name, Resolver.NameUse use) {
    boolean targetLike = use.called() || "__defaults__".equals(use.keyOfCallTo());
    if (!targetLike) {
      return null;
    }
    // Decided once per name: a large repository calls python_sources thousands of times.
    Object symbol = otherBackendSymbols.computeIfAbsent(name, this::otherBackendSymbol);
    return symbol == NOT_A_TARGET_TYPE ? null : symbol;
  }

  private static final Object NOT_A_TARGET_TYPE = new Object();
  private final Map<String, Object> otherBackendSymbols = new ConcurrentHashMap<>();

  private Object otherBackendSymbol(String name) {
    for (String own : OWN_NAMES) {
      if (Spelling.distance(name, own) <= 2) {
        return NOT_A_TARGET_TYPE; // a misspelling of mirror's own: an error with "did you mean"
      }
    }
    if (name.startsWith("__") || name.equals("glob") || name.equals("globs")) {
      return NOT_A_TARGET_TYPE; // not a target type: Pants 2.x has no glob(), dunders are its own
    }
    return new TargetSymbol(opaqueTypes.computeIfAbsent(name, TargetType::opaque));
  }

  /** Every target type known so far (mirror's, Pants' own, those files called), mirror's first. */
  List<TargetType> knownTypes() {
    List<TargetType> all = new ArrayList<>(MirrorTypes.ALL);
    all.addAll(opaqueTypes.values());
    return all;
  }

  private static BuildFileContext inBuildFile(StarlarkThread thread, String symbol) {
    BuildFileContext context = BuildFileContext.of(thread);
    if (context == null) {
      throw new EvalException("The BUILD file symbol `" + symbol + "` may only be used in BUILD"
          + " files. If used in a prelude file, it must be within a function that is called from"
          + " a BUILD file.");
    }
    return context;
  }

  private static String stringArg(Object x, String function) {
    if (x instanceof String s) {
      return s;
    }
    throw new EvalException(function + ": got " + Starlark.type(x) + ", want string");
  }

  // ---- parametrize ----

  private static Object parametrize(Tuple args, Dict kwargs) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (!kwargs.entrySet().isEmpty() && args.size() == 1) {
      // parametrize("group", field=value, ...): a group, for **
      for (Map.Entry<Object, Object> e : kwargs.entrySet()) {
        values.put((String) e.getKey(), e.getValue());
      }
      return new Parametrize(stringArg(args.get(0), "parametrize"), values);
    }
    for (Object a : args) {
      if (!(a instanceof String s)) {
        throw new EvalException("parametrize: positional arguments must be strings, used as the"
            + " alias of each value; got " + Starlark.type(a) + ". Use parametrize(alias=value)"
            + " for other values");
      }
      values.put(s, s);
    }
    for (Map.Entry<Object, Object> e : kwargs.entrySet()) {
      values.put((String) e.getKey(), e.getValue());
    }
    if (values.isEmpty()) {
      throw new EvalException("parametrize: give at least one value");
    }
    return new Parametrize(null, values);
  }

  // ---- __defaults__ ----

  private Object defaults(StarlarkThread thread, Object[] a) {
    BuildFileContext context = inBuildFile(thread, "__defaults__");
    boolean extend = Starlark.truth(a[1]);
    boolean ignoreUnknownFields = Starlark.truth(a[2]);
    String where = context.defaultsAddress();
    Origin origin = TargetSymbol.origin(thread, context);
    Map<TargetType, Map<String, Object>> perType = new LinkedHashMap<>();
    for (Object arg : ((Tuple) a[4])) {
      if (!(arg instanceof Dict dict)) {
        throw new EvalException("__defaults__: expected dicts of {target type: {field: value}},"
            + " got " + Starlark.type(arg));
      }
      for (Map.Entry<Object, Object> e : dict.entrySet()) {
        if (!(e.getValue() instanceof Dict fields)) {
          throw new EvalException("__defaults__: the defaults for " + Starlark.str(e.getKey())
              + " must be a dict of field values, got " + Starlark.type(e.getValue()));
        }
        for (TargetType type : keyTypes(e.getKey(), where)) {
          Map<String, Object> values = checkFields(type, fields, where, origin,
              ignoreUnknownFields, false);
          perType.computeIfAbsent(type, t -> new LinkedHashMap<>()).putAll(values);
        }
      }
    }
    Map<String, Object> all = null;
    if (a[0] != Starlark.NONE) {
      if (!(a[0] instanceof Dict allFields)) {
        throw new EvalException("__defaults__: all= must be a dict of field values, got "
            + Starlark.type(a[0]));
      }
      all = new LinkedHashMap<>();
      for (Map.Entry<Object, Object> e : allFields.entrySet()) {
        all.put(Starlark.str(e.getKey()), Starlark.toJava(e.getValue()));
      }
      // Fields a type lacks are dropped for it; those mirror's types have must still be valid.
      for (TargetType t : MirrorTypes.ALL) {
        checkFields(t, allFields, where, origin, true, true);
      }
    }
    context.defaults = context.defaults.apply(perType, all, extend, knownTypes());
    return Starlark.NONE;
  }

  /** The target types a {@code __defaults__} key names: a symbol, a string, or a tuple of them. */
  private List<TargetType> keyTypes(Object key, String where) {
    List<TargetType> out = new ArrayList<>();
    if (key instanceof Tuple tuple) {
      for (Object k : tuple) {
        out.addAll(keyTypes(k, where));
      }
      return out;
    }
    if (key instanceof TargetSymbol symbol) {
      return List.of(symbol.targetType());
    }
    if (key instanceof String alias) {
      TargetType mirror = MirrorTypes.byAlias(alias);
      if (mirror != null) {
        return List.of(mirror);
      }
      for (String own : OWN_NAMES) {
        if (Spelling.distance(alias, own) <= 2) {
          throw new EvalException("Unrecognized target type " + alias + " in " + where
              + ". Did you mean " + own + "?");
        }
      }
      return List.of(opaqueTypes.computeIfAbsent(alias, TargetType::opaque));
    }
    throw new EvalException("__defaults__: keys must be target types or their names, got "
        + Starlark.type(key));
  }

  /** Checks default values for a type's fields; returns them under canonical names. */
  private static Map<String, Object> checkFields(TargetType type, Dict fields, String where,
      Origin origin, boolean ignoreUnknown, boolean quiet) {
    Map<String, Object> out = new LinkedHashMap<>();
    Address address = Address.parse(where.startsWith("//") ? where : "//" + where);
    for (Map.Entry<Object, Object> e : fields.entrySet()) {
      String name = Starlark.str(e.getKey());
      Object value = Starlark.toJava(e.getValue());
      if (type.opaque()) {
        out.put(name, value);
        continue;
      }
      Field field = type.field(name).orElse(null);
      if (field == null) {
        if (ignoreUnknown || quiet) {
          continue;
        }
        String suggestion = Spelling.closest(name, type.allFieldNames());
        throw new EvalException("Unrecognized field `" + name + "` for target " + type.alias()
            + ". Valid fields are: " + String.join(", ", type.fieldNames()) + "."
            + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?"));
      }
      if (value == null) {
        out.put(field.name(), null);
        continue;
      }
      try {
        out.put(field.name(), FieldValidator.check(field, address, origin, value));
      } catch (TargetException ex) {
        throw new EvalException(ex.getMessage());
      }
    }
    return out;
  }

  /** Converts a default value for use in a BUILD file ({@code oci_mirror_image.tags.default}). */
  static Object toStarlark(Object javaValue) {
    return Starlark.fromJava(javaValue, Mutability.IMMUTABLE);
  }
}
