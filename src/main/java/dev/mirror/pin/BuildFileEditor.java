package dev.mirror.pin;

import dev.mirror.registry.Digest;
import dev.mirror.starlark.syntax.Argument;
import dev.mirror.starlark.syntax.Binding;
import dev.mirror.starlark.syntax.Dialect;
import dev.mirror.starlark.syntax.Expression;
import dev.mirror.starlark.syntax.Expression.Call;
import dev.mirror.starlark.syntax.Expression.DictLiteral;
import dev.mirror.starlark.syntax.Expression.Identifier;
import dev.mirror.starlark.syntax.Expression.Literal;
import dev.mirror.starlark.syntax.FileLocations;
import dev.mirror.starlark.syntax.Location;
import dev.mirror.starlark.syntax.Parameter;
import dev.mirror.starlark.syntax.Program;
import dev.mirror.starlark.syntax.Resolver;
import dev.mirror.starlark.syntax.Statement;
import dev.mirror.starlark.syntax.SyntaxError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes pinned digests into one BUILD file's text with the care of a formatter: a pinned value
 * changes only in its hex digits, and a missing {@code sha} argument is inserted in the call's own
 * layout (indentation, quotes, trailing comma, line endings). Every edit is located through the
 * parser's offsets; the text is only read at those offsets to check what is there.
 */
public final class BuildFileEditor {
  private static final String IMAGE = "oci_mirror_image";
  private static final String IMAGES = "oci_mirror_images";
  private static final String SHA256_PREFIX = "sha256:";
  private static final int HEX_DIGITS = 64;

  /** Every free name counts as predeclared: the editor reads the file's shape, not its meaning. */
  private static final Resolver.Module ANY_NAME = new Resolver.Module() {
    @Override
    public Binding.Scope lookup(String name, Resolver.NameUse use) {
      return Binding.Scope.PREDECLARED;
    }

    @Override
    public Collection<String> names() {
      return List.of();
    }
  };

  private final String text;
  private final FileLocations locations;
  private final Map<Location, CallSite> calls = new HashMap<>();

  private BuildFileEditor(String path, String text, Program program) {
    this.text = text;
    this.locations = new FileLocations(path, text);
    new CallFinder(locations, calls).statements(program.statements(), false);
  }

  /**
   * Applies the requests to the text of the BUILD file at {@code path} (relative to the build
   * root, as in the requests' origins). All edits are computed from the original text, so the
   * requests do not depend on each other; one that needs no change (its digest is already the
   * pinned one) makes no edit and is never refused.
   *
   * @throws IllegalArgumentException if a request is for a call in another file
   */
  public static PinResult apply(String path, String text, List<PinRequest> requests) {
    for (PinRequest request : requests) {
      if (!request.call().file().equals(path)) {
        throw new IllegalArgumentException(
            "a pin for " + request.call() + " cannot be written to " + path);
      }
    }
    Program program;
    try {
      program = Program.compile(path, text, Dialect.PANTS, ANY_NAME);
    } catch (SyntaxError.Exception e) {
      SyntaxError first = e.errors().get(0);
      String message = first.location() + ": cannot pin: " + first.message();
      List<PinRefusal> refusals = new ArrayList<>();
      for (PinRequest request : requests) {
        if (!request.pinned().equals(request.current())) {
          refusals.add(new PinRefusal(request, message));
        }
      }
      return new PinResult(text, refusals);
    }
    return new BuildFileEditor(path, text, program).pin(requests);
  }

  private PinResult pin(List<PinRequest> requests) {
    List<Edit> accepted = new ArrayList<>();
    List<PinRefusal> refusals = new ArrayList<>();
    for (PinRequest request : requests) {
      if (request.pinned().equals(request.current())) {
        continue;
      }
      try {
        List<Edit> edits = editsFor(request);
        if (accepted.containsAll(edits)) {
          continue; // the same pin asked for twice
        }
        for (Edit edit : edits) {
          if (accepted.stream().anyMatch(edit::overlaps)) {
            throw refusal(edit.start(), "another request pins this value");
          }
        }
        accepted.addAll(edits);
      } catch (Refused e) {
        refusals.add(new PinRefusal(request, e.getMessage()));
      }
    }
    // From the end of the text back, so that the offsets of the edits still to make stay valid.
    accepted.sort(Comparator.comparingInt(Edit::start).reversed());
    StringBuilder out = new StringBuilder(text);
    for (Edit edit : accepted) {
      out.replace(edit.start(), edit.end(), edit.replacement());
    }
    return new PinResult(out.toString(), refusals);
  }

