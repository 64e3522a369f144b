package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.Dict;
import dev.mirror.starlark.eval.EvalException;
import dev.mirror.starlark.eval.Printer;
import dev.mirror.starlark.eval.Starlark;
import dev.mirror.starlark.eval.StarlarkCallable;
import dev.mirror.starlark.eval.StarlarkIterable;
import dev.mirror.starlark.eval.StarlarkList;
import dev.mirror.starlark.eval.StarlarkSet;
import dev.mirror.starlark.eval.StarlarkThread;
import dev.mirror.starlark.eval.Structure;
import dev.mirror.starlark.eval.Tuple;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.targets.Origin;
import dev.mirror.targets.TargetType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A target type's symbol in BUILD files. Called, it records a target declaration in the current
 * directory's context; as a value it is a dict key for {@code __defaults__}, prints as its alias,
 * and {@code oci_mirror_image.tags.default} reads the default in force.
 *
 * <p>A call to another backend's type is recorded the same way and also returns an
 * {@link OpaqueCall}: when that value is passed inside another call (as {@code http_source(...)}
 * is), its declaration is marked consumed and is not a target. A call with positional arguments
 * ({@code stevedore_namespace("x")}) is always a value: target calls take keywords only.
 */
final class TargetSymbol implements StarlarkCallable, Structure {
  private final TargetType type;

  TargetSymbol(TargetType type) {
    this.type = type;
  }

  TargetType targetType() {
    return type;
  }

  @Override
  public String name() {
    return type.alias();
  }

  @Override
  public Object call(StarlarkThread thread, Object[] positional, Object[] named) {
    BuildFileContext context = BuildFileContext.of(thread);
    Map<String, Object> kwargs = new LinkedHashMap<>();
    for (int i = 0; i < named.length; i += 2) {
      kwargs.put((String) named[i], named[i + 1]);
    }
    if (context != null) {
      consume(context, kwargs.values());
      consume(context, Arrays.asList(positional));
    }
    if (type.opaque()) {
      OpaqueCall value = new OpaqueCall(type.alias(), List.of(positional), kwargs);
      if (context != null && positional.length == 0) {
        BuildFileContext.Declaration d = new BuildFileContext.Declaration(type, kwargs,
            origin(thread, context), context.defaults);
        context.declarations.add(d);
        context.opaqueCalls.put(value, d);
      }
      return value;
    }
    if (positional.length > 0) {
      throw new EvalException(type.alias() + "() takes keyword arguments only, but got "
          + positional.length + " positional argument" + (positional.length == 1 ? "" : "s"));
    }
    if (context == null) {
      throw new EvalException(type.alias() + "() may only be called while a BUILD file is"
          + " evaluated; in a prelude file, call it inside a function");
    }
    context.declarations.add(new BuildFileContext.Declaration(type, kwargs,
        origin(thread, context), context.defaults));
    return Starlark.NONE;
  }

  /**
   * Marks the opaque calls found in {@code values}, at any depth, as consumed. A work list, not
   * recursion, and each container once: a value may nest deeply, or contain itself.
   */
  static void consume(BuildFileContext context, Collection<?> values) {
    Deque<Object> pending = new ArrayDeque<>(values);
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    while (!pending.isEmpty()) {
      Object v = pending.pop();
      if (v instanceof OpaqueCall call) {
        BuildFileContext.Declaration d = context.opaqueCalls.remove(call);
        if (d != null) {
          d.consumed = true;
        }
      } else if (v instanceof Dict d && seen.add(d)) {
        d.entrySet().forEach(e -> pending.push(e.getValue()));
      } else if ((v instanceof StarlarkList || v instanceof Tuple || v instanceof StarlarkSet)
          && seen.add(v)) {
        // Not any iterable: a range may hold billions of ints, and never an opaque call.
        ((StarlarkIterable) v).forEach(pending::push);
      }
    }
  }

  /** Where the call is in the BUILD file: the innermost frame in that file. */
  static Origin origin(StarlarkThread thread, BuildFileContext context) {
    List<StarlarkThread.FrameInfo> stack = thread.callStack();
    Location loc = stack.isEmpty() ? null : stack.get(0).location();
    for (StarlarkThread.FrameInfo f : stack) {
      if (f.location().file().equals(context.currentFile)) {
        loc = f.location();
      }
    }
    return loc == null ? new Origin(context.currentFile, 0, 0)
        : new Origin(loc.file(), loc.line(), loc.column());
  }

  @Override
  public Object getAttr(String name) {
    return null;
  }

  @Override
  public Object getAttr(StarlarkThread thread, String name) {
    if (type.opaque()) {
      return null;
    }
    return type.field(name).map(f -> {
      BuildFileContext context = BuildFileContext.of(thread);
      Object value = context == null ? null : context.defaults.forType(type).get(f.name());
      return (Object) new FieldDefault(
          BuildFileSymbols.toStarlark(value != null ? value : f.defaultValue()));
    }).orElse(null);
  }

  @Override
  public Collection<String> attrNames() {
    return type.fieldNames();
  }

  @Override
  public String type() {
    return "target_type";
  }

  @Override
  public void repr(Printer out) {
    out.append(type.alias());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetSymbol t && t.type.alias().equals(type.alias());
  }

  @Override
  public int hashCode() {
    return type.alias().hashCode();
  }

  /**
   * {@code oci_mirror_image.tags}: {@code .default} is the default in force where it is read:
   * the {@code __defaults__} value, else the field's own default.
   */
  record FieldDefault(Object value) implements Structure {
    @Override
    public Object getAttr(String name) {
      return name.equals("default") ? value : null;
    }

    @Override
    public Collection<String> attrNames() {
      return List.of("default");
    }

    @Override
    public String type() {
      return "field";
    }
  }
}
