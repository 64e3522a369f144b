package dev.mirror.specs;

import dev.mirror.targets.Address;
import java.util.Objects;

/**
 * One command-line spec, already normalised to the build root (Pants' {@code base/specs.py}).
 * Directories and paths are relative to the build root, "" for the root itself. {@link
 * #toString()} prints the spec so that {@link SpecParser} reads it back from the build root.
 */
public sealed interface Spec {

  /**
   * {@code dir:name}, {@code dir#gen}, {@code dir:name@k=v}: exactly that target. The address's
   * {@code specPath} is the path as written (normalised), which may not exist or may be a file;
   * the resolver reports that with the raw path.
   */
  record AddressLiteral(Address address) implements Spec {
    public AddressLiteral {
      Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
      // `dir` alone would read back as a directory literal, so spell the default name out.
      if (address.targetName() == null && !address.isGenerated() && !address.isParametrized()) {
        return (address.specPath().isEmpty() ? "//" : address.specPath()) + ":" + address.name();
      }
      return address.toString();
    }
  }

  /** {@code dir}: the targets residing in {@code dir}, target generators excluded. */
  record DirLiteral(String dir) implements Spec {
    public DirLiteral {
      SpecPath.checkNormalised(dir);
    }

    @Override
    public String toString() {
      return dir.isEmpty() ? "//" : dir;
    }
  }

  /** {@code dir:}: every target residing in {@code dir}, generators included. */
  record DirGlob(String dir) implements Spec {
    public DirGlob {
      SpecPath.checkNormalised(dir);
    }

    @Override
    public String toString() {
      return dir.isEmpty() ? "//:" : dir + ":";
    }
  }

  /** {@code dir::}: every target residing in {@code dir} or below it. */
  record RecursiveGlob(String dir) implements Spec {
    public RecursiveGlob {
      SpecPath.checkNormalised(dir);
    }

    @Override
    public String toString() {
      return dir.isEmpty() ? "::" : dir + "::";
    }
  }

  /** A file path. Targets owning the file would match; mirror targets own none. */
  record FileLiteral(String path) implements Spec {
    public FileLiteral {
      SpecPath.checkNormalised(path);
    }

    @Override
    public String toString() {
      return path;
    }
  }

  /** A path pattern with {@code *}. Like a file literal, it matches no mirror target. */
  record FileGlob(String pattern) implements Spec {
    public FileGlob {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public String toString() {
      return pattern;
    }
  }
}
