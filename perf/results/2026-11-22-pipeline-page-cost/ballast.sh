#!/usr/bin/env bash
# ballast.sh: the throughput benchmark with the page cache full, so that new journal pages come from
# reclaimed clean cache pages (already backed by the host), not from long-free memory. How it was run
# (22:45-22:51 UTC); jars as in pipe-ab.sh (/tmp/pipe/<name>.jar, tree /work/main):
#   dd if=/dev/zero of=/tmp/ballast bs=1M count=21000      # 21 GiB of page cache; ~2 GiB left free
#   for v in docs report docs; do cat /tmp/ballast > /dev/null; ./pipe-ab.sh /work/main /tmp/pipe 1 $v; done   (pipe-ballast2.txt)
#   the same with docs and docsig:-Dtessera.perf.signal=true                               (pipe-ballast3.txt)
#   rm /tmp/ballast
# pipe-ballast.txt is the first try: two rounds without re-reading the ballast between runs; each run's
# deleted journal freed ~4 GiB, so from the second run on new pages came from free memory again.
# usage: ballast.sh TREE JARS VARIANT...   (TREE, JARS and VARIANT as pipe-ab.sh takes them; a wrong argument prints
#   the usage, exit 2). Recorded run: `ballast.sh /work/main /tmp/pipe docs report docs`.
set -euo pipefail
[[ $# -ge 3 && -d $1 && -d $2 ]] ||
  { echo "usage: ballast.sh TREE JARS VARIANT... (recorded: ballast.sh /work/main /tmp/pipe docs report docs)" >&2; exit 2; }
tree=$1; jars=$2
shift 2
dd if=/dev/zero of=/tmp/ballast bs=1M count=21000
for v in "$@"; do
  cat /tmp/ballast > /dev/null
  echo "free before: $(free -m | awk 'NR==2{print $4}') MiB"
  "$(dirname "$0")/pipe-ab.sh" "$tree" "$jars" 1 "$v"
done
rm /tmp/ballast
