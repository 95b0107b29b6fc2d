#!/usr/bin/env bash
# CLI start-up, two source trees side by side in one alternating run: median wall and CPU
# (user + sys) seconds of each command, N runs each (default 3).
#
#   git archive <old-commit> src | tar -x -C /tmp/before
#   N=3 bash benchmarks/cli_startup.sh /tmp/before/src src < commands.txt
#
# commands.txt holds one xinzhi command line per line (without "xinzhi"), run in the current
# folder (the demo workspace ./xinzhi-workspace for analysis commands). Report the load average
# (printed first and last): on a shared machine wall times follow the load, CPU times much less.
set -euo pipefail
before=$1
after=$2
N=${N:-3}
out=$(mktemp)
run() {
  local src=$1; shift
  PYTHONPATH=$src COLUMNS=80 /usr/bin/time -f "%e %U %S" -o "$out" .venv/bin/python -c \
    "from xinzhi.cli.main import main; main()" "$@" >/dev/null 2>&1 || true
  tail -1 "$out" | awk '{printf "%.2f %.2f\n", $1, $2 + $3}'
}
med() { sort -n | sed -n "$(( (N + 1) / 2 ))p"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
while read -r line; do
  [ -z "$line" ] && continue
  bw=(); bc=(); aw=(); ac=()
  for _ in $(seq "$N"); do
    read -r w c < <(run "$before" $line); bw+=("$w"); bc+=("$c")
    read -r w c < <(run "$after" $line); aw+=("$w"); ac+=("$c")
  done
  printf "%-40s wall %6.2f -> %6.2f s | cpu %5.2f -> %5.2f s\n" "$line" \
    "$(printf "%s\n" "${bw[@]}" | med)" "$(printf "%s\n" "${aw[@]}" | med)" \
    "$(printf "%s\n" "${bc[@]}" | med)" "$(printf "%s\n" "${ac[@]}" | med)"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
