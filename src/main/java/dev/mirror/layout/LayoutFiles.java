package dev.mirror.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/** The files of a layout being read, by their path inside it: in a directory or a tar archive. */
interface LayoutFiles extends AutoCloseable {
  /** The size of a regular file, empty when the layout has no such file. */
  OptionalLong size(String path) throws IOException;

  /** A file's content; only called for a file {@link #size} found. */
  InputStream open(String path) throws IOException;

  /** Names a file of the layout in messages. */
  String describe(String path);

  @Override
  void close() throws IOException;

  static LayoutFiles directory(Path root) {
    return new LayoutFiles() {
      @Override
      public OptionalLong size(String path) throws IOException {
        Path file = root.resolve(path);
        return Files.isRegularFile(file) ? OptionalLong.of(Files.size(file)) : OptionalLong.empty();
      }

      @Override
      public InputStream open(String path) throws IOException {
        return Files.newInputStream(root.resolve(path));
      }

      @Override
      public String describe(String path) {
        return root.resolve(path).toString();
      }

      @Override
      public void close() {}
    };
  }

  /** A tar archive, indexed in one pass over its headers; files are read by seeking. */
  static LayoutFiles tar(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    TarIndex index;
    try {
      index = TarIndex.read(channel, file.toString());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new LayoutFiles() {
      @Override
      public OptionalLong size(String path) {
        return index.find(path).map(s -> OptionalLong.of(s.size())).orElse(OptionalLong.empty());
      }

      @Override
      public InputStream open(String path) throws IOException {
        TarIndex.Slice slice = index.find(path).orElseThrow(
            () -> new LayoutException(LayoutException.Kind.NOT_FOUND, describe(path)
                + " is not in the archive"));
        return new ChannelSlice(channel, slice.offset(), slice.size());
      }

      @Override
      public String describe(String path) {
        return file + "!" + path;
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
