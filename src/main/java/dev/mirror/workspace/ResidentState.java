package dev.mirror.workspace;

import dev.mirror.buildfiles.LoadMemo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a resident mirror keeps between the commands it serves: for each build root, what loading
 * its BUILD files computed ({@link LoadMemo}). A one-off process has {@link #NONE}, which keeps
 * nothing. A daemon serves one build root; a few are kept in case it is asked about others.
 */
public final class ResidentState {
  /** Keeps nothing: every command loads from scratch. */
  public static final ResidentState NONE = new ResidentState(false);

  private static final int MAX_ROOTS = 4;

  private final boolean remembers;
  private final Map<Path, LoadMemo> memos = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, LoadMemo> eldest) {
      return size() > MAX_ROOTS;
    }
  };

  private ResidentState(boolean remembers) {
    this.remembers = remembers;
  }

  /** State for a process that serves many commands. */
  public static ResidentState resident() {
    return new ResidentState(true);
  }

  /** The loading memo of the build root {@code root}. */
  public synchronized LoadMemo loadMemo(Path root) {
    if (!remembers) {
      return LoadMemo.forgetful();
    }
    return memos.computeIfAbsent(root, r -> LoadMemo.resident());
  }
}
