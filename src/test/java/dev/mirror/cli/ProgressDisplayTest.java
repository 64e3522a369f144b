package dev.mirror.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.copy.MirrorJob;
import dev.mirror.copy.MirrorResult;
import dev.mirror.copy.MirrorStatus;
import dev.mirror.copy.TransferStats;
import dev.mirror.registry.Digest;
import dev.mirror.registry.RepositoryName;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private static final MirrorJob JOB = new MirrorJob("//:app",
      RepositoryName.parse("127.0.0.1:5000/a"), RepositoryName.parse("127.0.0.1:5001/b"),
      Digest.sha256("c".repeat(64)), "1");

  @Test
  void plainOutputIsOneLinePerFinishedTarget() {
    StringWriter text = new StringWriter();
    try (ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), false)) {
      display.started(JOB);
      display.planned(JOB, 2048);
      display.advanced(JOB, 1024);
      display.finished(new MirrorResult(JOB, MirrorStatus.MIRRORED, null,
          new TransferStats(2, 0, 1, 2048), null, Duration.ofMillis(1200)));
    }
    assertEquals("//:app: mirrored (2 blobs copied, 0 mounted, 1 present; 2.0 KiB) in 1.2s\n",
        text.toString());
  }

  @Test
  void liveOutputDrawsABarAndClearsIt() throws InterruptedException {
    StringWriter text = new StringWriter();
    try (ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true)) {
      display.started(JOB);
      display.planned(JOB, 4096);
      display.advanced(JOB, 1024);
      Thread.sleep(400); // a few redraws
      display.finished(new MirrorResult(JOB, MirrorStatus.UP_TO_DATE, null, TransferStats.NONE,
          null, Duration.ZERO));
    }
    String out = text.toString();
    assertTrue(out.contains("//:app [######..................] 1.0 KiB / 4.0 KiB"), out);
    assertTrue(out.contains("\033[1A\r\033[J"), "no redraw: " + out);
    assertTrue(out.endsWith("//:app: up to date in 0.0s\n"), out);
    assertFalse(out.substring(out.lastIndexOf("up to date")).contains("["), out);
  }
}
