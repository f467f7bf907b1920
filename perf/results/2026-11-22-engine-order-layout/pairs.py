import sys, re, statistics as st
# usage: pairs.py FILE A B : pairs fork i of A with fork i of B
f, a, b = sys.argv[1:4]
score = {}; best = {}
for line in open(f):
    m = re.match(r'== (\S+) fork (\d+) .*: ([0-9.]+) \|(.*)', line)
    if not m: continue
    v, i, s, its = m.group(1), int(m.group(2)), float(m.group(3)), [float(x) for x in m.group(4).split()]
    score[(v, i)] = s; best[(v, i)] = max(its[-3:]) if its else s
pairs = sorted(i for (v, i) in score if v == a and (b, i) in score)
r = [score[(b, i)] / score[(a, i)] for i in pairs]
rb = [best[(b, i)] / best[(a, i)] for i in pairs]
print(f"{len(pairs)} pairs; median {a} {st.median(score[(a,i)] for i in pairs):.2f} {b} {st.median(score[(b,i)] for i in pairs):.2f}")
print(f"ratio {b}/{a}: median {st.median(r):.3f}  mean {st.mean(r):.3f}  wins {sum(x>1 for x in r)}/{len(r)}")
print(f"best-iteration ratio: median {st.median(rb):.3f}; best {a} {st.median(best[(a,i)] for i in pairs):.2f} {b} {st.median(best[(b,i)] for i in pairs):.2f}")
