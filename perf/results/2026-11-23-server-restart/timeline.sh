#!/usr/bin/env bash
# usage: timeline.sh TREE DIR   TREE: the checkout whose bin/tessera runs; DIR: the directory holding bench.conf.
#   Recorded run: timeline.sh /work/main /tmp/rs.
# Stops the exchange by its pid (the launcher execs java): matching command lines (pkill -f) could stop another
# exchange on the machine that uses a file named bench.conf. The recorded run used pkill -f; the timings are the same.
tree="${1:?usage: timeline.sh TREE DIR (recorded: timeline.sh /work/main /tmp/rs)}"
dir="${2:?usage: timeline.sh TREE DIR (recorded: timeline.sh /work/main /tmp/rs)}"
dir="$(cd "$dir" && pwd)"
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
wait "$pid"
pid=
