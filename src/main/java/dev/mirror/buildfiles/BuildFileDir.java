package dev.mirror.buildfiles;

import dev.mirror.starlark.eval.Printer;
import dev.mirror.starlark.eval.Structure;
import java.util.Collection;
import java.util.List;

/**
 * What {@code build_file_dir()} returns: the BUILD file's directory relative to the build root,
 * path-like as Python's PurePath ({@code .name}, {@code .parent}, {@code .parts}); its str is the
 * path, "." at the root.
 */
record BuildFileDir(String path) implements Structure {

  @Override
  public Object getAttr(String name) {
    return switch (name) {
      case "name" -> path.isEmpty() ? "" : path.substring(path.lastIndexOf('/') + 1);
      case "parent" -> new BuildFileDir(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "");
      case "parts" -> dev.mirror.starlark.eval.Tuple.copyOf(
          path.isEmpty() ? List.of() : List.of((Object[]) path.split("/")));
      case "as_posix" -> dev.mirror.starlark.eval.BuiltinFunction.of("as_posix", "",
          (thread, args) -> path.isEmpty() ? "." : path);
      default -> null;
    };
  }

  @Override
  public Collection<String> attrNames() {
    return List.of("as_posix", "name", "parent", "parts");
  }

  @Override
  public String type() {
    return "PurePath";
  }

  @Override
  public void str(Printer out) {
    out.append(path.isEmpty() ? "." : path);
  }

  @Override
  public void repr(Printer out) {
    out.append("PurePath(").repr(path.isEmpty() ? "." : path).append(')');
  }
}
