package dev.mirror.specs;

import dev.mirror.targets.Address;
import dev.mirror.targets.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves specs to targets (§2.2–2.4 of the semantics, Pants' {@code specs_rules.py}): the
 * union of what the includes match, filtered, minus the union of what the ignores match, sorted
 * by address. Only the directories the specs need are loaded.
 */
public final class SpecResolver {
  private static final String UNMATCHED_HINT = "Do the file(s) exist? If so, check if the"
      + " file(s) are in your `.gitignore` or the global `pants_ignore` option, which may result"
      + " in mirror not being able to see the file(s) even though they exist on disk. Refer to"
      + " https://www.pantsbuild.org/2.24/docs/using-pants/troubleshooting-common-issues"
      + "#pants-cannot-find-a-file-in-your-project.";

  /**
   * Resolves the specs.
   *
   * @param filters applied to what the includes match (literals too), never to ignores
   * @throws SpecException for an unmatched glob under {@link UnmatchedGlobs#ERROR} (checked
   *     first, before any BUILD file is loaded) or an address literal that names nothing
   * @throws TargetSource.LoadException when BUILD files the specs need cannot be evaluated,
   *     with every such problem; it wins over an address-literal error, since a broken BUILD
   *     file may be why a name is unknown
   */
  public Resolution resolve(
      List<Spec> includes, List<Spec> ignores, Filters filters, TargetSource source,
      UnmatchedGlobs mode) throws SpecException, TargetSource.LoadException {
    List<String> warnings = new ArrayList<>();
    List<String> unmatched = unmatchedMessages(includes, ignores, source);
    if (!unmatched.isEmpty() && mode != UnmatchedGlobs.IGNORE) {
      if (mode == UnmatchedGlobs.ERROR) {
        // One exception, one "error: " line per message (the CLI writes the first prefix).
        throw new SpecException(SpecException.Kind.UNMATCHED_GLOB,
            String.join("\nerror: ", unmatched) + "\n\n" + UNMATCHED_HINT);
      }
      warnings.addAll(unmatched.subList(0, unmatched.size() - 1));
      warnings.add(unmatched.get(unmatched.size() - 1) + "\n\n" + UNMATCHED_HINT);
    }
    DirectoryLoader loader = new DirectoryLoader(source);
    List<Target> selected;
    List<Target> ignored;
    try {
      selected = select(includes, filters, source, loader);
      ignored = select(ignores, Filters.NONE, source, loader);
    } catch (SpecException e) {
      if (loader.failed()) {
        throw loader.failure();
      }
      throw e;
    }
    if (loader.failed()) {
      throw loader.failure();
    }
    // Ignores subtract addresses, not subtrees, and win whatever the order of the specs.
    if (!ignored.isEmpty()) {
      Set<Address> ignoredAddresses = new HashSet<>();
      ignored.forEach(t -> ignoredAddresses.add(t.address()));
      selected.removeIf(t -> ignoredAddresses.contains(t.address()));
    }
    return new Resolution(selected, warnings);
  }

  /** What the specs match, sorted by address (Pants' order, not a string sort), each once. */
  private static List<Target> select(
      List<Spec> specs, Filters filters, TargetSource source, DirectoryLoader loader)
      throws SpecException {
    LiteralResolver literals = new LiteralResolver(source, loader);
    List<Target> matched = new ArrayList<>();
    // A directory's targets come sorted and each once; whether what is matched is still in
    // order needs checking only where one directory's (or literal's) targets follow another's.
    boolean inOrder = true;
    for (Spec spec : specs) {
      List<List<Target>> found = new ArrayList<>();
      if (spec instanceof Spec.AddressLiteral literal) {
        for (Target t : literals.resolve(literal)) {
          found.add(List.of(t));
        }
      } else if (spec instanceof Spec.DirLiteral d) {
        // A bare directory means its "real" targets: generated and plain ones, not generators.
        found.add(loader.targetsIn(d.dir()).orElse(List.of()).stream()
            .filter(t -> !t.generator())
            .toList());
      } else if (spec instanceof Spec.DirGlob d) {
        found.add(loader.targetsIn(d.dir()).orElse(List.of()));
      } else if (spec instanceof Spec.RecursiveGlob d) {
        if (source.directoryExists(d.dir())) {
          for (String dir : source.buildDirectoriesUnder(d.dir())) {
            found.add(loader.targetsIn(dir).orElse(List.of()));
          }
        }
      }
      // File literals and globs select the targets owning those files: mirror targets own
      // none, and other backends' targets are opaque, so they select nothing.
      for (List<Target> sorted : found) {
        boolean first = true;
        for (Target t : sorted) {
          if (filters.matches(t)) {
            if (first && inOrder && !matched.isEmpty()) {
              inOrder = matched.get(matched.size() - 1).address().compareTo(t.address()) < 0;
            }
            first = false;
            matched.add(t);
          }
        }
      }
    }
    return inOrder ? matched : sortedByAddress(matched);
  }

  /**
   * The targets in address order, the first of each address kept. Selections come mostly in
   * order already (directories in Pants' order, each one's targets sorted), and a stable sort of
   * sorted runs is close to linear, where a TreeMap paid a log factor each.
   */
  static List<Target> sortedByAddress(List<Target> targets) {
    targets.sort(Comparator.comparing(Target::address));
    List<Target> sorted = new ArrayList<>(targets.size());
    for (Target t : targets) {
      if (sorted.isEmpty()
          || sorted.get(sorted.size() - 1).address().compareTo(t.address()) != 0) {
        sorted.add(t);
      }
    }
    return sorted;
  }

  /**
   * Pants' unmatched-glob messages for these specs, without the hint paragraph. The directory
   * specs are checked together, as one PathGlobs: {@code dir/*} for {@code dir} and {@code dir:},
   * {@code dir/**} for {@code dir::}, with {@code build_ignore} as its excludes, so one message
   * lists those that match nothing, sorted, and names the excludes. Each file literal or glob is
   * its own PathGlobs without excludes ({@code RawSpecsWithOnlyFileOwners.path_globs_for_spec}),
   * so each gets its own message, in the order given. Pants stops at the first failing PathGlobs;
   * mirror reports them all.
   */
  static List<String> unmatchedMessages(
      Collection<Spec> includes, Collection<Spec> ignores, TargetSource source) {
    Set<String> dirGlobs = new TreeSet<>(Address::compareUtf8);
    Set<String> fileGlobs = new LinkedHashSet<>();
    List<Spec> all = new ArrayList<>(includes);
    all.addAll(ignores);
    for (Spec spec : all) {
      if (spec instanceof Spec.DirLiteral d && !source.directoryExists(d.dir())) {
        dirGlobs.add(SpecPath.glob(d.dir(), false));
      } else if (spec instanceof Spec.DirGlob d && !source.directoryExists(d.dir())) {
        dirGlobs.add(SpecPath.glob(d.dir(), false));
      } else if (spec instanceof Spec.RecursiveGlob d && !source.directoryExists(d.dir())) {
        dirGlobs.add(SpecPath.glob(d.dir(), true));
      } else if (spec instanceof Spec.FileLiteral f && !source.pathExists(f.path())) {
        fileGlobs.add(f.path());
      } else if (spec instanceof Spec.FileGlob f && !source.globMatches(f.pattern())) {
        fileGlobs.add(f.pattern());
      }
    }
    List<String> messages = new ArrayList<>();
    if (!dirGlobs.isEmpty()) {
      messages.add(unmatchedMessage(dirGlobs, source.buildIgnore()));
    }
    for (String glob : fileGlobs) {
      messages.add(unmatchedMessage(List.of(glob), List.of()));
    }
    return messages;
  }

  /**
   * The engine's text (Pants' {@code expand_globs}): globs quoted as Rust's {@code Debug} prints
   * strings, then {@code , exclude: "p"} for one exclude or {@code , excludes: ["p", "q"]}.
   */
  static String unmatchedMessage(Collection<String> globs, List<String> excludes) {
    List<String> quoted = new ArrayList<>();
    globs.forEach(g -> quoted.add(rustDebug(g)));
    String head = quoted.size() == 1
        ? "Unmatched glob from CLI arguments: " + quoted.get(0)
        : "Unmatched globs from CLI arguments: [" + String.join(", ", quoted) + "]";
    if (excludes.size() == 1) {
      head += ", exclude: " + rustDebug(excludes.get(0));
    } else if (!excludes.isEmpty()) {
      List<String> quotedExcludes = new ArrayList<>();
      excludes.forEach(x -> quotedExcludes.add(rustDebug(x)));
      head += ", excludes: [" + String.join(", ", quotedExcludes) + "]";
    }
    return head;
  }

  private static String rustDebug(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** {@link #resolve(List, List, Filters, TargetSource, UnmatchedGlobs)} for parsed {@link Specs}. */
  public Resolution resolve(
      Specs specs, Filters filters, TargetSource source, UnmatchedGlobs mode)
      throws SpecException, TargetSource.LoadException {
    return resolve(specs.includes(), specs.ignores(), filters, source, mode);
  }
}
