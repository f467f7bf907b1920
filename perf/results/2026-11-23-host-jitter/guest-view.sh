#!/usr/bin/env bash
# What the guest kernel sees while one HostJitter thread spins: its context switches (perf stat -t) and
# the whole machine's interrupts, timers and switches (perf stat -a), over the same 8 s. Run as root.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
java -cp "$root/perf/target/benchmarks.jar" dev.tessera.perf.HostJitter --threads 1 --seconds 12 > /tmp/guest-view-jitter.txt 2>&1 &
java_pid=$!
sleep 2
pid="$(pgrep -f 'HostJitter --threads 1 --seconds 12' | head -1)"
tid=""
for task in /proc/"$pid"/task/*; do
    if [[ "$(cat "$task/comm")" == tessera-jitter-* ]]; then tid="$(basename "$task")"; fi
done
echo "spinning thread: pid $pid tid $tid"
perf stat -t "$tid" -e context-switches,cpu-migrations,page-faults -- sleep 8 2>&1 &
perf stat -a -e 'irq:irq_handler_entry,irq:softirq_entry,timer:hrtimer_expire_entry,sched:sched_switch,cpu-clock' -- sleep 8 2>&1
sleep 3
wait "$java_pid" 2>/dev/null || true
tail -4 /tmp/guest-view-jitter.txt
