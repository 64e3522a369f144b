/**
 * One invocation's view of the repository: an {@link dev.mirror.workspace.Invocation} (working
 * directory, environment, streams) and the command line's specs in, a resolved, typed {@link
 * dev.mirror.workspace.TargetGraph} out. Here the layers below meet: the configuration (flags,
 * {@code PANTS_*}, pants.toml), the build root and BUILD file loading, spec parsing, filters and
 * resolution, and the checks that need every selected target at once (tags that would move,
 * targets that wait for {@code mirror pin}).
 *
 * <p>Nothing here reads per-request state from statics or system properties, and nothing
 * prints: warnings are returned, errors thrown as the lower layers' exceptions, for {@code cli}
 * to render. The goals take the graph and never go back to the loader.
 */
package dev.mirror.workspace;
