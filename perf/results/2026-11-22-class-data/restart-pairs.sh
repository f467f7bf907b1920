#!/usr/bin/env bash
# restart-pairs.sh JOURNAL SNAPSHOTS PAIRS: one restart (RestartHarness --restart-once: Journal.open +
# Recovery.recover with the snapshot directory, timed inside a fresh JVM) without and then with the
# class-data archive, PAIRS times; the JVM flags are pipeline-bench's (jvm.config, 2 GiB heap). JOURNAL and
# SNAPSHOTS are a kept journal and snapshot directory (pipeline-bench restart --keep), as absolute paths; SNAPSHOTS
# may be none. A wrong argument prints the usage, exit 2.
set -euo pipefail
[[ $# -eq 3 && -d $1 && ( -d $2 || $2 == none ) && $3 =~ ^[1-9][0-9]*$ ]] ||
  { echo "usage: restart-pairs.sh JOURNAL SNAPSHOTS|none PAIRS" >&2; exit 2; }
cd "$(dirname "$0")/../../.."
journal=$1; snapshots=$2; pairs=$3
jar=perf/target/benchmarks.jar
read -r -a cds <<< "$(bin/class-data "$jar")"
for i in $(seq 1 "$pairs"); do
  for mode in off on; do
    flags=(); [[ $mode == on ]] && flags=("${cds[@]}")
    start=$(date +%s%N)
    line=$(java @.mvn/jvm.config -Xms2g -Xmx2g "${flags[@]}" -cp "$jar" dev.tessera.perf.RestartHarness \
      --restart-once "$journal" --snapshots "$snapshots" 2>&1 | grep '^RESULT')
    end=$(date +%s%N)
    echo "$mode pair $i $(date +%T) load $(cut -d' ' -f1 /proc/loadavg) wallMs=$(( (end - start) / 1000000 )) $line"
  done
done
