/**
 * The copy engine: mirrors {@link dev.mirror.copy.MirrorJob}s between registries and reports
 * {@link dev.mirror.copy.MirrorResult}s, with progress events for the CLI.
 *
 * <p>Order of work for one job, so that nothing is lost and nothing partial is served:
 * <ol>
 *   <li>destination HEAD by tag, then digest ({@code DestinationState}): done, or only the tag to
 *       move (or keep, or refuse: the {@code DriftPolicy}), without the source;
 *   <li>source manifest GET, verified against the pin; for an index, every child likewise;
 *   <li>blobs: skipped when present, mounted within a registry, else streamed and verified
 *       ({@code BlobCopier}, one transfer per blob per destination repository per run);
 *   <li>child manifests PUT by digest, then the top one, then the tag.
 * </ol>
 *
 * <p>{@code MirrorPlanner} takes the first two steps as the engine does (the same
 * {@code DestinationState} and {@code SourceImage}), then HEADs each blob at the destination,
 * and writes nothing: {@code plan}.
 *
 * <p>What the source decides is bounded: indexes nest at most {@code MAX_INDEX_DEPTH} levels and
 * one image's manifests add up to at most {@code MAX_IMAGE_MANIFEST_BYTES}; a job that still
 * runs out of stack or memory fails alone, and the others finish.
 *
 * <p>Jobs run on one pool and blob transfers on another, so a job waiting for its blobs never
 * holds a thread a transfer needs.
 */
package dev.mirror.copy;
