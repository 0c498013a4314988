#!/usr/bin/env bash
# Long runs that do not belong in every `cargo test`: the reader is killed with SIGKILL while
# annotating, DIPTYCH_KILL_ROUNDS times (default 200), and two readers highlight one article in
# quick alternation; every acknowledged highlight must be on disk in a valid sidecar. Needs tmux.
set -euo pipefail
cd "$(dirname "$0")/.."
export DIPTYCH_KILL_ROUNDS="${DIPTYCH_KILL_ROUNDS:-200}"
cargo test --test e2e_annotate -- --ignored --nocapture
