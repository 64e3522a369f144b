/**
 * From a working directory to evaluated BUILD files, as Pants 2.24 finds and runs them.
 *
 * <p>{@link dev.mirror.buildfiles.BuildRoot} finds the build root (override, then marker files);
 * its configuration comes from {@link dev.mirror.options}.
 *
 * <p>{@link dev.mirror.buildfiles.IgnoreRules} is one gitignore rule list (JGit's matcher) over
 * git's excludes, the root .gitignore, .git/info/exclude and pants_ignore, plus build_ignore.
 * {@link dev.mirror.buildfiles.BuildFileFinder} lists one directory on demand or walks the whole
 * tree once, never entering an ignored or symlinked directory.
 * {@link dev.mirror.buildfiles.BuildFileLoader} evaluates the BUILD files of a directory (and its
 * ancestors, for {@code __defaults__}) with the Starlark interpreter's Pants dialect and hands
 * back targets as plain Java values.
 *
 * <p>Errors are {@link dev.mirror.buildfiles.BuildFileException}s carrying the file and line to
 * blame; nothing here prints.
 */
package dev.mirror.buildfiles;
