#!/usr/bin/env bash
# Writes a single-platform (linux/amd64) OCI image layout in DIR, tagged "bench": LAYERS gzipped
# tar layers, each one file of LAYER_BYTES incompressible bytes (AES-128-CTR keystream keyed by
# SEED and the layer number, so the same arguments give the same digests), and prints the
# manifest's digest (64 hex digits, no "sha256:").
#
#   bench/make-layout.sh /tmp/big 10 20000000 1     # ~200 MB in 10 layers
#   bench/make-layout.sh /tmp/small-7 3 300000 7
#
# Needs bash, coreutils, tar, gzip and openssl. Layers are compressed with gzip -1 (random data
# does not compress; -1 is the fastest). 10 x 20 MB takes a few seconds.
set -euo pipefail
dir=${1:?usage: make-layout.sh DIR LAYERS LAYER_BYTES SEED}
layers=${2:?usage: make-layout.sh DIR LAYERS LAYER_BYTES SEED}
bytes=${3:?usage: make-layout.sh DIR LAYERS LAYER_BYTES SEED}
seed=${4:?usage: make-layout.sh DIR LAYERS LAYER_BYTES SEED}
rm -rf "$dir" && mkdir -p "$dir/blobs/sha256"
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT

# Stores the file $1 as a blob (moves it); prints "<hex> <size>".
put_blob() {
  local hex size
  hex=$(sha256sum "$1" | cut -d' ' -f1)
  size=$(stat -c %s "$1")
  mv "$1" "$dir/blobs/sha256/$hex"
  echo "$hex $size"
}

# Deterministic incompressible bytes: $1 bytes of the keystream for key "$2".
keystream() {
  # The key and IV come from sha256 of the seed string, so no password derivation is involved
  # and every openssl version gives the same bytes.
  local k
  k=$(printf '%s' "$2" | sha256sum | cut -c1-64)
  head -c "$1" /dev/zero |
    openssl enc -aes-128-ctr -nosalt -K "${k:0:32}" -iv "${k:32:32}" 2>/dev/null
}

diff_ids="" layer_json=""
for ((i = 1; i <= layers; i++)); do
  root="$work/root"
  rm -rf "$root" && mkdir -p "$root"
  keystream "$bytes" "mirror-bench seed=$seed layer=$i" >"$root/layer-$i.bin"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" \
    -cf "$work/layer.tar" "layer-$i.bin"
  diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
  gzip -1n <"$work/layer.tar" >"$work/layer.tar.gz"
  rm -f "$work/layer.tar"
  read -r hex size < <(put_blob "$work/layer.tar.gz")
  diff_ids+="${diff_ids:+,}\"sha256:$diff_id\""
  layer_json+="${layer_json:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$hex\",\"size\":$size}"
done

printf '{"architecture":"amd64","os":"linux","config":{"Labels":{"mirror-bench-seed":"%s"}},"rootfs":{"type":"layers","diff_ids":[%s]}}' \
  "$seed" "$diff_ids" >"$work/config"
read -r config_hex config_size < <(put_blob "$work/config")
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
  "$config_hex" "$config_size" "$layer_json" >"$work/manifest"
read -r m_hex m_size < <(put_blob "$work/manifest")
printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"bench"}}]}' \
  "$m_hex" "$m_size" >"$dir/index.json"
echo "$m_hex"
