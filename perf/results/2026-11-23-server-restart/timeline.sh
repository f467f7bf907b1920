#!/usr/bin/env bash
# usage: timeline.sh TREE DIR   TREE: the checkout whose bin/tessera runs; DIR: the directory holding bench.conf.
#   Recorded run: timeline.sh /work/main /tmp/rs.
# Stops the exchange by its pid (the launcher execs java): matching command lines (pkill -f) could stop another
# exchange on the machine that uses a file named bench.conf. The recorded run used pkill -f; the timings are the same.
# A wrong argument prints the usage, exit 2.
set -euo pipefail
[[ $# -eq 2 && -d $1 && -f $2/bench.conf ]] ||
  { echo "usage: timeline.sh TREE DIR (recorded: timeline.sh /work/main /tmp/rs; DIR holds bench.conf)" >&2; exit 2; }
tree=$1
dir="$(cd "$2" && pwd)"
cd "$tree"
lines="$(mktemp -u)"
mkfifo "$lines"
pid=
trap 'rm -f "$lines"; [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null' EXIT
start=$(date +%s%N)
bin/tessera --config "$dir/bench.conf" > "$lines" 2>&1 &
pid=$!
while IFS= read -r line; do
  now=$(date +%s%N); printf '%6d ms  %s\n' $(( (now-start)/1000000 )) "${line:0:150}"
  case "$line" in *"listening on"*) kill -TERM "$pid" ;; esac
done < "$lines"
wait "$pid" || true   # its exit status after the SIGTERM is not what this script measures
pid=
