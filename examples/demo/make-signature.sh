#!/usr/bin/env bash
# Writes a cosign-style signature of the image DIGEST (sha256:...) as an OCI image layout in DIR,
# tagged "sig": the simple-signing payload naming the image as its one layer, with the signature
# annotation cosign puts there. The signature bytes are a stand-in (the demo verifies nothing);
# what matters is that the manifest travels byte for byte with the image. Prints its digest.
set -euo pipefail
dir=${1:?usage: make-signature.sh DIR DIGEST}
digest=${2:?usage: make-signature.sh DIR DIGEST}
rm -rf "$dir" && mkdir -p "$dir/blobs/sha256"
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT

. "$(dirname "${BASH_SOURCE[0]}")/blobs.sh" # put_blob

payload="{\"critical\":{\"identity\":{\"docker-reference\":\"demo/app\"},\"image\":{\"docker-manifest-digest\":\"$digest\"},\"type\":\"cosign container image signature\"},\"optional\":null}"
read -r payload_hex payload_size < <(printf '%s' "$payload" | put_blob)
config="{\"architecture\":\"\",\"os\":\"\",\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:$payload_hex\"]}}"
read -r config_hex config_size < <(printf '%s' "$config" | put_blob)
signature=$(printf 'demo signature of %s' "$digest" | base64 -w0)
manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$config_hex\",\"size\":$config_size},\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"digest\":\"sha256:$payload_hex\",\"size\":$payload_size,\"annotations\":{\"dev.cosignproject.cosign/signature\":\"$signature\"}}]}"
read -r m_hex m_size < <(printf '%s' "$manifest" | put_blob)
printf '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"sig"}}]}' \
  "$m_hex" "$m_size" > "$dir/index.json"
echo "$m_hex"
