package dev.mirror.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mirror.registry.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private final byte[] content = "layer content".getBytes(StandardCharsets.UTF_8);
  private final Digest digest = Digest.of(content);

  private VerifyingInputStream verify(InputStream in, Digest expected, long size,
      AtomicLong progress) {
    return new VerifyingInputStream(in, expected, size, "registry/repo", progress::addAndGet);
  }

  @Test
  void passesMatchingContentAndCountsIt() throws IOException {
    AtomicLong progress = new AtomicLong();
    try (InputStream in = verify(new ByteArrayInputStream(content), digest, content.length,
        progress)) {
      assertEquals(new String(content, StandardCharsets.UTF_8),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(content.length, progress.get());
  }

  @Test
  void failsAtTheEndOnAnotherDigest() {
    VerifyingInputStream in = verify(new ByteArrayInputStream(content),
        Digest.sha256("0".repeat(64)), content.length, new AtomicLong());
    IOException e = assertThrows(IOException.class, in::readAllBytes);
    assertTrue(e.getMessage().contains("has another digest: " + digest), e.getMessage());
    assertTrue(in.mismatched());
  }

  @Test
  void failsOnContentLongerOrShorterThanItsDescriptor() {
    VerifyingInputStream longer = verify(new ByteArrayInputStream(content), digest, 4,
        new AtomicLong());
    assertTrue(assertThrows(IOException.class, longer::readAllBytes).getMessage()
        .contains("is larger than the 4 bytes"));
    VerifyingInputStream shorter = verify(new ByteArrayInputStream(content), digest, 100,
        new AtomicLong());
    assertTrue(assertThrows(IOException.class, shorter::readAllBytes).getMessage()
        .contains("has " + content.length + " bytes, not the 100"));
  }
}
