/**
 * Targets as plain Java values: {@link dev.mirror.targets.Address} (split by {@link
 * dev.mirror.targets.AddressSyntax}, the one grammar BUILD-file addresses and command-line specs
 * share), target types and their
 * fields, validation ({@link dev.mirror.targets.FieldValidator}), the expansion of {@code
 * oci_mirror_images} ({@link dev.mirror.targets.ImageGenerator}) and the typed {@link
 * dev.mirror.targets.MirrorImage} that {@code run} mirrors.
 *
 * <p>A mirror target is checked once, when it loads: its fields keep the values as declared (in
 * canonical form), which {@code peek} shows, and an {@code oci_mirror_image} also gets its typed
 * image, or, written with a tag and no {@code sha}, its {@link dev.mirror.targets.UnpinnedImage},
 * which only {@code mirror pin} accepts ({@link dev.mirror.targets.PinCandidate} lists what it may
 * pin). Repositories and digests are read with {@code registry}'s grammar ({@link
 * dev.mirror.registry.RepositoryName}, {@link dev.mirror.registry.Digest}), the one run uses, plus
 * the checks a connection needs that it leaves open (a real port, a lowercase path, a host without
 * '_'). Python-style printing for Pants' messages lives in {@link dev.mirror.targets.PythonRepr}.
 */
package dev.mirror.targets;
