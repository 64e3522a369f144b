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

  Shard value() {
    return shard;
  }

  List<MirrorImage> select(List<MirrorImage> images) {
    return shard.select(images);
  }
}
