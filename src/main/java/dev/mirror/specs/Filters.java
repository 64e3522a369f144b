package dev.mirror.specs;

import dev.mirror.targets.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The global target filters ({@code --tag}, {@code --filter-target-type},
 * {@code --filter-address-regex}, {@code --filter-tag-regex}), as Pants' {@code TargetFilter}
 * combines them: within one value, commas mean OR; a leading {@code -} negates the whole list
 * ({@code +} is optional); each value given is a clause, and a target must pass every clause.
 * They apply to each selected target on its own, generators included.
 */
public final class Filters {

  /** No filters: every target matches. */
  public static final Filters NONE = new Filters(List.of());

  /** One option value: its alternatives (OR), possibly negated. */
  private record Clause(String option, String value, boolean negated, List<Predicate<Target>> anyOf) {
    boolean matches(Target target) {
      boolean any = false;
      for (Predicate<Target> alternative : anyOf) {
        if (alternative.test(target)) {
          any = true;
          break;
        }
      }
      return any != negated;
    }

    @Override
    public String toString() {
      return "--" + option + "=" + value;
    }
  }

  private final List<Clause> clauses;

  private Filters(List<Clause> clauses) {
    this.clauses = List.copyOf(clauses);
  }

  /**
   * Builds the filters from the option values, each list holding the raw strings as given
   * (one per occurrence of the flag).
   *
   * @param registeredTypes every target type known to this run: mirror's own and the other
   *     backends' types seen in BUILD files; {@code --filter-target-type} accepts only these
   */
  public static Filters of(
      List<String> tags, List<String> targetTypes, List<String> addressRegexes,
      List<String> tagRegexes, Collection<String> registeredTypes) throws SpecException {
    List<Clause> clauses = new ArrayList<>();
    for (String value : tags) {
      clauses.add(clause("tag", value, tag -> t -> t.tags().contains(tag)));
    }
    Set<String> registered = new TreeSet<>(registeredTypes);
    for (String value : targetTypes) {
      Clause clause = clause("filter-target-type", value, type -> t -> t.type().equals(type));
      for (String type : alternatives(value)) {
        if (!registered.contains(type)) {
          throw new SpecException(SpecException.Kind.FILTER, "Target type " + pythonRepr(type)
              + " is not registered.\n\nAll valid target types: " + pythonList(registered));
        }
      }
      clauses.add(clause);
    }
    for (String value : addressRegexes) {
      clauses.add(clause("filter-address-regex", value, regex -> {
        Pattern p = compile("filter-address-regex", regex);
        return t -> p.matcher(t.address().toString()).find(); // Python re.search
      }));
    }
    for (String value : tagRegexes) {
      clauses.add(clause("filter-tag-regex", value, regex -> {
        Pattern p = compile("filter-tag-regex", regex);
        return t -> t.tags().stream().anyMatch(tag -> p.matcher(tag).find());
      }));
    }
    return clauses.isEmpty() ? NONE : new Filters(clauses);
  }

  /** Whether the target passes every clause. */
  public boolean matches(Target target) {
    for (Clause clause : clauses) {
      if (!clause.matches(target)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return clauses.isEmpty();
  }

  @Override
  public String toString() {
    return clauses.toString();
  }

  /** Makes one predicate per comma-separated alternative; checked exceptions pass through. */
  private interface PredicateFactory {
    Predicate<Target> create(String alternative) throws SpecException;
  }

  private static Clause clause(String option, String value, PredicateFactory factory)
      throws SpecException {
    List<Predicate<Target>> anyOf = new ArrayList<>();
    for (String alternative : alternatives(value)) {
      anyOf.add(factory.create(alternative));
    }
    return new Clause(option, value, value.startsWith("-"), anyOf);
  }

  /** The comma-separated alternatives of a value, after its {@code +} or {@code -} modifier. */
  private static List<String> alternatives(String value) {
    String list = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
    return List.of(list.split(",", -1));
  }

  private static Pattern compile(String option, String regex) throws SpecException {
    // Python's named groups, (?P<name>...) and (?P=name), in Java's spelling.
    String java = regex.replace("(?P<", "(?<").replaceAll("\\(\\?P=(\\w+)\\)", "\\\\k<$1>");
    try {
      return Pattern.compile(java);
    } catch (PatternSyntaxException e) {
      throw new SpecException(SpecException.Kind.FILTER, "Invalid regular expression "
          + pythonRepr(regex) + " given to --" + option + ": " + e.getDescription() + ".");
    }
  }

  /** A string as Python's {@code repr} prints it, as Pants' messages show names. */
  static String pythonRepr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == quote) {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }

  private static String pythonList(Collection<String> items) {
    List<String> reprs = new ArrayList<>();
    items.forEach(item -> reprs.add(pythonRepr(item)));
    return "[" + String.join(", ", reprs) + "]";
  }
}
