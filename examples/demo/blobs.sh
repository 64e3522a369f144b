# Shared by make-image.sh and make-signature.sh (sourced): put_blob stores stdin as a blob of the
# OCI image layout in $dir, named by its sha256, using $work for the temporary file; it prints
# "<hex> <size>".
put_blob() {
  local tmp="$work/blob" hex size
  cat > "$tmp"
  hex=$(sha256sum "$tmp" | cut -d' ' -f1)
  size=$(stat -c %s "$tmp")
  mv "$tmp" "$dir/blobs/sha256/$hex"
  echo "$hex $size"
}
