package dev.mirror.pin;

import java.util.List;

/** A BUILD file's new text (equal to the input when nothing changes) and the refused requests. */
public record PinResult(String text, List<PinRefusal> refusals) {
  public PinResult {
    refusals = List.copyOf(refusals);
  }

  /** Whether the new text differs from the text the edits were made to. */
  public boolean changed(String before) {
    return !text.equals(before);
  }
}
