package dev.mirror.starlark.eval;

import java.util.Map;

/** A value usable with {@code **} in a call, as a dict is: string keys to values. */
public interface Mapping extends StarlarkValue {
  Map<String, Object> entries();
}
