package dev.mirror.starlark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.Resolver;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InterpreterTest {

  private static Interpreter.Builder pants() {
    return Interpreter.builder().dialect(Dialect.PANTS).printHandler(s -> {});
  }

  @Test
  void anIteratorOfAFrozenModuleCannotAdvance() throws Exception {
    Interpreter interpreter = pants().build();
    Module m = interpreter.exec("m.star", "it = map(str, [1, 2])\nfirst = next(it)\n"
        + "def rest():\n    return list(it)\n");
    assertEquals("1", m.get("first"));
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> interpreter.call(m.get("rest"), List.of(), Map.of()));
    assertEquals("cannot advance a frozen map object (iterators cannot be shared between modules)",
        e.getMessage());
  }

  @Test
  void globalsComeBackAsPlainJavaValues() throws Exception {
    Module m = pants().build().exec("m.star",
        "a = [1, 'two', 3.5, None, True]\nb = {'k': (1, 2)}\nc = 1 << 70\nd = set([1])\n");
    Map<String, Object> g = m.toJava();
    assertEquals(java.util.Arrays.asList(1L, "two", 3.5, null, true), g.get("a"));
    assertEquals(Map.of("k", List.of(1L, 2L)), g.get("b"));
    assertEquals(BigInteger.ONE.shiftLeft(70), g.get("c"));
    assertEquals(java.util.Set.of(1L), g.get("d"));
  }

  @Test
  void javaFunctionsCheckTheirArgumentsWithPythonMessages() {
    BuiltinFunction target = BuiltinFunction.of("oci_mirror_image",
        "*, name, source_repository, tag=None", (thread, args) -> Starlark.NONE);
    Interpreter interpreter = pants().predeclare("oci_mirror_image", target).build();
    StarlarkException e = assertThrows(StarlarkException.class, () -> interpreter.exec("BUILD",
        "oci_mirror_image(name='x', source_repository='r', foo=1)\n"));
    assertEquals("oci_mirror_image() got an unexpected keyword argument 'foo'", e.getMessage());
    assertEquals(new Location("BUILD", 1, 17), e.location());
    StarlarkException missing = assertThrows(StarlarkException.class,
        () -> interpreter.exec("BUILD", "oci_mirror_image(name='x')\n"));
    assertEquals("oci_mirror_image() missing 1 keyword-only argument: 'source_repository'",
        missing.getMessage());
    StarlarkException typo = assertThrows(StarlarkException.class,
        () -> interpreter.exec("BUILD", "oci_mirror_image(name='x', source_repository='r', tga=1)\n"));
    assertTrue(typo.getMessage().endsWith("(did you mean 'tag'?)"), typo.getMessage());
  }

  @Test
  void unknownNamesResolverGivesCalledNamesAMeaning() throws Exception {
    List<String> seen = new ArrayList<>();
    BuiltinFunction opaque = BuiltinFunction.of("opaque", "*args, **kwargs", (t, a) -> {
      seen.add(String.valueOf(((Dict) a[1]).get("name")));
      return Starlark.NONE;
    });
    Interpreter interpreter = pants()
        .unknownNames((name, use) -> use.called() || use.keyOfCallTo() != null ? opaque : null)
        .predeclare("__defaults__", BuiltinFunction.of("__defaults__", "*args", (t, a) -> Starlark.NONE))
        .build();
    interpreter.exec("BUILD",
        "python_sources(name='lib')\n__defaults__({docker_image: {}})\n");
    assertEquals(List.of("lib"), seen);
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> interpreter.exec("BUILD", "x = python_sourcez\n"));
    assertEquals(StarlarkException.Kind.SYNTAX, e.kind());
    assertEquals("name 'python_sourcez' is not defined", e.getMessage());
  }

  @Test
  void nameUseReportsCallsAndDictKeysOfCalls() throws Exception {
    List<Resolver.NameUse> uses = new ArrayList<>();
    Interpreter interpreter = pants()
        .unknownNames((name, use) -> {
          uses.add(use);
          return BuiltinFunction.of(name, "*args, **kwargs", (t, a) -> Starlark.NONE);
        })
        .build();
    interpreter.exec("BUILD", "f(g)\nh({k: 1})\n");
    assertEquals(List.of(Resolver.NameUse.CALL, Resolver.NameUse.VALUE, Resolver.NameUse.CALL,
        new Resolver.NameUse(false, "h")), uses);
  }

  @Test
  void undefinedNamesSuggestACloseOne() {
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> pants().build().exec("f.star", "length = 1\nprint(lenght)\n"));
    assertEquals("name 'lenght' is not defined (did you mean 'length'?)", e.getMessage());
    assertEquals(new Location("f.star", 2, 7), e.location());
  }

  /** A Java object exposed with attributes and usable with **. */
  private record Image(String repository, String tag) implements Structure, Mapping {
    @Override
    public Object getAttr(String name) {
      return switch (name) {
        case "repository" -> repository;
        case "tag" -> tag;
        default -> null;
      };
    }

    @Override
    public Collection<String> attrNames() {
      return List.of("repository", "tag");
    }

    @Override
    public Map<String, Object> entries() {
      return Map.of("repository", repository, "tag", tag);
    }

    @Override
    public String type() {
      return "image";
    }
  }

  @Test
  void javaObjectsExposeAttributesAndUnpackAsMappings() throws Exception {
    Module m = pants().predeclare("img", new Image("python", "3.12"))
        .build()
        .exec("m.star", "a = img.repository + ':' + img.tag\n"
            + "def f(repository, tag):\n    return tag\n"
            + "b = f(**img)\nc = hasattr(img, 'digest')\nd = {img: 1}[img]\n");
    assertEquals("python:3.12", m.get("a"));
    assertEquals("3.12", m.get("b"));
    assertEquals(false, m.get("c"));
    assertEquals(1L, m.get("d"));
    StarlarkException e = assertThrows(StarlarkException.class, () -> pants()
        .predeclare("img", new Image("p", "t")).build().exec("m.star", "img.tga\n"));
    assertEquals("'image' value has no field or method 'tga' (did you mean 'tag'?)", e.getMessage());
  }

  @Test
  void stepLimitStopsRunawayLoops() {
    StarlarkException e = assertThrows(StarlarkException.class, () -> pants().maxSteps(10_000)
        .build().exec("loop.star", "for i in range(10 * 1000 * 1000 * 1000 * 1000):\n    pass\n"));
    assertTrue(e.getMessage().contains("too many steps"), e.getMessage());
    assertEquals(1, e.location().line());
  }

  @Test
  void callDepthLimitStopsRunawayRecursion() {
    StarlarkException e = assertThrows(StarlarkException.class, () -> pants().maxCallDepth(50)
        .build().exec("rec.star", "def f(n):\n    return f(n + 1)\nf(0)\n"));
    assertTrue(e.getMessage().contains("maximum recursion depth exceeded"), e.getMessage());
    assertEquals(50, e.callStack().size());
    StarlarkException plain = assertThrows(StarlarkException.class, () -> Interpreter.builder()
        .build().exec("rec.star", "def f(n):\n    return f(n + 1)\nx = f(0)\n"));
    assertTrue(plain.getMessage().contains("called recursively"), plain.getMessage());
  }

  @Test
  void moduleValuesAreFrozenAfterEvaluation() throws Exception {
    Interpreter interpreter = pants().build();
    Module m = interpreter.exec("m.star", "items = [1]\ndef add(x):\n    items.append(x)\n");
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> interpreter.call(m.get("add"), List.of(2L), Map.of()));
    assertEquals("trying to mutate a frozen list value", e.getMessage());
  }

  @Test
  void syntaxErrorsAreAllReportedWithSourceAndCaret() {
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> pants().build().exec("BUILD", "x = 1 +\ny = 2\n\nz = ]\n"));
    assertEquals(StarlarkException.Kind.SYNTAX, e.kind());
    assertEquals(2, e.syntaxErrors().size(), e.render());
    String rendered = e.render();
    assertTrue(rendered.contains("BUILD:4:5: syntax error"), rendered);
    assertTrue(rendered.contains("    z = ]\n        ^\n"), rendered);
  }

  @Test
  void runtimeErrorsCarryATraceback() {
    StarlarkException e = assertThrows(StarlarkException.class, () -> pants().build()
        .exec("t.star", "def inner():\n    return 1 // 0\ndef outer():\n    return inner()\nouter()\n"));
    assertEquals("integer division by zero", e.getMessage());
    assertEquals(List.of("<toplevel>", "outer", "inner"),
        e.callStack().stream().map(StarlarkThread.FrameInfo::function).toList());
    assertEquals(new Location("t.star", 2, 14), e.location());
    assertTrue(e.render().startsWith("t.star:2:14: integer division by zero\nTraceback"), e.render());
  }

  @Test
  void duplicateDictKeysWarnInThePantsDialect() throws Exception {
    List<String> warnings = new ArrayList<>();
    Module m = pants().warningHandler((loc, msg) -> warnings.add(loc + ": " + msg)).build()
        .exec("BUILD", "v = {'20': 'a',\n     '20': 'b'}\n");
    assertEquals(Map.of("20", "b"), Starlark.toJava(m.get("v")));
    assertEquals(List.of("BUILD:2:6: dict literal has duplicate key \"20\"; the last value is used"),
        warnings);
    StarlarkException e = assertThrows(StarlarkException.class, () -> Interpreter.builder().build()
        .exec("BUILD", "v = {'20': 'a', '20': 'b'}\n"));
    assertTrue(e.getMessage().contains("duplicate key"), e.getMessage());
  }

  @Test
  void openReadsThroughTheEmbeddersHook() throws Exception {
    Module m = pants().fileAccess((thread, path) -> "contents of " + path).build()
        .exec("BUILD", "text = open('VERSION').read()\n");
    assertEquals("contents of VERSION", m.get("text"));
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> pants().build().exec("BUILD", "open('VERSION')\n"));
    assertTrue(e.getMessage().contains("reading files is not allowed"), e.getMessage());
  }

  /** A builtin that runs the JVM out of memory, as a huge allocation would. */
  private static final BuiltinFunction EXHAUST = BuiltinFunction.of("exhaust", "", (th, a) -> {
    throw new OutOfMemoryError("Java heap space");
  });

  @Test
  void runningOutOfMemoryIsAnErrorWithItsLocation() {
    Interpreter interpreter = pants().predeclare("exhaust", EXHAUST).build();
    StarlarkException inFunction = assertThrows(StarlarkException.class, () -> interpreter.exec(
        "m.star", "def f():\n    return exhaust()\n\nf()\n"));
    assertEquals("m.star:2:19", inFunction.location().toString());
    assertTrue(inFunction.getMessage().startsWith("out of memory (Java heap space)"),
        inFunction.getMessage());
    assertEquals(2, inFunction.callStack().size());
    StarlarkException atTop = assertThrows(StarlarkException.class,
        () -> interpreter.exec("m.star", "x = 1\ny = exhaust()\n"));
    assertEquals("m.star:2:12", atTop.location().toString());
  }

  @Test
  void runningOutOfMemoryInACallFromJavaIsAnError() throws Exception {
    Interpreter interpreter = pants().predeclare("exhaust", EXHAUST).build();
    Object f = interpreter.exec("m.star", "def f():\n    exhaust()\n").get("f");
    StarlarkException e = assertThrows(StarlarkException.class,
        () -> interpreter.call(f, List.of(), Map.of()));
    assertEquals("m.star:2:12", e.location().toString());
  }

  @Test
  void printGoesToTheHandler() throws Exception {
    List<String> lines = new ArrayList<>();
    Interpreter.builder().printHandler(lines::add).build().exec("p.star", "print('a', 1, sep='-')\n");
    assertEquals(List.of("a-1"), lines);
  }

  @Test
  void oneCompiledProgramRunsOnManyThreadsAtOnce() throws Exception {
    Interpreter interpreter = pants().build();
    Interpreter.Compiled compiled = interpreter.compile("m.star", String.join("\n",
        "def build(n):",
        "    d = {}",
        "    for i in range(n):",
        "        d[f'k{i}'] = [i] * 3",
        "    return d",
        "result = sorted(build(2000).items())[-1]",
        ""));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        futures.add(pool.submit(() -> Starlark.toJava(interpreter.exec(compiled).get("result"))));
      }
      for (Future<Object> f : futures) {
        assertEquals(List.of("k999", List.of(999L, 999L, 999L)), f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
