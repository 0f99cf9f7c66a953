#!/usr/bin/env bash
# The action's install step. In order: the binary restored from the cache
# (keyed in action.yml on the source's content or on `version`); a release
# binary when the ref is a tag with one published (see
# .github/workflows/release.yml); else `cargo install` from the action's own
# checkout, or from the repository at `version`. The binary ends up in
# ~/.artlint/bin, which is added to the PATH.
set -euo pipefail

root="$HOME/.artlint"
bin="$root/bin"
mkdir -p "$bin"
echo "$bin" >> "${GITHUB_PATH:-/dev/null}"
if [ -x "$bin/artlint" ]; then
    echo "artlint from the cache: $("$bin/artlint" --version)"
    exit 0
fi

ref="${VERSION:-${ACTION_REF:-}}"
target=""
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) target=x86_64-unknown-linux-gnu ;;
    Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-gnu ;;
    Darwin-x86_64) target=x86_64-apple-darwin ;;
    Darwin-arm64) target=aarch64-apple-darwin ;;
esac
if [[ "$ref" == v* && -n "${ACTION_REPOSITORY:-}" && -n "$target" ]]; then
    url="$GITHUB_SERVER_URL/$ACTION_REPOSITORY/releases/download/$ref/artlint-$target.tar.gz"
    if curl -fsSL "$url" | tar -xz -C "$bin" artlint 2>/dev/null; then
        echo "artlint $ref from $url"
        exit 0
    fi
    echo "no release binary at $url; building from source"
fi

if [ -z "${VERSION:-}" ]; then
    cargo install --locked --root "$root" --path "$ACTION_PATH"
elif [ -n "${ACTION_REPOSITORY:-}" ]; then
    cargo install --locked --root "$root" --git "$GITHUB_SERVER_URL/$ACTION_REPOSITORY" --rev "$VERSION" artlint
else
    echo "::error title=artlint::input 'version' needs the action's repository, which this runner does not report; put the ref in 'uses: <owner>/artlint@$VERSION' instead"
    exit 2
fi
