#!/usr/bin/env bash
# Is iterateAveraging's smoothness more than lag? IterateAveragingNoise.java's javadoc says what it prints; the figures
# are in site/markdown/quality.md ("Iterate averaging"). About a minute on 2 cores at 128.
#
#   benchmark/iterate-averaging.sh [--size 128] [--weights FILE.h5] [--content PNG] [--style PNG]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
. benchmark/lib.sh

build_benchmark >/dev/null
# shellcheck disable=SC2086 # ENGINE_JAVA_OPTS is a list of options
mkdir -p benchmark/target
java ${ENGINE_JAVA_OPTS:-} -cp "$benchmark_classpath" io.github.stylize.benchmark.IterateAveragingNoise "$@" \
  2>benchmark/target/iterate-averaging.stderr \
  || { echo "IterateAveragingNoise failed; the end of benchmark/target/iterate-averaging.stderr:" >&2
       tail -20 benchmark/target/iterate-averaging.stderr >&2; exit 1; }
