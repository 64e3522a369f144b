/**
 * Pants' options, as Pants resolves them: flags, then {@code PANTS_*} variables, then
 * pants.toml and rc files, then defaults.
 *
 * <p>{@link dev.mirror.options.ConfigLoader} resolves {@link dev.mirror.options.MirrorConfig}.
 * Each config file is parsed by tomlj and interpolated once ({@code ConfigFile});
 * {@code OptionSources} then answers each option by precedence, and list options are built by
 * applying every source's edits in order ({@code ListEdit}; string values use Pants' edit
 * grammar, {@code ListEditParser}). The environment, home directory and system rc file are
 * parameters, so nothing here reads the machine unasked. Errors are
 * {@link dev.mirror.options.OptionsException}s naming the file and line to blame; nothing here
 * knows about BUILD files.
 */
package dev.mirror.options;
