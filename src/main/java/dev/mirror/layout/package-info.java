/**
 * OCI image layouts: the images of a mirror run in one directory or one uncompressed tar
 * archive ({@code oci-layout}, {@code index.json}, {@code blobs/<algorithm>/<hex>}, as the OCI
 * image-layout spec defines them and skopeo's {@code oci:} and {@code oci-archive:} transports
 * read them), to carry across an air gap and push from there.
 *
 * <ul>
 *   <li>{@link dev.mirror.layout.OciLayoutWriter} puts blobs and manifests into a layout and
 *       lists images in its index.json, under their ref name and the
 *       {@link dev.mirror.layout.OciLayout#SOURCE_REPOSITORY} they came from.
 *   <li>{@link dev.mirror.layout.OciLayoutReader} lists a layout's images, finds the one a pin
 *       names and streams its manifests and blobs.
 * </ul>
 *
 * <p>What they guarantee:
 *
 * <ul>
 *   <li><b>Verification.</b> Nothing takes a blob's name unless it hashes to it at the size
 *       promised: a blob written is hashed and counted on the way and kept only when both match;
 *       a blob already in a layout counts only once it has been hashed (once per run); every
 *       manifest and blob read is checked, a blob stream failing at its end. A mismatch is a
 *       {@link dev.mirror.layout.LayoutException} of kind {@code DIGEST_MISMATCH} naming the file
 *       and both digests. An image is listed only when all its manifests and blobs (foreign
 *       layers aside) are in the layout.
 *   <li><b>Crash safety.</b> In a directory, blobs are written to temporary names and renamed
 *       when verified, and index.json is replaced in one rename after the files of the images
 *       it lists, each time an image is added: a run killed at any point leaves a valid layout
 *       listing the images added so far, and the next run, merging into it, keeps what is
 *       there and removes the killed run's temporary files. A tar is written to
 *       {@code FILE.tar.partial} and renamed over {@code FILE.tar} only when finished, so an
 *       existing archive is never left half replaced. Files are synced before their renames.
 *   <li><b>Bounded memory.</b> Blobs stream through a fixed buffer, whatever their size; a tar
 *       is indexed from its headers and read by seeking, never loaded; only manifests (at most
 *       4 MiB each) and index.json are held in memory.
 * </ul>
 *
 * <p>A tar is written afresh each run (an existing one is replaced, not merged into); a
 * directory is merged into. One writer at a time: the layout is locked while a writer has it.
 */
package dev.mirror.layout;
