package dev.mirror.registry;

/**
 * Text from outside (a registry's reply, a Location, a realm, a config key, a helper's stderr)
 * as a message may show it: control characters replaced, so it cannot rewrite the terminal it
 * is shown on, and cut to a length, so it cannot flood it.
 */
final class MessageText {
  private MessageText() {}

  static String printable(String text, int limit) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > limit ? clean.substring(0, limit) + "..." : clean;
  }

  /** On one line: surrounding space dropped, runs of white space made one space. */
  static String oneLine(String text, int limit) {
    return printable(text.strip().replaceAll("\\s+", " "), limit);
  }
}
