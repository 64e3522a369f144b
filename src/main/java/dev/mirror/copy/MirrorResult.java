package dev.mirror.copy;

import dev.mirror.registry.Digest;
import java.time.Duration;

/**
 * How a job went.
 *
 * @param previousTag the digest the tag pointed at before it was moved, or null
 * @param error why it failed, naming the registry and its reply; null unless FAILED
 */
public record MirrorResult(MirrorJob job, MirrorStatus status, Digest previousTag,
    TransferStats transfers, String error, Duration elapsed) {}
