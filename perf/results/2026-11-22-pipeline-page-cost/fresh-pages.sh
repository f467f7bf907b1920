#!/usr/bin/env bash
# fresh-pages.sh: what the kernel charges for new page-cache pages on this VM. Reads a 2 GiB sparse file
# on ext4 (/tmp): each page read is allocated and zeroed (ext4_mpage_readpages -> memset), the same path
# the journal pre-fault thread takes. Memory freed seconds ago is reused at once; memory freed longer ago
# costs ~10x more (the hypervisor takes free guest pages back: virtio_balloon free page reporting).
set -u
f=/tmp/fresh-pages-sparse
read_sparse() { rm -f $f; truncate -s 2G $f; /usr/bin/time -f "$1: %e s elapsed, %S s system" cat $f > /dev/null; }
grep -H . /sys/bus/virtio/drivers/virtio_balloon/*/features 2>/dev/null | head -1
free -m | head -2
read_sparse "first read of a new sparse file (pages long free)"
read_sparse "again at once (reuses the pages just freed)"
read_sparse "again at once"
rm -f $f; echo "... 30 s with the 2 GiB freed"; sleep 30
read_sparse "after 30 s"
read_sparse "again at once"
rm -f $f; echo "... 5 s"; sleep 5
read_sparse "after 5 s"
rm -f $f
