/**
 * Command-line specs and target filters, as Pants 2.24 reads and resolves them.
 *
 * <p>The flow is parse once, resolve separately (Pants' {@code specs_parser.py} and {@code
 * specs_rules.py}). {@link dev.mirror.specs.SpecParser} turns each argument into a {@link
 * dev.mirror.specs.Spec} (a sealed set of records, each printable back) and sorts it into
 * includes and ignores; paths become relative to the build root there, so nothing after parsing
 * knows the working directory. {@link dev.mirror.specs.Filters} holds the {@code --tag} and
 * {@code --filter-*} clauses. {@link dev.mirror.specs.SpecResolver} asks a {@link
 * dev.mirror.specs.TargetSource} for the directories the specs need, and only those, and returns
 * a {@link dev.mirror.specs.Resolution}: the targets sorted by address, plus warnings.
 *
 * <p>Errors are values: one {@link dev.mirror.specs.SpecException} with a kind, whose message
 * is the whole text the user sees; warnings are strings in the resolution. Nothing here prints.
 *
 * <p>Deliberate differences from Pants: an unknown target name is preceded by a "Did you mean"
 * for a close match; several unmatched globs (directories, file literals, includes and ignores
 * alike) are reported in one message; load errors of several directories are reported together.
 */
package dev.mirror.specs;
