/**
 * The {@code mirror} command line (picocli): the only package that prints. The entry points
 * ({@link dev.mirror.cli.Main} for this process, {@link dev.mirror.cli.MirrorDaemon} for a
 * launcher's client) make an {@link dev.mirror.workspace.Invocation} and pass it down; commands
 * open a {@link dev.mirror.workspace.Workspace} with it, hand the resolved target graph to a goal,
 * and turn its values and errors into output and exit codes: 0 success, 1 failure, 2 usage error.
 */
package dev.mirror.cli;
