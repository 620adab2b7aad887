#!/usr/bin/env bash
# Instructions that `jxmb check FILE` runs in one process, counted by valgrind's callgrind: the measure for comparing
# two builds of the first check when wall time moves with the host (bench/NOTES.md). The cost of the check itself is
# the count for the file minus the count for an empty file. V8's hash and random seeds are fixed and its collector's
# schedule made predictable: without that, heuristics that read the clock move the count by ±30–90 M on a busy machine.
#   bash bench/instructions.sh [REPO] FILE     (REPO: a checkout with dist/ built; default: this one)
set -eu
if [ $# -eq 1 ]; then repo=$(cd "$(dirname "$0")/.." && pwd); file=$1; else repo=$1; file=$2; fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" \
    node --single-threaded --predictable-gc-schedule --hash-seed=1 --random-seed=1 "$repo/dist/cli.mjs" check "$file" >/dev/null 2>&1 || true
callgrind_annotate "$out" 2>/dev/null | awk '/PROGRAM TOTALS/ { print $1 }'
