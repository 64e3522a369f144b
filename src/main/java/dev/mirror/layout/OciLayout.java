package dev.mirror.layout;

import dev.mirror.registry.Digest;
import java.util.regex.Pattern;

/** The names the OCI image-layout spec fixes, and the annotations mirror adds to its entries. */
public final class OciLayout {
  private OciLayout() {}

  public static final String LAYOUT_FILE = "oci-layout";
  public static final String INDEX_FILE = "index.json";
  public static final String BLOBS_DIR = "blobs";
  public static final String LAYOUT_VERSION = "1.0.0";

  /** The spec's name of an image in a layout: what {@code skopeo copy oci:DIR:NAME} selects. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /**
   * The repository an image was mirrored from ({@code registry/path}, as the pin names it), so a
   * pin's source can be found again on the other side of an air gap. The entry's digest is the
   * source's digest: mirroring is digest-exact, so no second annotation is needed for it.
   */
  public static final String SOURCE_REPOSITORY = "dev.mirror.source.repository";

  /** The grammar of {@link #REF_NAME} values in the spec's annotations document. */
  private static final String COMPONENT = "[A-Za-z0-9]+(?:(?:[-._:@+]|--)[A-Za-z0-9]+)*";
  private static final Pattern REF = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");

  /** Whether {@code name} is a ref name the spec allows. */
  public static boolean isValidRefName(String name) {
    return name != null && REF.matcher(name).matches();
  }

  /** The path of a blob inside a layout, with forward slashes: {@code blobs/sha256/<hex>}. */
  public static String blobPath(Digest digest) {
    return BLOBS_DIR + "/" + digest.algorithm() + "/" + digest.hex();
  }
}
