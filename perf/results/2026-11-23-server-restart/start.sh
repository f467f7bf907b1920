#!/usr/bin/env bash
# Start the exchange on the bench journal, time until it prints where it listens, then SIGTERM it.
cd /work/main
start=$(date +%s%N)
bin/tessera --config /tmp/rs/bench.conf > /tmp/rs/out-$1.log 2>&1 &
pid=$!
for i in $(seq 1 1200); do
  if grep -q "listening on" /tmp/rs/out-$1.log 2>/dev/null; then break; fi
  sleep 0.02
done
ready=$(date +%s%N)
echo "run $1: ready after $(( (ready-start)/1000000 )) ms"
kill -TERM $pid; wait $pid; echo "exit $?"
