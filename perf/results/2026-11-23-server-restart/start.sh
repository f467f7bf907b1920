#!/usr/bin/env bash
# Start the exchange on the bench journal, time until it prints where it listens, then SIGTERM it.
# usage: start.sh TREE DIR N   TREE: the checkout whose bin/tessera runs; DIR: the directory holding bench.conf (the
#   run's output goes to DIR/out-N.log); N: the run's number. Recorded runs: `start.sh /work/main /tmp/rs N`
#   (TREE and DIR come first; a wrong argument prints the usage, exit 2).
set -euo pipefail
[[ $# -eq 3 && -d $1 && -f $2/bench.conf && $3 =~ ^[0-9]+$ ]] ||
  { echo "usage: start.sh TREE DIR N (recorded: start.sh /work/main /tmp/rs N; DIR holds bench.conf)" >&2; exit 2; }
tree=$1
dir="$(cd "$2" && pwd)"
shift 2
cd "$tree"
start=$(date +%s%N)
bin/tessera --config "$dir/bench.conf" > "$dir/out-$1.log" 2>&1 &
pid=$!
for i in $(seq 1 1200); do
  if grep -q "listening on" "$dir/out-$1.log" 2>/dev/null; then break; fi
  sleep 0.02
done
ready=$(date +%s%N)
echo "run $1: ready after $(( (ready-start)/1000000 )) ms"
kill -TERM $pid; status=0; wait $pid || status=$?; echo "exit $status"
