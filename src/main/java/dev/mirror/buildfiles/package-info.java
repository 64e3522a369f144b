/**
 * From a working directory to the BUILD files to evaluate, as Pants 2.24 finds them.
 *
 * <p>{@link dev.mirror.buildfiles.BuildRoot} finds the build root (override, then marker files).
 * {@link dev.mirror.buildfiles.ConfigLoader} resolves {@link dev.mirror.buildfiles.MirrorConfig}
 * from pants.toml, rc files, {@code PANTS_*} variables and flags. Each config file is parsed by
 * tomlj and interpolated once ({@code ConfigFile}); {@code OptionSources} then answers each option
 * by precedence, and list options are built by applying every source's edits in order ({@code
 * ListEdit}; string values use Pants' edit grammar, {@code ListEditParser}). The environment, home
 * directory and system rc file are parameters, so nothing here reads the machine unasked.
 *
 * <p>{@link dev.mirror.buildfiles.IgnoreRules} is one gitignore rule list (JGit's matcher) over
 * git's excludes, the root .gitignore, .git/info/exclude and pants_ignore, plus build_ignore.
 * {@link dev.mirror.buildfiles.BuildFileFinder} lists one directory on demand or walks the whole
 * tree once, never entering an ignored or symlinked directory.
 *
 * <p>Errors are {@link dev.mirror.buildfiles.BuildFileException}s carrying the file and line to
 * blame; nothing here prints.
 */
package dev.mirror.buildfiles;
