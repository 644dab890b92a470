#!/usr/bin/env bash
# Issue #11's before/after measurements of the look (Quality.java's javadoc defines each): the engine at git revision
# REV ("before") and the working tree ("after"), same machine, same random VGG19 weights (seed 42), one run, the two
# sides at the same time (the measures are losses and distances, not seconds).
#
#   benchmark/quality.sh REV [--preview 128] [--full 256] [--skip-preview] [--out DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then sed -n '2,6p' "$0"; exit 2; fi
rev=$1; shift
out=""; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preview|--full) args+=("$1" "$2"); shift ;;
    --skip-preview) args+=("$1") ;;
    --out) out="$2"; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done
out=$(realpath -m "${out:-benchmark/target/quality-$(date -u +%Y%m%dT%H%M%SZ)}")
mkdir -p "$out"

before_worktree "$rev"
(cd "$before_tree" && ./mvnw -B -q -ntp -pl engine package -DskipTests >/dev/null)
build_benchmark >/dev/null
weights=benchmark/target/vgg19-random-seed42.h5
if [ ! -s "$weights" ]; then
  java -cp "$benchmark_classpath" io.github.stylize.benchmark.EngineBenchmark --write-weights "$weights" --seed 42 >/dev/null
fi
machine_facts | tee "$out/machine.txt"

# The same Quality class on both sides; only the engine's classes differ.
engine_classes=$(realpath engine/target/classes)
after_cp="$benchmark_classpath"
before_cp="benchmark/target/classes:$before_tree/engine/target/classes:$(tr ':' '\n' < benchmark/target/classpath.txt \
  | grep -v -e "$engine_classes" -e 'stylize-engine' | paste -sd:)"
java -cp "$before_cp" io.github.stylize.benchmark.Quality --weights "$weights" --label before --out "$out/results.jsonl" \
  "${args[@]}" > "$out/before.txt" 2> "$out/before.stderr" &
java -cp "$after_cp" io.github.stylize.benchmark.Quality --weights "$weights" --label after --out "$out/results.jsonl" \
  "${args[@]}" > "$out/after.txt" 2> "$out/after.stderr" &
wait
paste "$out/before.txt" "$out/after.txt"
echo "raw results: $out"
