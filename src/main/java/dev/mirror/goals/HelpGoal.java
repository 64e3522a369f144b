package dev.mirror.goals;

import dev.mirror.targets.Field;
import dev.mirror.targets.MirrorTypes;
import dev.mirror.targets.PythonRepr;
import dev.mirror.targets.TargetType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code help [target_type | target_type.field]}: what mirror's target types and fields mean,
 * generated from the same definitions the validator uses.
 */
public final class HelpGoal {
  private HelpGoal() {}

  /** The help text for a topic, or empty when the topic is unknown. */
  public static Optional<String> render(String topic) {
    if (topic == null || topic.isEmpty() || topic.equals("targets")) {
      return Optional.of(overview());
    }
    int dot = topic.indexOf('.');
    String typeName = dot < 0 ? topic : topic.substring(0, dot);
    TargetType type = MirrorTypes.byAlias(typeName);
    if (type == null) {
      return Optional.empty();
    }
    if (dot < 0) {
      return Optional.of(targetType(type));
    }
    return type.field(topic.substring(dot + 1)).map(f -> field(type, f));
  }

  /** Every topic {@link #render} knows, for "did you mean" suggestions. */
  public static List<String> topics() {
    List<String> topics = new ArrayList<>(List.of("targets"));
    for (TargetType t : MirrorTypes.ALL) {
      topics.add(t.alias());
      for (Field f : t.fields()) {
        topics.add(t.alias() + "." + f.name());
      }
    }
    return topics;
  }

  private static String overview() {
    StringBuilder sb = new StringBuilder("Target types\n------------\n\n");
    for (TargetType t : MirrorTypes.ALL) {
      sb.append(String.format("%-20s %s%n", t.alias(), firstSentence(t.help())));
    }
    sb.append("\nUse `mirror help $target_type` for a type's fields, and"
        + " `mirror help $target_type.$field` for one field.\n");
    return sb.toString();
  }

  private static String targetType(TargetType type) {
    StringBuilder sb = new StringBuilder();
    sb.append("`").append(type.alias()).append("` target\n")
        .append("-".repeat(type.alias().length() + 9)).append("\n\n")
        .append(wrap(type.help(), "")).append("\n\nValid fields:\n");
    for (Field f : type.fields()) {
      sb.append('\n').append(fieldSummary(f)).append(wrap(f.help(), "    ")).append('\n');
    }
    return sb.toString();
  }

  private static String field(TargetType type, Field f) {
    return "`" + type.alias() + "." + f.name() + "` field\n\n" + fieldSummary(f)
        + wrap(f.help(), "    ") + "\n";
  }

  private static String fieldSummary(Field f) {
    StringBuilder sb = new StringBuilder(f.name()).append('\n');
    sb.append("    type: ").append(f.kind().displayName()).append('\n');
    sb.append(f.required() ? "    required\n"
        : "    default: " + PythonRepr.repr(f.defaultValue()) + "\n");
    List<String> aliases = new ArrayList<>();
    for (String a : f.aliases()) {
      aliases.add(f.deprecatedAliases().contains(a) ? a + " (deprecated)" : a);
    }
    if (!aliases.isEmpty()) {
      sb.append("    aliases: ").append(String.join(", ", aliases)).append('\n');
    }
    return sb.toString();
  }

  private static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  /** Wraps text at 80 columns with an indent. */
  private static String wrap(String text, String indent) {
    StringBuilder sb = new StringBuilder(indent);
    int column = indent.length();
    for (String word : text.split(" ")) {
      if (column + word.length() + 1 > 80 && column > indent.length()) {
        sb.append('\n').append(indent);
        column = indent.length();
      } else if (column > indent.length()) {
        sb.append(' ');
        column++;
      }
      sb.append(word);
      column += word.length();
    }
    return sb.toString();
  }
}
