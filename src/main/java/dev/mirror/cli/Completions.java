package dev.mirror.cli;

import dev.mirror.buildfiles.BuildFileException;
import dev.mirror.buildfiles.BuildFileLoader;
import dev.mirror.goals.HelpGoal;
import dev.mirror.specs.TargetSource;
import dev.mirror.targets.Target;
import dev.mirror.workspace.Invocation;
import dev.mirror.workspace.Workspace;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the shell completion scripts offer for a command line: the words after {@code mirror},
 * the last one being the word under the cursor (empty after a space). Goals and options come from
 * the picocli model, so they follow the code; a spec word gets the visible directories (pants_ignore
 * and .gitignore apply) relative to the working directory, or after {@code dir:} the names of the
 * targets that directory's BUILD files declare. Every candidate starts with the current word.
 */
final class Completions {
  private final CommandLine root;
  private final Invocation invocation;

  Completions(CommandLine root, Invocation invocation) {
    this.root = root;
    this.invocation = invocation;
  }

  /** The candidates for the last of {@code words}, one per element, in the order to show them. */
  List<String> candidates(List<String> words) {
    List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
    String current = words.isEmpty() ? "" : words.get(words.size() - 1);
    CommandLine goal = null;
    Path buildRoot = null;
    OptionSpec pending = null; // an option whose value is the next word
    for (String word : before) {
      if (pending != null) {
        if (pending.longestName().equals("--build-root")) {
          buildRoot = invocation.resolve(word);
        }
        pending = null;
        continue;
      }
      if (word.startsWith("-")) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        OptionSpec option = (goal != null ? goal : root).getCommandSpec().findOption(name);
        if (option != null && takesValue(option)) {
          if (word.contains("=")) {
            if (name.equals("--build-root")) {
              buildRoot = invocation.resolve(word.substring(word.indexOf('=') + 1));
            }
          } else {
            pending = option;
          }
        }
        continue;
      }
      if (goal == null) {
        CommandLine sub = root.getSubcommands().get(word);
        if (sub != null) {
          goal = sub;
        }
      }
    }
    CommandLine command = goal != null ? goal : root;
    if (pending != null) {
      return isPathLabel(pending.paramLabel()) ? paths(current) : List.of();
    }
    if (current.startsWith("--")) {
      return options(command.getCommandSpec(), current);
    }
    if (goal == null) {
      return current.startsWith("-") ? options(root.getCommandSpec(), current) : goals(current);
    }
    Object user = goal.getCommandSpec().userObject();
    if (user instanceof GoalCommand) {
      List<String> out = new ArrayList<>();
      if (current.startsWith("-")) {
        out.addAll(options(goal.getCommandSpec(), current));
        specs(current.substring(1), buildRoot).forEach(s -> out.add("-" + s));
      } else {
        out.addAll(specs(current, buildRoot));
      }
      return out;
    }
    if (current.startsWith("-")) {
      return options(goal.getCommandSpec(), current);
    }
    if (user instanceof HelpGoalCommand) {
      Set<String> topics = new TreeSet<>(goalNames());
      topics.addAll(HelpGoal.topics());
      return startingWith(topics, current);
    }
    if (user instanceof CompleteCommand) {
      return startingWith(List.of("bash", "fish", "zsh"), current);
    }
    if (user instanceof StarlarkCommand) {
      return paths(current);
    }
    return List.of();
  }

  private List<String> goals(String prefix) {
    return startingWith(goalNames(), prefix);
  }

  /** The goals and their aliases, as {@code --help} lists them (hidden ones left out). */
  private List<String> goalNames() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (!e.getValue().getCommandSpec().usageMessage().hidden()) {
        names.add(e.getKey());
      }
    }
    return names;
  }

  /** The command's options (its own and the global ones), long names after "--". */
  private static List<String> options(CommandSpec spec, String prefix) {
    Set<String> names = new TreeSet<>();
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      for (String name : option.names()) {
        if (!prefix.startsWith("--") || name.startsWith("--")) {
          names.add(name);
        }
      }
    }
    return startingWith(names, prefix);
  }

  private static boolean takesValue(OptionSpec option) {
    return option.arity().max() > 0 && !option.typeInfo().isBoolean();
  }

  private static boolean isPathLabel(String label) {
    return label.equals("FILE") || label.equals("DIR");
  }

  /**
   * Spec words: {@code dir:name} after a colon, else the directories that start with the word,
   * each as {@code dir:} when it has BUILD files and {@code dir/} when it has directories below.
   * A leading {@code //} is the build root, anything else is relative to the working directory.
   */
  private List<String> specs(String word, Path buildRootOption) {
    if (word.startsWith("::")) {
      return List.of();
    }
    try (Workspace ws = Workspace.open(invocation, buildRootOption, Map.of())) {
      BuildFileLoader tree = ws.buildFiles();
      String shown = word.startsWith("//") ? "//" : "";
      String typed = word.substring(shown.length());
      String base = shown.isEmpty() ? ws.cwd() : "";
      int colon = typed.indexOf(':');
      if (colon >= 0) {
        return targetNames(tree, shown + typed.substring(0, colon + 1),
            join(base, typed.substring(0, colon)), typed.substring(colon + 1));
      }
      int slash = typed.lastIndexOf('/');
      String parentTyped = typed.substring(0, slash + 1);
      String namePrefix = typed.substring(slash + 1);
      String parent = join(base, slash < 0 ? "" : typed.substring(0, slash));
      if (parent == null || !tree.directoryExists(parent)) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (String dir : tree.subdirectories(parent)) {
        String name = dir.substring(dir.lastIndexOf('/') + 1);
        if (!name.startsWith(namePrefix) || (name.startsWith(".") && !namePrefix.startsWith("."))) {
          continue;
        }
        String candidate = shown + parentTyped + name;
        if (tree.hasBuildFiles(dir)) {
          out.add(candidate + ":");
        }
        if (!tree.subdirectories(dir).isEmpty()) {
          out.add(candidate + "/");
        }
      }
      return out;
    } catch (BuildFileException | RuntimeException e) {
      return List.of(); // outside a build root, or a configuration that does not load: nothing
    }
  }

  /** {@code dir:} plus the names of the targets declared in {@code dir} that start with prefix. */
  private static List<String> targetNames(BuildFileLoader tree, String shownDir, String dir,
      String prefix) {
    if (dir == null || prefix.startsWith(":") || !tree.hasBuildFiles(dir)) {
      return List.of();
    }
    List<Target> targets;
    try {
      targets = tree.targetsIn(dir);
    } catch (TargetSource.LoadException e) {
      return List.of();
    }
    boolean generated = prefix.contains("#");
    Set<String> names = new LinkedHashSet<>();
    for (Target target : targets) {
      var address = target.address();
      if (!address.specPath().equals(dir) || (address.generatedName() != null && !generated)) {
        continue;
      }
      String name = address.name()
          + (address.generatedName() != null ? "#" + address.generatedName() : "");
      if (name.startsWith(prefix)) {
        names.add(shownDir + name);
      }
    }
    return List.copyOf(names);
  }

  /** {@code base/path} relative to the build root; null for a path that leaves it. */
  private static String join(String base, String path) {
    String joined = base.isEmpty() ? path : path.isEmpty() ? base : base + "/" + path;
    for (String part : joined.split("/", -1)) {
      if (!joined.isEmpty() && (part.isEmpty() || part.equals(".") || part.equals(".."))) {
        return null;
      }
    }
    return joined;
  }

  /** Files and directories (with a trailing '/') relative to the working directory. */
  private List<String> paths(String word) {
    int slash = word.lastIndexOf('/');
    String parentTyped = word.substring(0, slash + 1);
    String namePrefix = word.substring(slash + 1);
    Path parent = invocation.resolve(parentTyped.isEmpty() ? "." : parentTyped);
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(namePrefix) && (!name.startsWith(".") || namePrefix.startsWith("."))) {
          out.add(parentTyped + name + (Files.isDirectory(entry) ? "/" : ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  private static List<String> startingWith(Iterable<String> names, String prefix) {
    List<String> out = new ArrayList<>();
    for (String name : names) {
      if (name.startsWith(prefix)) {
        out.add(name);
      }
    }
    return out;
  }
}
