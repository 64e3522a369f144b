package dev.mirror.cli;

import dev.mirror.targets.MirrorImage;
import dev.mirror.targets.Shard;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --shard=k/N}, for the goals that act on images ({@code run}, {@code plan}): add it with
 * {@code @Mixin ShardOption shard;} and pass the selected images through {@link #select}. A bad
 * value is a usage error (exit 2) with Pants' message.
 */
final class ShardOption {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  private Shard shard = Shard.ALL;

  @Option(names = "--shard", paramLabel = "k/N",
      description = "Only the k-th of N disjoint parts (0 <= k < N) of the selected images, as"
          + " Pants' --shard: every image is in one part, all images with the same"
          + " destination_repository in the same part, split by a sha256 of the repository names.")
  void shard(String spec) {
    try {
      shard = Shard.parse(spec, "--shard");
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  List<MirrorImage> select(List<MirrorImage> images) {
    return shard.select(images);
  }

  /** Why {@link #select} left nothing of {@code images}: there were none, or none in this shard. */
  String nothingSelected(List<MirrorImage> images) {
    return images.isEmpty()
        ? "No oci_mirror_image targets among the targets the specs selected."
        : "Shard " + shard + " has none of the " + images.size()
            + " oci_mirror_image targets the specs selected.";
  }
}
