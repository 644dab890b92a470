#!/usr/bin/env bash
# Time to quality (issue #4): the total loss single-scale Adam reaches in 300 iterations at 512x512, then the time
# each faster setup (L-BFGS, coarse-to-fine levels, early stopping) needs to reach that loss, and where it stops on
# its own. Prints one table; TimeToQuality.java's javadoc explains the method and every column.
#
#   benchmark/time-to-quality.sh           the measurement: about 30 minutes on 2 cores, with the machine to itself
#                                          (Adam-300 at 512² is about 10 minutes; each candidate at most 100
#                                          iterations per level, about 4 minutes at 512²)
#   benchmark/time-to-quality.sh --smoke   64², 20 iterations, no waiting for idle CPUs: checks that it runs
#
# Options: --size 512, --reference-iterations 300, --max-iterations 100 (cap per level for the candidates),
#   --setups "lbfgs:1:1e-2,lbfgs:2:1e-2,lbfgs:3:1e-2,adam:3:1e-2" (optimizer:scales:tolerance[:learningRate];
#   the first is the engine's default),
#   --weights FILE.h5 (default: random VGG19 weights, seed 42, the same as run.sh's), --run-to-cap (run setups
#   without tolerance to the cap instead of stopping them at the target), --content PNG, --style PNG (default: the
#   quickstart example's harbor.png, stretched to size x size, and mosaic.png), --out DIR,
#   --quiet-wait 300 (before the start and before each run, wait up to this many seconds for idle CPUs).
# Environment: ENGINE_JAVA_OPTS (JVM options; default: none).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

quiet_wait=300
out=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) args+=(--size 64 --reference-iterations 20 --max-iterations 20); quiet_wait=0 ;;
    --size|--reference-iterations|--max-iterations|--setups|--weights|--content|--style) args+=("$1" "$2"); shift ;;
    --run-to-cap) args+=("$1") ;;
    --out) out="$2"; shift ;;
    --quiet-wait) quiet_wait="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
out="${out:-benchmark/target/time-to-quality-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"

build_benchmark
machine_facts | tee "$out/machine.txt"
wait_quiet "$quiet_wait"
# shellcheck disable=SC2086 # ENGINE_JAVA_OPTS is a list of options
java ${ENGINE_JAVA_OPTS:-} -cp "$benchmark_classpath" io.github.stylize.benchmark.TimeToQuality "${args[@]}" \
  --quiet-wait "$quiet_wait" --out "$out/results.jsonl" 2>"$out/stderr.log" | tee "$out/output.txt" \
  || { echo "TimeToQuality failed; the end of $out/stderr.log:" >&2; tail -20 "$out/stderr.log" >&2; exit 1; }
echo
echo "raw results: $out/results.jsonl (one JSON line per run, with each run's full-size loss history)"
