#!/usr/bin/env bash
# The journaled pipeline's throughput with the page cache full, as on a long-running exchange box: new journal pages
# then come from reclaimed clean cache pages, not from long-free memory the hypervisor took back
# (../2026-11-22-pipeline-page-cost). How it was run (06:23-06:26 UTC):
set -euo pipefail
cd "$(dirname "$0")/../../.."
dd if=/dev/zero of=/tmp/ballast bs=1M count=21000 status=none    # 21 GiB of page cache; ~2.5 GiB left free
for round in 1 2; do
  for w in BLOCKING SLEEPING YIELDING; do
    cat /tmp/ballast > /dev/null                                  # the ballast back in the cache before each run
    echo "free before: $(free -m | awk 'NR==2{print $4}') MiB"
    perf/bin/pipeline-bench --no-build throughput --durability PROCESS --wait $w > "/tmp/$w-$round.txt" 2>&1
  done
done
rm /tmp/ballast
