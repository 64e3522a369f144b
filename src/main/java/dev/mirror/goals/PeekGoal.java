package dev.mirror.goals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.mirror.targets.Address;
import dev.mirror.targets.Field;
import dev.mirror.targets.MirrorTypes;
import dev.mirror.targets.Target;
import dev.mirror.targets.TargetType;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code peek}: the targets as JSON, in Pants' shape: {@code address} and {@code target_type}
 * first, then every field, {@code dependencies} and (for mirror images) {@code goals}, in
 * alphabetical order; indent 2, non-ASCII escaped, a final newline, {@code []} when empty.
 */
public final class PeekGoal {
  private PeekGoal() {}

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
      .build();

  /**
   * The deepest a field's value may nest in the output. Values are nested at most 1000 levels in
   * Starlark; this only keeps the writer's recursion bounded whatever the value.
   */
  private static final int MAX_NESTING = 1000;

  /** The JSON text; an error (the target and field named) for a value nested too deeply. */
  public static String render(List<Target> targets, boolean excludeDefaults) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new PythonStylePrinter());
      g.writeStartArray();
      for (Target t : targets) {
        writeTarget(g, t, excludeDefaults);
      }
      g.writeEndArray();
    }
    return out + "\n";
  }

  private static void writeTarget(JsonGenerator g, Target t, boolean excludeDefaults)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("address", t.address().toString());
    g.writeStringField("target_type", t.type());
    Map<String, Object> rest = new TreeMap<>();
    TargetType type = MirrorTypes.byAlias(t.type());
    for (Map.Entry<String, Object> e : t.fields().entrySet()) {
      Object value = e.getValue();
      Object byDefault = defaultOf(type, e.getKey());
      if (!(excludeDefaults && (value == null || value.equals(byDefault)))) {
        rest.put(e.getKey(), value == null ? byDefault : value);
      }
    }
    // Declared dependencies (another backend's target) are shown as declared; a generator's
    // are its generated targets, in address order.
    rest.putIfAbsent("dependencies",
        t.dependencies().stream().sorted().map(Address::toString).toList());
    if (t.type().equals(MirrorTypes.IMAGE)) {
      rest.put("goals", List.of("package", "publish"));
    }
    for (Map.Entry<String, Object> e : rest.entrySet()) {
      g.writeFieldName(e.getKey());
      try {
        writeValue(g, e.getValue(), 0);
      } catch (TooDeep tooDeep) {
        throw new IOException("cannot show the '" + e.getKey() + "' field of " + t.address()
            + ": its value is nested more than " + MAX_NESTING + " levels deep");
      }
    }
    g.writeEndObject();
  }

  /**
   * What an unset field of mirror's types holds, as Pants shows it (a BoolField's False, else
   * None); another backend's fields are shown as declared.
   */
  private static Object defaultOf(TargetType type, String field) {
    return type == null ? null : type.field(field).map(Field::defaultValue).orElse(null);
  }

  /** A value nested deeper than {@link #MAX_NESTING}; the caller names its field. */
  private static final class TooDeep extends IOException {
    TooDeep() {
      super(null, null);
    }
  }

  private static void writeValue(JsonGenerator g, Object v, int depth) throws IOException {
    if (depth >= MAX_NESTING && (v instanceof Iterable<?> || v instanceof Map<?, ?>)) {
      throw new TooDeep();
    }
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof java.math.BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof Double d) {
      g.writeNumber(d);
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      for (Object x : it) {
        writeValue(g, x, depth + 1);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue(), depth + 1);
      }
      g.writeEndObject();
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  /** Python's {@code json.dumps(indent=2)} layout: {@code "key": value}, {@code []} when empty. */
  private static final class PythonStylePrinter extends DefaultPrettyPrinter {
    PythonStylePrinter() {
      DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
      indentArraysWith(indenter);
      indentObjectsWith(indenter);
    }

    PythonStylePrinter(PythonStylePrinter base) {
      super(base);
    }

    @Override
    public DefaultPrettyPrinter createInstance() {
      return new PythonStylePrinter(this);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      if (!_arrayIndenter.isInline()) {
        --_nesting;
      }
      if (nrOfValues > 0) {
        _arrayIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw(']');
    }

    @Override
    public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
      if (!_objectIndenter.isInline()) {
        --_nesting;
      }
      if (nrOfEntries > 0) {
        _objectIndenter.writeIndentation(g, _nesting);
      }
      g.writeRaw('}');
    }
  }
}
