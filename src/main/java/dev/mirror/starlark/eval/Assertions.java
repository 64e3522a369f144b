package dev.mirror.starlark.eval;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code assert_eq}, {@code assert_ne}, {@code assert_true} and {@code assert_fails}: the helpers
 * that conformance files and macro unit tests use. A failed assertion is an error like any other.
 */
public final class Assertions {
  private Assertions() {}

  public static Map<String, Object> builtins() {
    return Map.of(
        "assert_eq", BuiltinFunction.of("assert_eq", "a, b, /, msg=\"\"", (th, a) -> {
          if (!Starlark.equal(a[0], a[1])) {
            throw new EvalException("assert_eq: " + Starlark.repr(a[0]) + " != "
                + Starlark.repr(a[1]) + suffix(a[2]));
          }
          return Starlark.NONE;
        }),
        "assert_ne", BuiltinFunction.of("assert_ne", "a, b, /, msg=\"\"", (th, a) -> {
          if (Starlark.equal(a[0], a[1])) {
            throw new EvalException("assert_ne: " + Starlark.repr(a[0]) + " == "
                + Starlark.repr(a[1]) + suffix(a[2]));
          }
          return Starlark.NONE;
        }),
        "assert_true", BuiltinFunction.of("assert_true", "x, /, msg=\"\"", (th, a) -> {
          if (!Starlark.truth(a[0])) {
            String msg = Starlark.str(a[1]);
            throw new EvalException("assert_true: " + (msg.isEmpty()
                ? Starlark.repr(a[0]) + " is not true" : msg));
          }
          return Starlark.NONE;
        }),
        "assert_fails", BuiltinFunction.of("assert_fails", "fn, pattern, /", (th, a) -> {
          String pattern = Methods.toStr(a[1], "assert_fails");
          Pattern regex;
          try {
            regex = Pattern.compile(pattern);
          } catch (PatternSyntaxException e) {
            throw new EvalException("assert_fails: invalid regex " + Starlark.repr(pattern) + ": "
                + e.getDescription());
          }
          try {
            Eval.call(th, a[0], new Object[0], new Object[0]);
          } catch (EvalException e) {
            if (!regex.matcher(e.getMessage()).find()) {
              throw new EvalException("assert_fails: error " + Starlark.repr(e.getMessage())
                  + " does not match " + Starlark.repr(pattern));
            }
            return Starlark.NONE;
          }
          throw new EvalException("assert_fails: evaluation succeeded unexpectedly (want error"
              + " matching " + Starlark.repr(pattern) + ")");
        }));
  }

  private static String suffix(Object msg) {
    String s = Starlark.str(msg);
    return s.isEmpty() ? "" : ": " + s;
  }
}
