package dev.mirror.starlark;

import static org.junit.jupiter.api.Assertions.fail;

import dev.mirror.starlark.eval.Assertions;
import dev.mirror.starlark.eval.Interpreter;
import dev.mirror.starlark.eval.TestFile;
import dev.mirror.starlark.syntax.Dialect;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the conformance suite chunk by chunk: {@code starlark/spec/*.star} in the plain dialect,
 * one file per section of the spec, and {@code starlark/pants/*.star} in the Pants dialect.
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
      TestFile test = TestFile.parse(file.getFileName().toString(), Files.readString(file), dialect);
      nodes.add(DynamicContainer.dynamicContainer(test.name(), test.chunks().stream()
          .map(chunk -> DynamicTest.dynamicTest(chunk.label(), file.toUri(),
              () -> onLargeStack(() -> run(chunk))))));
    }
    return nodes.stream();
  }

  private static void run(TestFile.Chunk chunk) {
    String failure = TestFile.run(chunk, dialect -> Interpreter.builder()
        .dialect(dialect)
        .predeclareAll(Assertions.builtins())
        .printHandler(line -> {})
        .maxSteps(10_000_000)
        .build());
    if (failure != null) {
      fail(failure);
    }
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
}
