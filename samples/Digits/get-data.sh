#!/usr/bin/env bash
# Fetches scikit-learn's small classic data sets (digits, breast cancer, diabetes) from Debian's python3-sklearn
# package without installing it: download the .deb, unpack it in a temporary directory, copy the data files.
# Usage: bash samples/Digits/get-data.sh [TARGET_DIR]   (default: samples/data)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-$here/../data}"
files=(digits.csv.gz breast_cancer.csv diabetes_data_raw.csv.gz diabetes_target.csv.gz)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get download python3-sklearn >download.log 2>&1; then
  cat download.log >&2
  echo "apt-get could not download python3-sklearn. Refresh the package lists first: apt-get update (as root; as a user: sudo apt-get update)" >&2
  exit 1
fi

dpkg-deb -x python3-sklearn_*.deb unpacked
source_dir=unpacked/usr/lib/python3/dist-packages/sklearn/datasets/data
mkdir -p "$target"
for f in "${files[@]}"; do
  cp "$source_dir/$f" "$target/"
done

echo "Copied ${files[*]} to $(cd "$target" && pwd)"
