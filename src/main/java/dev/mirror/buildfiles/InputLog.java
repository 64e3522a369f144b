package dev.mirror.buildfiles;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs an evaluation read besides its own source: environment variables through {@code
 * env()} (absent ones too: setting one later changes the answer) and files through {@code
 * open()}. A resident mirror re-evaluates a BUILD file when any of them differs.
 */
final class InputLog {
  private final Map<String, String> environmentRead = new HashMap<>();
  private final Map<Path, FileStamp> filesRead = new HashMap<>();

  /** The value of {@code name} in {@code environment}, noted as read. */
  synchronized String env(Map<String, String> environment, String name) {
    String value = environment.get(name);
    environmentRead.put(name, value);
    return value;
  }

  /** Notes that {@code file} is about to be read: its stamp is taken before its content. */
  synchronized void opening(Path file) {
    filesRead.putIfAbsent(file, FileStamp.of(file));
  }

  /** Whether every input noted reads the same in {@code environment} and on disk now. */
  synchronized boolean unchanged(Map<String, String> environment) {
    for (Map.Entry<String, String> e : environmentRead.entrySet()) {
      if (!Objects.equals(environment.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    for (Map.Entry<Path, FileStamp> e : filesRead.entrySet()) {
      if (!e.getValue().stillMatches(e.getKey())) {
        return false;
      }
    }
    return true;
  }
}
