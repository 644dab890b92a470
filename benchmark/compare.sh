#!/usr/bin/env bash
# A/B of one engine change: the engine at git revision REV ("before") against the working tree ("after"), on the same
# machine and weights, runs interleaved (before, after, before, after, ... per size) so that drift on a shared machine
# hits both alike. Prints one line per run and, per size, the medians and the after/before ratio of seconds per
# iteration and peak memory. This is how the A/B tables in site/markdown/performance.md were measured.
#
#   benchmark/compare.sh REV                      256² and 512², 2 rounds, 2 warm-up + 5 measured iterations
#   benchmark/compare.sh REV --sizes "1024" --rounds 1 --warmup 1 --iterations 2
#
# Options: --sizes "256 512", --rounds 2, --warmup 2, --iterations 5, --out DIR, --quiet-wait 300 (before each run,
# wait up to this many seconds for idle CPUs). REV is built in a temporary git worktree, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

if [ $# -lt 1 ] || [ "${1#-}" != "$1" ]; then sed -n '2,11p' "$0"; exit 2; fi
rev=$1; shift
sizes="256 512"; rounds=2; warmup=2; iterations=5; out=""; quiet_wait=300
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift ;;
    --rounds) rounds="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --iterations) iterations="$2"; shift ;;
    --out) out="$2"; shift ;;
    --quiet-wait) quiet_wait="$2"; shift ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
  shift
done
out=$(realpath -m "${out:-benchmark/target/compare-$(date -u +%Y%m%dT%H%M%SZ)}")
mkdir -p "$out"

before_worktree "$rev"
(cd "$before_tree" && build_benchmark >/dev/null)
build_benchmark >/dev/null
weights=benchmark/target/vgg19-random-seed42.h5
if [ ! -s "$weights" ]; then
  java -cp "$benchmark_classpath" io.github.stylize.benchmark.EngineBenchmark --write-weights "$weights" --seed 42 >/dev/null
fi
weights=$(realpath "$weights")
machine_facts | tee "$out/machine.txt"

engine_run() { # tree label size
  (cd "$1" && java ${ENGINE_JAVA_OPTS:-} -cp "benchmark/target/classes:$(cat benchmark/target/classpath.txt)" \
    io.github.stylize.benchmark.EngineBenchmark --weights "$weights" --sizes "$3" --warmup "$warmup" \
    --iterations "$iterations" --phases 3 --out "$out/$2.jsonl" >> "$out/$2-$3.log" 2>> "$out/$2.stderr")
}
for size in $sizes; do
  for round in $(seq 1 "$rounds"); do
    for side in before after; do
      wait_quiet "$quiet_wait"
      echo "size ${size}², round $round: $side ..."
      if [ "$side" = before ]; then engine_run "$before_tree" before "$size"; else engine_run . after "$size"; fi
    done
  done
done

python3 - "$out" <<'PY'
import json, statistics, sys
out = sys.argv[1]
runs = {side: [json.loads(line) for line in open(f"{out}/{side}.jsonl")] for side in ("before", "after")}
print("| run | size | s/iter | peak RSS MiB | forward s | loss terms s | backward s | others' CPU |")
print("|---|---|---|---|---|---|---|---|")
for side, rows in runs.items():
    for r in rows:
        p = r.get("phases", {})
        print(f"| {side} | {r['height']}² | {r['median_s']:.3f} | {r['peak_rss_mb']:.0f} | {p.get('forward_s', 0):.3f} | "
              f"{p.get('losses_s', 0):.3f} | {p.get('backward_s', 0):.3f} | {100 * r['others_cpu']:.0f}% |")
print()
print("| size | before s/iter (median of runs) | after | after/before | before peak RSS MiB | after | after/before |")
print("|---|---|---|---|---|---|---|")
for size in sorted({r["height"] for r in runs["before"]}):
    b = [r for r in runs["before"] if r["height"] == size]
    a = [r for r in runs["after"] if r["height"] == size]
    bs, as_ = statistics.median(r["median_s"] for r in b), statistics.median(r["median_s"] for r in a)
    bm, am = statistics.median(r["peak_rss_mb"] for r in b), statistics.median(r["peak_rss_mb"] for r in a)
    print(f"| {size}² | {bs:.3f} | {as_:.3f} | {as_ / bs:.2f} | {bm:.0f} | {am:.0f} | {am / bm:.2f} |")
print("\nRuns where others' CPU exceeded 10% are disturbed: measure again.")
PY
echo "raw results: $out"
