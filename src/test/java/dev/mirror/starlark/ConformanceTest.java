package dev.mirror.starlark;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mirror.starlark.eval.Assertions;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.StarlarkException;
import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.SyntaxError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the conformance suite: {@code starlark/spec/*.star} in the plain dialect (one file per
 * section of the spec) and {@code starlark/pants/*.star} in the Pants dialect, chunk by chunk.
 */
class ConformanceTest {

  @TestFactory
  Stream<DynamicNode> spec() throws Exception {
    return suite("starlark/spec", Dialect.STARLARK);
  }

  @TestFactory
  Stream<DynamicNode> pants() throws Exception {
    return suite("starlark/pants", Dialect.PANTS);
  }

  private Stream<DynamicNode> suite(String folder, Dialect dialect)
      throws IOException, URISyntaxException {
    Path dir = Path.of(getClass().getClassLoader().getResource(folder).toURI());
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".star")).sorted().toList();
    }
    List<DynamicNode> nodes = new ArrayList<>();
    for (Path file : files) {
      ChunkedFile chunked = ChunkedFile.parse(file.getFileName().toString(),
          Files.readString(file), dialect);
      nodes.add(DynamicContainer.dynamicContainer(chunked.name(), chunked.chunks().stream()
          .map(chunk -> DynamicTest.dynamicTest(chunk.label(), file.toUri(),
              () -> onLargeStack(() -> run(chunk))))));
    }
    return nodes.stream();
  }

  /** Runs on a thread with a large stack, as the CLI does, so deep recursion meets its limit. */
  static void onLargeStack(Runnable body) throws Throwable {
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        body.run();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "starlark", 256L << 20);
    t.start();
    t.join();
    if (failure[0] != null) {
      throw failure[0];
    }
  }

  static void run(ChunkedFile.Chunk chunk) {
    Interpreter interpreter = Interpreter.builder()
        .dialect(chunk.dialect())
        .predeclareAll(Assertions.builtins())
        .printHandler(line -> {})
        .maxSteps(10_000_000)
        .build();
    List<ChunkedFile.Expectation> expected = chunk.expectations();
    try {
      interpreter.exec(chunk.file(), chunk.text());
    } catch (StarlarkException e) {
      check(chunk, e, expected);
      return;
    }
    if (!expected.isEmpty()) {
      fail(chunk.label() + ": evaluation succeeded, but an error was expected: " + expected);
    }
  }

  private static void check(ChunkedFile.Chunk chunk, StarlarkException e,
      List<ChunkedFile.Expectation> expected) {
    List<Map.Entry<Location, String>> errors = new ArrayList<>();
    if (e.kind() == StarlarkException.Kind.SYNTAX) {
      for (SyntaxError s : e.syntaxErrors()) {
        errors.add(Map.entry(s.location(), s.message()));
      }
    } else {
      errors.add(Map.entry(e.location() == null ? new Location(chunk.file(), 0, 0) : e.location(),
          e.getMessage()));
    }
    if (expected.isEmpty()) {
      fail(chunk.label() + ": unexpected error:\n" + e.render());
    }
    for (ChunkedFile.Expectation x : expected) {
      boolean met = errors.stream().anyMatch(err -> err.getKey().line() == x.line()
          && x.pattern().matcher(err.getValue()).find());
      if (!met) {
        fail(chunk.label() + ": expected an error matching \"" + x.pattern() + "\" at line "
            + x.line() + ", got:\n" + e.render());
      }
    }
    for (Map.Entry<Location, String> err : errors) {
      boolean wanted = expected.stream().anyMatch(x -> x.line() == err.getKey().line()
          && x.pattern().matcher(err.getValue()).find());
      if (!wanted) {
        fail(chunk.label() + ": unexpected error " + err.getKey() + ": " + err.getValue()
            + "\n" + e.render());
      }
    }
  }
}
