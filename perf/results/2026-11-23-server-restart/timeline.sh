#!/usr/bin/env bash
cd /work/main
start=$(date +%s%N)
bin/tessera --config /tmp/rs/bench.conf 2>&1 | while IFS= read -r line; do
  now=$(date +%s%N); printf '%6d ms  %s\n' $(( (now-start)/1000000 )) "${line:0:150}"
  case "$line" in *"listening on"*) pkill -TERM -f "bench.conf" ;; esac
done
