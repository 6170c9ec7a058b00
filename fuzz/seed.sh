#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ (ignored by git) from ../shared and the workspace's own schema.
# Run from anywhere; re-running adds nothing new (files are named by content hash).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="$(cd "$root/../shared" 2>/dev/null && pwd || true)"
if [ -z "$shared" ]; then
    echo "seed.sh: $root/../shared not found; seeding from the workspace only" >&2
fi
add() { # add TARGET FILE...
    local dir="$here/corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] || continue
        cp "$f" "$dir/$(sha1sum "$f" | cut -c1-16)"
    done
}
add schema_load "$root"/schemas/clerk/*.struct.json
add validate "$root"/schemas/clerk/*.struct.json
if [ -n "$shared" ]; then
    c="$shared/conformance"
    add schema_load $(find "$c/test-assets/schemas" "$c/samples" "$c/meta" -name '*.json')
    add validate $(find "$c/test-assets/instances" "$c/samples" -name '*.json' ! -name '*.struct.json')
    add validate "$shared"/clerk/*.json
fi
for t in schema_load validate; do
    echo "seed.sh: fuzz/corpus/$t: $(ls "$here/corpus/$t" | wc -l) seeds"
done
