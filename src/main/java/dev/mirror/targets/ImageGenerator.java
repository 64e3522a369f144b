package dev.mirror.targets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Expands an {@code oci_mirror_images} into the {@code oci_mirror_image} targets it generates,
 * one per entry of {@code variants}, addressed {@code generator#key}.
 */
public final class ImageGenerator {
  private ImageGenerator() {}

  /** Characters Pants bans in the part after {@code #}. */
  private static final String BANNED_GENERATED_CHARS = ":#!@?=";

  /**
   * The generator with its generated targets as dependencies and their images as its own,
   * followed by the generated targets, in {@code variants}' order. Each generated target takes
   * the directory's final {@code oci_mirror_image} defaults, then the generator's copied fields
   * where set, then {@code sha} from the entry and {@code tag} from its key (a default {@code
   * source_tag} is dropped: the key is the tag at the source too); it is validated as a
   * declared one would be.
   */
  public static List<Target> expand(Target generator, Defaults finalDefaults,
      Consumer<String> warnings, RepositoryNames names) throws TargetException {
    @SuppressWarnings("unchecked")
    Map<String, Object> variants = (Map<String, Object>) generator.fields().get("variants");
    List<Target> generated = new ArrayList<>();
    for (Map.Entry<String, Object> v : variants.entrySet()) {
      String key = v.getKey();
      for (char c : BANNED_GENERATED_CHARS.toCharArray()) {
        if (key.indexOf(c) >= 0) {
          throw new TargetException(generator.origin(), "The generated name `" + key
              + "` (defined in directory " + generator.directory() + ", the part after `#`)"
              + " contains banned characters (`" + c + "`). Please replace these characters with"
              + " another separator character like `_` or `-`.");
        }
      }
      Map<String, Object> fields = new LinkedHashMap<>(
          finalDefaults.forType(MirrorTypes.IMAGE_TYPE));
      for (String copied : MirrorTypes.COPIED_FIELDS) {
        Object value = generator.fields().get(copied);
        if (value != null) {
          fields.put(copied, value);
        }
      }
      // The key is the tag at the source as at the destination: a default source_tag would
      // make every variant resolve one tag.
      fields.remove(MirrorTypes.SOURCE_TAG);
      fields.put(MirrorTypes.SHA, v.getValue());
      fields.put(MirrorTypes.TAG, key);
      Address address = generator.address().withGenerated(key);
      FieldValidator.Result valid = FieldValidator.validate(MirrorTypes.IMAGE_TYPE, address,
          generator.origin(), fields, warnings, names);
      generated.add(Target.image(valid.image(), valid.fields()));
    }
    List<Target> out = new ArrayList<>(generated.size() + 1);
    out.add(new Target(generator.address(), generator.type(), generator.fields(),
        generator.origin(), generated.stream().map(Target::address).toList(), true,
        generated.stream().map(t -> t.images().get(0))
            .sorted((a, b) -> a.address().compareTo(b.address())).toList()));
    out.addAll(generated);
    return out;
  }
}
