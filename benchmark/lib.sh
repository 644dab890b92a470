# Shell functions shared by benchmark/run.sh and benchmark/time-to-quality.sh; source it from the repository root.

apt_updated=false
apt_install() {
  if ! $apt_updated; then apt-get update -qq; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Builds the engine and the benchmark module; sets benchmark_classpath for `java -cp`.
build_benchmark() {
  # The Maven Wrapper fetches its pinned Maven with curl (or wget) and unpacks it with unzip.
  if { ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; } || ! command -v unzip >/dev/null 2>&1; then
    apt_install curl unzip
  fi
  echo "building the engine and the benchmark ..."
  ./mvnw -B -q -ntp -pl benchmark -am package -DskipTests
  benchmark_classpath="benchmark/target/classes:$(cat benchmark/target/classpath.txt)"
}

# wait_quiet SECONDS: waits up to SECONDS until other processes leave the CPUs idle; the machine may be shared. The
# benchmark's own CpuShare does the waiting (the same wait TimeToQuality does between its runs); build_benchmark first.
wait_quiet() {
  if [ "$1" -gt 0 ]; then java -cp benchmark/target/classes io.github.stylize.benchmark.CpuShare "$1"; fi
}

# The machine, for the heading of a result.
machine_facts() {
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:  $(nproc) cores, $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), avx512f: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no), memory $(free -g | awk '/^Mem:/{print $2}') GiB"
  echo "load:     $(uptime | sed 's/.*load average/load average/')"
  echo "java:     $(java -version 2>&1 | head -1)${ENGINE_JAVA_OPTS:+, options: $ENGINE_JAVA_OPTS}"
}

# before_worktree REV: checks REV out into a temporary git worktree, $before_tree, removed when the script exits, and
# says which revisions are compared.
before_worktree() {
  before_tree=$(mktemp -d)
  trap 'git worktree remove --force "$before_tree" >/dev/null 2>&1 || rm -rf "$before_tree"' EXIT
  git worktree add --detach "$before_tree" "$1" >/dev/null
  echo "before: $(git -C "$before_tree" log -1 --format='%h %s')"
  echo "after:  the working tree ($(git log -1 --format='%h'), plus uncommitted changes if any)"
}
