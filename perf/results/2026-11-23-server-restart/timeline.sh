#!/usr/bin/env bash
# usage: timeline.sh TREE DIR   TREE: the checkout whose bin/tessera runs; DIR: the directory holding bench.conf.
#   Recorded run: timeline.sh /work/main /tmp/rs.
tree="${1:?usage: timeline.sh TREE DIR (recorded: timeline.sh /work/main /tmp/rs)}"
dir="${2:?usage: timeline.sh TREE DIR (recorded: timeline.sh /work/main /tmp/rs)}"
dir="$(cd "$dir" && pwd)"
cd "$tree"
start=$(date +%s%N)
bin/tessera --config "$dir/bench.conf" 2>&1 | while IFS= read -r line; do
  now=$(date +%s%N); printf '%6d ms  %s\n' $(( (now-start)/1000000 )) "${line:0:150}"
  case "$line" in *"listening on"*) pkill -TERM -f "bench.conf" ;; esac
done
