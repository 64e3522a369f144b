package dev.mirror.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A registry's error reply: the status and the distribution spec's error codes, and the reply in
 * a line ({@code 404 MANIFEST_UNKNOWN: manifest unknown}, or the start of a body that is not such
 * JSON). Everything a registry says passes through here (or {@link #printable}) on its way into a
 * message: a hostile reply must not rewrite the terminal it is shown on, nor flood it.
 *
 * @param codes the {@code code} of each entry of the {@code errors} array, in order
 * @param text the reply as one printable line
 */
record ErrorReply(int status, List<String> codes, String text) {
  private static final ObjectMapper JSON = new ObjectMapper();

  ErrorReply {
    codes = List.copyOf(codes);
  }

  static ErrorReply parse(int status, byte[] body) {
    List<String> codes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    try {
      JsonNode json = JSON.readTree(body);
      JsonNode list = json == null ? null : json.get("errors");
      if (list != null) {
        for (JsonNode error : list) {
          String code = error.path("code").asText("");
          String message = error.path("message").asText("");
          if (!code.isEmpty()) {
            codes.add(code);
          }
          errors.add(code.isEmpty() ? message : message.isEmpty() ? code : code + ": " + message);
        }
      } else if (json != null && json.has("details")) {
        errors.add(json.get("details").asText());
      }
    } catch (IOException | RuntimeException notJson) {
      // Fall through to the raw text.
    }
    if (errors.isEmpty()) {
      String text = MessageText.oneLine(new String(body, StandardCharsets.UTF_8), 200);
      return new ErrorReply(status, codes, text.isEmpty() ? Integer.toString(status)
          : status + " " + text);
    }
    return new ErrorReply(status, codes,
        status + " " + MessageText.oneLine(String.join("; ", errors), 500));
  }

  /** The reply in a line, as messages show it. */
  static String describe(int status, byte[] body) {
    return parse(status, body).text();
  }

  /** The first error code, as callers switch on it. */
  Optional<String> code() {
    return codes.stream().findFirst();
  }

  /** Text from a registry (a location, a realm) as a message may show it. */
  static String printable(String text) {
    return MessageText.printable(text, 200);
  }
}
