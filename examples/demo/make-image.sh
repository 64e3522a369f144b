#!/usr/bin/env bash
# Writes a small two-platform image (linux/amd64 and linux/arm64, sharing one layer) as an OCI
# image layout in DIR, tagged "demo", using only coreutils, tar and gzip. Prints the index digest.
set -euo pipefail
dir=${1:?usage: make-image.sh DIR}
rm -rf "$dir" && mkdir -p "$dir/blobs/sha256"
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/blobs.sh" # put_blob

# A gzipped tar layer holding one file; prints "<hex> <size> <diff-id hex>".
layer() {
  local name=$1 content=$2 root="$work/root-$1"
  mkdir -p "$root" && printf '%s\n' "$content" > "$root/$name"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$work/$name.tar" "$name"
  local diff_id; diff_id=$(sha256sum "$work/$name.tar" | cut -d' ' -f1)
  echo "$(gzip -9n < "$work/$name.tar" | put_blob) $diff_id"
}

read -r shared_hex shared_size shared_diff < <(layer shared.txt "shared by every platform")
manifests=""
for arch in amd64 arm64; do
  read -r own_hex own_size own_diff < <(layer "$arch.txt" "only on $arch")
  config="{\"architecture\":\"$arch\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$shared_diff\",\"sha256:$own_diff\"]}}"
  read -r config_hex config_size < <(printf '%s' "$config" | put_blob)
  manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_hex\",\"size\":$config_size},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$shared_hex\",\"size\":$shared_size},{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"sha256:$own_hex\",\"size\":$own_size}]}"
  read -r m_hex m_size < <(printf '%s' "$manifest" | put_blob)
  manifests+="${manifests:+,}{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"sha256:$m_hex\",\"size\":$m_size,\"platform\":{\"architecture\":\"$arch\",\"os\":\"linux\"}}"
done
index="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[$manifests]}"
read -r index_hex index_size < <(printf '%s' "$index" | put_blob)
printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"demo"}}]}' \
  "$index_hex" "$index_size" > "$dir/index.json"
echo "$index_hex"