  private List<Edit> editsFor(PinRequest request) throws Refused {
    Location at = new Location(locations.file(), request.call().line(), request.call().column());
    CallSite site = calls.get(at);
    if (site == null) {
      throw new Refused(at + ": cannot pin: no target is declared here");
    }
    Call call = site.call();
    String function = targetFunction(call);
    if (function == null) {
      throw refusal(call.offset(), "the target is made by a macro here");
    }
    if (site.repeated()) {
      throw refusal(call.offset(), "the call is inside a loop/function");
    }
    if (function.equals(IMAGE)) {
      if (request.variantKey() != null) {
        throw refusal(call.offset(), IMAGE + " has no variants");
      }
      return shaEdits(call, request);
    }
    if (request.variantKey() == null) {
      throw refusal(call.offset(), IMAGES + " pins each variant, and the request names none");
    }
    return List.of(variantEdit(call, request));
  }

  /** The target type the call declares directly, or null when something else is called. */
  private static String targetFunction(Call call) {
    if (call.function() instanceof Identifier id
        && (id.name().equals(IMAGE) || id.name().equals(IMAGES))
        && id.binding() != null && id.binding().scope() == Binding.Scope.PREDECLARED) {
      return id.name();
    }
    return null;
  }

  private List<Edit> shaEdits(Call call, PinRequest request) throws Refused {
    int sha = keywordIndex(call, "sha");
    if (sha >= 0) {
      return List.of(hexEdit(call.arguments().get(sha).value(), request));
    }
    if (request.current() != null) {
      throw refusal(call.offset(), "sha comes from __defaults__ here");
    }
    return new ShaInsertion(call).edits(request.pinned());
  }

  private Edit variantEdit(Call call, PinRequest request) throws Refused {
    int variants = keywordIndex(call, "variants");
    if (variants < 0) {
      throw refusal(call.offset(), "variants comes from __defaults__ here");
    }
    Expression value = call.arguments().get(variants).value();
    if (!(value instanceof DictLiteral dict)) {
      throw refusal(value.offset(), "variants is computed here");
    }
    DictLiteral.Entry found = null;
    boolean computedKeys = false;
    for (DictLiteral.Entry entry : dict.entries()) {
      if (entry.key() instanceof Literal key && key.value() instanceof String name) {
        if (name.equals(request.variantKey())) {
          found = entry; // a repeated key: the last one wins, as when the file runs
        }
      } else {
        computedKeys = true;
      }
    }
    if (found == null) {
      throw refusal(dict.offset(), computedKeys ? "variants is computed here"
          : "variants has no key \"" + request.variantKey() + "\" here");
    }
    return hexEdit(found.value(), request);
  }

  /** Replaces the hex digits of a digest written as a plain string literal. */
  private Edit hexEdit(Expression value, PinRequest request) throws Refused {
    int hexStart = digestHexStart(value);
    String written = text.substring(hexStart, hexStart + HEX_DIGITS);
    Digest current = request.current();
    if (current != null && !written.equals(current.hex())) {
      throw refusal(value.offset(), "the sha here is not the target's (" + current + ")");
    }
    return new Edit(hexStart, hexStart + HEX_DIGITS, request.pinned().hex());
  }

  /**
   * Where the hex digits of a digest literal start. The literal must read in the source exactly as
   * its value, {@code [sha256:]<64 hex>}: no escapes, no adjacent strings joined to it.
   */
  private int digestHexStart(Expression value) throws Refused {
    if (!(value instanceof Literal literal) || !(literal.value() instanceof String digest)) {
      throw refusal(value.offset(), "sha is computed here");
    }
    int quoteStart = value.offset();
    while (Character.isLetter(text.charAt(quoteStart))) {
      char prefix = Character.toLowerCase(text.charAt(quoteStart));
      if (prefix != 'r') {
        throw refusal(value.offset(), "sha is computed here");
      }
      quoteStart++;
    }
    char quote = text.charAt(quoteStart);
    String quotes = text.startsWith(String.valueOf(quote).repeat(3), quoteStart)
        ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
    int contentStart = quoteStart + quotes.length();
    int contentEnd = contentStart + digest.length();
    int hexStart = digest.startsWith(SHA256_PREFIX)
        ? contentStart + SHA256_PREFIX.length() : contentStart;
    boolean plain = text.startsWith(digest, contentStart) && text.startsWith(quotes, contentEnd)
        && contentEnd - hexStart == HEX_DIGITS && isLowerHex(text, hexStart, contentEnd);
    if (!plain) {
      throw refusal(value.offset(), "the sha here is not written as [sha256:]<64 hex digits>");
    }
    return hexStart;
  }

