#!/usr/bin/env bash
# The speed benchmark: the engine and PyTorch on the identical Gatys objective, same weights, same machine, one after
# the other. Prints one table (site/markdown/performance.md shows a run and explains every column).
#
#   benchmark/run.sh            128², 256², 512² (2 warm-up + 5 measured iterations each) and 1024² for memory
#   benchmark/run.sh --profile  the same, plus timings of the engine's convolutions and other operations alone
#   benchmark/run.sh --smoke    64² only, 2 iterations, no installs: PyTorch only if it is already installed (CI)
#
# Options: --sizes "128 256 512", --memory-size 1024 (0: skip), --warmup 2, --iterations 5, --out DIR,
#   --attempts 3 (a size is measured again, up to this many times, while other processes took more than
#   --max-others 0.10 of the machine's CPU during its measured iterations; the table shows the quietest run),
#   --quiet-wait 300 (before each run, wait up to this many seconds for the machine to be idle).
# Environment: ENGINE_JAVA_OPTS (JVM options of the engine runs; default: none, i.e. the JVM defaults a plain `mvn`
# run also gets). Installs python3-torch, python3-h5py and libopenblas0-pthread with apt-get when missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

smoke=false
profile=false
sizes="128 256 512"
memory_size=1024
warmup=2
iterations=5
out=""
attempts=3
max_others=0.10
quiet_wait=300
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --profile) profile=true ;;
    --sizes) sizes="$2"; shift ;;
    --memory-size) memory_size="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --iterations) iterations="$2"; shift ;;
    --out) out="$2"; shift ;;
    --attempts) attempts="$2"; shift ;;
    --max-others) max_others="$2"; shift ;;
    --quiet-wait) quiet_wait="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
if $smoke; then
  sizes="64"; memory_size=0; warmup=1; iterations=2; attempts=1; quiet_wait=0
fi
out="${out:-benchmark/target/results-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
results="$out/results.jsonl"
: > "$results"

# Debian's python3-torch is installed for the system interpreter, whatever `python3` is first on the PATH.
PYTHON=/usr/bin/python3
torch_ready() { [ -x "$PYTHON" ] && "$PYTHON" -c 'import torch, h5py' >/dev/null 2>&1 \
  && [ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 ]; }

if ! $smoke && ! torch_ready; then
  echo "installing python3-torch python3-h5py libopenblas0-pthread (apt-get) ..."
  apt_install python3-torch python3-h5py libopenblas0-pthread
fi
with_torch=false
if torch_ready; then with_torch=true; fi

build_benchmark
engine() {
  # shellcheck disable=SC2086 # ENGINE_JAVA_OPTS is a list of options
  java ${ENGINE_JAVA_OPTS:-} -cp "$benchmark_classpath" io.github.stylize.benchmark.EngineBenchmark "$@" 2>>"$out/engine.stderr"
}
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE pin older OpenBLAS builds to a safe kernel on some machines here and slow a
# current one down: unset both, for the PyTorch runs only.
pytorch() {
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PYTHON" benchmark/pytorch/gatys_benchmark.py "$@"
}

weights=benchmark/target/vgg19-random-seed42.h5
if [ ! -s "$weights" ]; then
  engine --write-weights "$weights" --seed 42 >/dev/null
fi

{
  machine_facts
  echo "weights:  random VGG19, seed 42, Keras 1 HDF5 layout ($weights), read by both implementations"
} | tee "$out/machine.txt"

if $with_torch; then
  engine --weights "$weights" --equivalence "$out/equivalence" > "$out/equivalence-engine.log"
  pytorch --weights "$weights" --equivalence "$out/equivalence" > "$out/equivalence.log" || true
  "$PYTHON" - "$out/equivalence.log" <<'EOF'
import json, sys
r = json.loads(open(sys.argv[1]).read().splitlines()[-1])
row = r["losses"][0]
print(f"same objective ({r['height']}x{r['width']}, iteration 0, tolerance {r['tolerance_iteration0']:g}): "
      + ("yes" if r["same"] else "NO") + "; relative differences: content "
      + f"{row['content']['rel_diff']:.1e}, style {row['style']['rel_diff']:.1e}; after 3 Adam steps: "
      + ", ".join(f"{n} {r['losses'][-1][n]['rel_diff']:.1e}" for n in ("content", "style")))
EOF
else
  echo "pytorch:  not installed; engine only (run without --smoke to install it)"
fi

profile_args=(--phases 3)
if $profile; then profile_args+=(--layers 3 --ops 3); fi
for size in $sizes; do
  for attempt in $(seq 1 "$attempts"); do
    wait_quiet "$quiet_wait"
    echo "size ${size}², attempt $attempt: engine ..."
    engine --weights "$weights" --sizes "$size" --warmup "$warmup" --iterations "$iterations" "${profile_args[@]}" \
      --out "$results" >> "$out/engine-$size.log"
    if $with_torch; then
      wait_quiet "$quiet_wait"
      echo "size ${size}², attempt $attempt: pytorch ..."
      pytorch --weights "$weights" --sizes "$size" --warmup "$warmup" --iterations "$iterations" --out "$results" \
        >> "$out/pytorch-$size.log"
    fi
    if [ "$attempt" -eq "$attempts" ] || python3 benchmark/table.py --noisy "$results" "$size" "$max_others"; then
      break
    fi
    echo "  other processes used more than $max_others of the CPUs during a measurement: measuring ${size}² again"
  done
done
if [ "$memory_size" -gt 0 ]; then
  wait_quiet "$quiet_wait"
  echo "size ${memory_size}² (memory): engine ..."
  engine --weights "$weights" --sizes "$memory_size" --warmup 1 --iterations 2 --out "$results" \
    > "$out/engine-$memory_size.log"
  if $with_torch; then
    wait_quiet "$quiet_wait"
    echo "size ${memory_size}² (memory): pytorch ..."
    pytorch --weights "$weights" --sizes "$memory_size" --warmup 1 --iterations 2 --out "$results" \
      > "$out/pytorch-$memory_size.log"
  fi
fi

echo
grep -h -m1 '^engine backend' "$out"/engine-*.log | head -1
if $with_torch; then
  grep -h -m1 '^pytorch environment' "$out"/pytorch-*.log | head -1
fi
echo "load:     $(uptime | sed 's/.*load average/load average/') (after the runs)"
echo
if command -v python3 >/dev/null 2>&1; then
  python3 benchmark/table.py "$results" | tee "$out/table.md"
else
  cat "$results"
fi
echo
echo "raw results: $results"
