package dev.mirror.cli;

import dev.mirror.goals.RunGoal;
import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorListener;
import dev.mirror.copy.MirrorResult;
import dev.mirror.workspace.Invocation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code run} shows while it works. On a terminal: one live line per active target with its
 * bytes and a bar, redrawn a few times a second, and a line per finished target above them.
 * Elsewhere (logs, CI): a plain line per finished target. A handful of ANSI sequences do this;
 * progress-bar libraries bring a terminal stack for one redraw loop.
 */
final class ProgressDisplay implements MirrorListener, AutoCloseable {
  private static final int BAR_WIDTH = 24;

  private final PrintWriter err;
  private final boolean live;
  private final Map<MirrorJob, Progress> active = new LinkedHashMap<>();
  private final ScheduledExecutorService ticker;
  private int drawnLines;

  private static final class Progress {
    final AtomicLong done = new AtomicLong();
    volatile long total = -1;
  }

  ProgressDisplay(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
    if (live) {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mirror-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::redraw, 100, 150, TimeUnit.MILLISECONDS);
    } else {
      ticker = null;
    }
  }

  /** Whether the invocation's stderr is a terminal worth drawing on (not dumb, not CI). */
  static boolean isLive(Invocation invocation) {
    Map<String, String> env = invocation.environment();
    return invocation.terminal() && !"dumb".equals(env.get("TERM")) && !env.containsKey("CI");
  }

  @Override
  public synchronized void started(MirrorJob job) {
    active.put(job, new Progress());
  }

  @Override
  public synchronized void planned(MirrorJob job, long bytes) {
    Progress p = active.get(job);
    if (p != null) {
      p.total = bytes;
    }
  }

  @Override
  public void advanced(MirrorJob job, long bytes) {
    Progress p;
    synchronized (this) {
      p = active.get(job);
    }
    if (p != null) {
      p.done.addAndGet(bytes);
    }
  }

  @Override
  public synchronized void finished(MirrorResult result) {
    active.remove(result.job());
    clear();
    err.println(result.job().name() + ": " + outcome(result));
    draw();
    err.flush();
  }

  private static String outcome(MirrorResult r) {
    String time = String.format(Locale.ROOT, " in %.1fs", r.elapsed().toMillis() / 1000.0);
    return switch (r.status()) {
      case MIRRORED -> "mirrored (" + r.transfers().copied() + " blobs copied, "
          + r.transfers().mounted() + " mounted, " + r.transfers().skipped() + " present; "
          + RunGoal.bytes(r.transfers().bytes()) + ")" + time;
      case TAGGED -> "tagged " + r.job().tag() + time;
      case UP_TO_DATE -> "up to date" + time;
      case KEPT -> "tag " + r.job().tag() + " kept at " + r.previousTag() + time;
      case FAILED -> "failed: " + r.error();
      case NOT_RUN -> "not run";
    };
  }

  private synchronized void redraw() {
    clear();
    draw();
    err.flush();
  }

  private void clear() {
    if (!live || drawnLines == 0) {
      return;
    }
    err.print("\033[" + drawnLines + "A\r\033[J");
    drawnLines = 0;
  }

  private void draw() {
    if (!live) {
      return;
    }
    for (Map.Entry<MirrorJob, Progress> e : active.entrySet()) {
      long done = Math.max(0, e.getValue().done.get());
      long total = e.getValue().total;
      StringBuilder line = new StringBuilder(e.getKey().name()).append(' ');
      if (total > 0) {
        int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
        line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
            .append("] ").append(RunGoal.bytes(done)).append(" / ").append(RunGoal.bytes(total));
      } else {
        line.append("checking");
      }
      err.println(line);
      drawnLines++;
    }
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    clear();
    err.flush();
  }
}