  private static boolean isLowerHex(String s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private static int keywordIndex(Call call, String name) {
    List<Argument> arguments = call.arguments();
    for (int i = 0; i < arguments.size(); i++) {
      Argument argument = arguments.get(i);
      if (argument.kind() == Argument.Kind.KEYWORD && argument.name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private Refused refusal(int offset, String reason) {
    return new Refused(locations.at(offset) + ": cannot pin: " + reason);
  }

  /**
   * A new {@code sha} argument for a call that has none, placed after its {@code tag} (else after
   * its last argument) and laid out as the call's other arguments are.
   */
  private final class ShaInsertion {
    private final Call call;

    ShaInsertion(Call call) {
      this.call = call;
    }

    List<Edit> edits(Digest pinned) {
      char quote = quote();
      String argument = "sha=" + quote + pinned.hex() + quote;
      int count = call.arguments().size();
      if (count == 0) {
        return List.of(Edit.insert(call.offset() + 1, argument));
      }
      int tag = keywordIndex(call, "tag");
      int anchor = tag >= 0 ? tag : count - 1;
      boolean last = anchor == count - 1;
      int end = call.argumentEnd(anchor);
      String indent = indentOf(call.argumentStart(anchor));
      if (indent == null) {
        return List.of(Edit.insert(end, ", " + argument)); // arguments share lines
      }
      // One argument per line: the new one goes on the line below the anchor's, after any comma
      // and comment that end it.
      int i = skipBlanks(end);
      boolean comma = i < text.length() && text.charAt(i) == ',';
      if (comma) {
        i = skipBlanks(i + 1);
      }
      if (i < text.length() && text.charAt(i) == '#') {
        i = commentEnd(i);
      }
      String newline = newlineAt(i);
      if (newline != null && (comma || last)) {
        String line = indent + argument + (comma ? "," : "") + newline;
        Edit below = Edit.insert(i + newline.length(), line);
        return comma ? List.of(below) : List.of(Edit.insert(end, ","), below);
      }
      if (last && i < text.length() && text.charAt(i) == ')') {
        // The closing parenthesis ends the anchor's line: it stays after the new argument.
        return List.of(Edit.insert(end, "," + fileNewline() + indent + argument));
      }
      return List.of(Edit.insert(end, ", " + argument));
    }

    /** The tag's quote character, else that of another string argument, else a double quote. */
    private char quote() {
      int tag = keywordIndex(call, "tag");
      Character quote = tag >= 0 ? quoteOf(call.arguments().get(tag).value()) : null;
      for (int i = 0; quote == null && i < call.arguments().size(); i++) {
        quote = quoteOf(call.arguments().get(i).value());
      }
      return quote == null ? '"' : quote;
    }

    /** The quote character of a string literal (after any prefix), or null for anything else. */
    private Character quoteOf(Expression value) {
      if (!(value instanceof Literal literal) || !(literal.value() instanceof String)) {
        return null;
      }
      int at = value.offset();
      while (Character.isLetter(text.charAt(at))) {
        at++;
      }
      return text.charAt(at);
    }
  }

  /** The blanks before an offset on its line, or null when something else precedes it there. */
  private String indentOf(int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    for (int i = lineStart; i < offset; i++) {
      if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
        return null;
      }
    }
    return text.substring(lineStart, offset);
  }

  private int skipBlanks(int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The offset of the line break that ends a comment (or of the end of the text). */
  private int commentEnd(int i) {
    int lf = text.indexOf('\n', i);
    if (lf < 0) {
      return text.length();
    }
    return lf > i && text.charAt(lf - 1) == '\r' ? lf - 1 : lf;
  }

  /** The line break at an offset, or null when there is none. */
  private String newlineAt(int i) {
    if (text.startsWith("\r\n", i)) {
      return "\r\n";
    }
    return text.startsWith("\n", i) ? "\n" : null;
  }

  /** The file's line break, as its first line ends. */
  private String fileNewline() {
    int lf = text.indexOf('\n');
    return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
  }

  /** Replaces {@code [start, end)} of the original text. */
  private record Edit(int start, int end, String replacement) {
    static Edit insert(int at, String text) {
      return new Edit(at, at, text);
    }

    /** Two edits conflict when their ranges overlap, or both insert at one place. */
    boolean overlaps(Edit other) {
      return (start < other.end && other.start < end) || start == other.start;
    }
  }

  private record CallSite(Call call, boolean repeated) {}

  private static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Every call of the file by its location (that of its opening parenthesis, as the interpreter
   * reports a call), with whether it can run more than once or not at all as the file runs: in a
   * loop, a function, a lambda or a comprehension.
   */
  private record CallFinder(FileLocations locations, Map<Location, CallSite> calls) {
    void statements(List<Statement> statements, boolean repeated) {
      for (Statement s : statements) {
        statement(s, repeated);
      }
    }

    private void statement(Statement s, boolean repeated) {
      switch (s.kind()) {
        case EXPRESSION -> expression(((Statement.ExpressionStatement) s).expression(), repeated);
        case ASSIGN -> {
          Statement.Assign assign = (Statement.Assign) s;
          expression(assign.lhs(), repeated);
          expression(assign.rhs(), repeated);
        }
        case AUGMENTED_ASSIGN -> {
          Statement.AugmentedAssign assign = (Statement.AugmentedAssign) s;
          expression(assign.lhs(), repeated);
          expression(assign.rhs(), repeated);
        }
        case IF -> {
          Statement.If branch = (Statement.If) s;
          expression(branch.condition(), repeated);
          statements(branch.then(), repeated);
          statements(branch.otherwise(), repeated);
        }
        case FOR -> {
          Statement.For loop = (Statement.For) s;
          expression(loop.iterable(), repeated);
          expression(loop.vars(), true);
          statements(loop.body(), true);
        }
        case WHILE -> {
          Statement.While loop = (Statement.While) s;
          expression(loop.condition(), true);
          statements(loop.body(), true);
        }
        case DEF -> {
          Statement.Def def = (Statement.Def) s;
          for (Parameter p : def.function().parameters()) {
            expression(p.defaultValue(), repeated);
          }
          statements(def.function().body(), true);
        }
        case CLASS -> statements(((Statement.ClassDef) s).body().body(), true);
        case RETURN -> expression(((Statement.Return) s).value(), repeated);
        case ASSERT -> {
          Statement.Assert check = (Statement.Assert) s;
          expression(check.condition(), repeated);
          expression(check.message(), repeated);
        }
        case RAISE -> expression(((Statement.Raise) s).exception(), repeated);
        case LOAD, BREAK, CONTINUE, PASS -> {}
      }
    }

    private void expression(Expression e, boolean repeated) {
      if (e == null) {
        return;
      }
      switch (e.kind()) {
        case CALL -> {
          Call call = (Call) e;
          calls.put(locations.at(call.offset()), new CallSite(call, repeated));
          expression(call.function(), repeated);
          for (Argument a : call.arguments()) {
            expression(a.value(), repeated);
          }
        }
        case FSTRING -> {
          for (Object part : ((Expression.FString) e).parts()) {
            if (part instanceof Expression.FString.Field field) {
              expression(field.value(), repeated);
              expression(field.spec(), repeated);
            }
          }
        }
        case LIST, TUPLE -> {
          for (Expression element : ((Expression.ListLiteral) e).elements()) {
            expression(element, repeated);
          }
        }
        case DICT -> {
          for (DictLiteral.Entry entry : ((DictLiteral) e).entries()) {
            expression(entry.key(), repeated);
            expression(entry.value(), repeated);
          }
        }
        case UNPACK -> expression(((Expression.Unpack) e).value(), repeated);
        case UNARY -> expression(((Expression.Unary) e).operand(), repeated);
        case BINARY -> {
          Expression.Binary binary = (Expression.Binary) e;
          expression(binary.left(), repeated);
          expression(binary.right(), repeated);
        }
        case CONDITIONAL -> {
          Expression.Conditional conditional = (Expression.Conditional) e;
          expression(conditional.condition(), repeated);
          expression(conditional.then(), repeated);
          expression(conditional.otherwise(), repeated);
        }
        case INDEX -> {
          Expression.Index index = (Expression.Index) e;
          expression(index.object(), repeated);
          expression(index.key(), repeated);
        }
        case SLICE -> {
          Expression.Slice slice = (Expression.Slice) e;
          expression(slice.object(), repeated);
          expression(slice.start(), repeated);
          expression(slice.stop(), repeated);
          expression(slice.step(), repeated);
        }
        case DOT -> expression(((Expression.Dot) e).object(), repeated);
        case LAMBDA -> {
          Expression.Lambda lambda = (Expression.Lambda) e;
          for (Parameter p : lambda.parameters()) {
            expression(p.defaultValue(), repeated);
          }
          expression(lambda.body(), true);
        }
        case COMPREHENSION -> {
          Expression.Comprehension comprehension = (Expression.Comprehension) e;
          expression(comprehension.body(), true);
          for (Expression.Comprehension.Clause clause : comprehension.clauses()) {
            expression(clause.vars(), true);
            expression(clause.iterable(), true);
            expression(clause.condition(), true);
          }
        }
        case IDENTIFIER, LITERAL -> {}
      }
    }
  }
}
