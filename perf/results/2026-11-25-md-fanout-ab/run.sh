#!/bin/bash
# One MD-cost run: build ($1 = old|new), label ($2). QA 135 D1's reproduction: 2,000 instruments, a book of 5
# levels a side on each, then a probe session's order round trip with an all-symbols subscriber off and on.
b=$1; label=$2; d=/tmp/mdab/$label
rm -rf $d; mkdir -p $d
sed "s#/tmp/qa135-work/#$d/#g" /tmp/qa135-work/big.conf > $d/big.conf
/tmp/ab-$b/bin/tessera --config $d/big.conf > $d/ex.out 2> $d/ex.err &
pid=$!
for i in $(seq 1 150); do grep -q "FIX gateway\|listening" $d/ex.out $d/ex.err 2>/dev/null && break; sleep 0.2; done
sleep 2
python3 /tmp/qa135-work/build_book.py 10380 M06 pw06 1 2000 5 B > $d/book.out 2>&1
sleep 2
python3 /tmp/qa135-work/ab.py 10380 2000 5 2 1 > $d/ab.out 2>&1
cp /tmp/qa135-work/lat-ab.txt $d/lat-ab.txt
kill $pid; wait $pid
echo "== $label ($b, $(git -C /tmp/ab-$b log --oneline -1 | cut -c1-7)) load $(cut -d' ' -f1 /proc/loadavg)"; grep ALL $d/ab.out
