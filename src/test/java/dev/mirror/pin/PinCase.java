package dev.mirror.pin;

import dev.mirror.registry.Digest;
import dev.mirror.starlark.syntax.SourceDecoder;
import dev.mirror.targets.Origin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One golden case of {@code testdata/pin}: a BUILD file before and after its pins, byte for byte,
 * and the pins, one a line: {@code line:column variant current pinned}, {@code -} for none. When
 * an inserted line moves a call down, {@code line:column>line:column} also says where the call is
 * in the file after; {@link #pinsAfter} are the pins with those positions.
 */
record PinCase(String name, byte[] before, byte[] after, List<PinRequest> pins,
    List<PinRequest> pinsAfter) {
  static final String PATH = "images/BUILD";

  private static final Path ROOT =
      Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "testdata/pin");

  static List<PinCase> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().map(PinCase::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PinCase named(String name) {
    return load(ROOT.resolve(name));
  }

  private static PinCase load(Path dir) {
    try {
      List<PinRequest> pins = new ArrayList<>();
      List<PinRequest> pinsAfter = new ArrayList<>();
      for (String line : Files.readAllLines(dir.resolve("pins"))) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] fields = line.trim().split("\\s+");
          String[] positions = fields[0].split(">");
          pins.add(pin(positions[0], fields));
          pinsAfter.add(pin(positions[positions.length - 1], fields));
        }
      }
      return new PinCase(dir.getFileName().toString(),
          Files.readAllBytes(dir.resolve("BUILD.before")),
          Files.readAllBytes(dir.resolve("BUILD.after")), List.copyOf(pins), List.copyOf(pinsAfter));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PinRequest pin(String lineColumn, String[] fields) {
    String[] position = lineColumn.split(":");
    Origin call = new Origin(PATH, Integer.parseInt(position[0]), Integer.parseInt(position[1]));
    return new PinRequest(call, orNull(fields[1]),
        fields[2].equals("-") ? null : Digest.parse(fields[2]), Digest.parse(fields[3]));
  }

  private static String orNull(String field) {
    return field.equals("-") ? null : field;
  }

  String beforeText() {
    return decode(before);
  }

  String afterText() {
    return decode(after);
  }

  static String decode(byte[] bytes) {
    try {
      return SourceDecoder.decode(bytes);
    } catch (SourceDecoder.NotUtf8Exception e) {
      throw new AssertionError(e);
    }
  }

  static byte[] encode(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name;
  }
}
