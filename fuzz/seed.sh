#!/bin/sh
# Fill fuzz/corpus/<target>/ with real text: saved readability pages, the shared seeds, the demo
# story and the small hand-written seeds in fuzz/seeds. Run from anywhere; the corpus is not
# committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${SHARED:-$repo/../shared}
corpus=$here/corpus

copy() { # copy <target> <files…>: each file under a name made from its path
    target=$1
    shift
    mkdir -p "$corpus/$target"
    for f in "$@"; do
        [ -f "$f" ] || continue
        name=$(printf '%s' "$f" | sed 's|^.*/pages/||; s|[^A-Za-z0-9._-]|_|g')
        cp "$f" "$corpus/$target/$name"
    done
}

pages=$(ls "$shared"/bench/readability/pages/*/source.html 2>/dev/null || true)
seeds=$(ls "$shared"/seeds/* 2>/dev/null || true)
demo=$(ls "$repo"/assets/demo/* 2>/dev/null || true)
own=$(ls "$here"/seeds/* 2>/dev/null || true)

# shellcheck disable=SC2086
{
    copy load_html $pages $demo $own
    copy load_text $seeds $demo $own
    copy load_markdown $seeds $demo $own
    copy load_json $own
    copy segment $seeds $demo $own
}
# JSON seeds: the demo and shared texts wrapped as records.
if command -v python3 >/dev/null; then
    for f in $seeds $demo; do
        python3 - "$f" "$corpus/load_json/$(basename "$f").json" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
paras = [p for p in text.split("\n\n") if p.strip()]
json.dump([{"title": paras[0][:80] if paras else "", "source": "Seed", "text": text},
           {"title": "P", "paragraphs": paras[:20]}], open(sys.argv[2], "w"), ensure_ascii=False)
PY
    done
fi
for t in "$corpus"/*; do
    echo "$(basename "$t"): $(ls "$t" | wc -l) files"
done
