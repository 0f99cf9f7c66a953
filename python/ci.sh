#!/usr/bin/env bash
# The Python module's CI step (called by .ci/run): a fresh venv with the
# pinned tools, the wheel built with maturin and installed from the file (as
# a user would), then pytest: the API, offsets, errors, GIL release, and a
# datatrove end-to-end run. Spark and Ray tests skip unless
# ARTLINT_TEST_SPARK=1 / ARTLINT_TEST_RAY=1 (see python/README.md).
#
# The wheel is built with the dev profile: `cargo test` has already built
# most dependencies that way, and a release build from a clean checkout
# costs minutes more. ARTLINT_WHEEL_PROFILE=release builds the release wheel.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The crate's own Rust tests (setup and offsets, without Python objects).
cargo test -q -p artlint-python --manifest-path "$repo/Cargo.toml"

python3 -m venv "$work/venv"
py="$work/venv/bin/python"
"$py" -m pip install -q --disable-pip-version-check -r "$here/requirements-ci.txt"
profile=()
if [[ "${ARTLINT_WHEEL_PROFILE:-dev}" == release ]]; then
    profile=(--release)
fi
"$work/venv/bin/maturin" build "${profile[@]}" -m "$here/Cargo.toml" -i "$py" -o "$work/wheels"
"$py" -m pip install -q --disable-pip-version-check --no-deps "$work"/wheels/artlint-*.whl
# From the repository root, so `python/artlint/` (no compiled module) is not
# on the path: the tests import the installed wheel.
cd "$repo"
"$py" -m pytest -q -rs -p no:cacheprovider python/tests
