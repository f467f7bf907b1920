#!/bin/bash
# One pair per call: for TREE in old new, start that tree's exchange on a copy of QA 118's journal (34,461 records),
# run the probe session alone for 10 s, then again for 10 s while another session sends ResendRequest(1..0) 20 at a
# time (spam.py 12 20), and stop it. Probe and spam are QA 118's scripts (/tmp/qa118-work, port 10180).
set -u
out="$1"; shift
for tree in "$@"; do
    case "$tree" in old) root=/tmp/ab-old ;; new) root=/work/main ;; esac
    work=/tmp/me-work/ab-$tree
    rm -rf "$work" && mkdir -p "$work" && cp -r /tmp/qa118-work/run "$work/" &&
        sed "s|/tmp/qa118-work/run|$work/run|g" /tmp/qa118-work/qa.conf > "$work/qa.conf"
    while ss -ltn | grep -q ':10180 '; do sleep 0.5; done
    # exec: the pid is the exchange's JVM's (bin/tessera execs java), which the kill below must reach
    (cd "$work" && exec "$root/bin/tessera" --config "$work/qa.conf" > server.out 2> server.err < /dev/null) &
    echo $! > "$work/server.pid"
    for i in $(seq 1 60); do grep -q 'listening' "$work/server.out" 2>/dev/null && break; sleep 0.5; done
    (cd /tmp/qa118-work && timeout 60 python3 probe.py 10 "$work/base.json" > /dev/null 2>&1)
    (cd /tmp/qa118-work && timeout 60 python3 spam.py 12 20 > "$work/spam.out" 2>&1 &)
    sleep 1
    (cd /tmp/qa118-work && timeout 60 python3 probe.py 10 "$work/spam.json" > /dev/null 2>&1)
    sleep 4
    pid="$(cat "$work/server.pid")"
    kill "$pid"
    # Until it has gone (an old build still answering a backlog of resends can take long to stop), then the port.
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null && echo "(tree $tree: killed -9 after 30 s of shutdown)" | tee -a "$out"
    while ss -ltn | grep -q ':10180 '; do sleep 0.5; done
    echo "RESULT tree=$tree alone=$(cat "$work/base.json") with_resend_loop=$(cat "$work/spam.json") spam=$(cat "$work/spam.out")" | tee -a "$out"
done
