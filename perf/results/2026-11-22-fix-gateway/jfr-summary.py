import sys, re, collections, subprocess
out = subprocess.run(['jfr','print','--stack-depth','64','--events',(sys.argv[5] if len(sys.argv)>5 else 'jdk.ExecutionSample'),sys.argv[1]],capture_output=True,text=True).stdout
events = out.split((sys.argv[5] if len(sys.argv)>5 else 'jdk.ExecutionSample')+' {')
top = collections.Counter(); incl = collections.Counter(); threads = collections.Counter()
n=0
for e in events:
    m = re.search(r'sampledThread = "([^"]+)"', e)
    if not m: continue
    t = m.group(1)
    if len(sys.argv) > 2 and sys.argv[2] not in t: continue
    frames = re.findall(r'^\s+([\w.$<>]+\([^)]*\))\s+line:', e, re.M)
    if not frames: continue
    n+=1; threads[t]+=1
    top[frames[0]]+=1
    for f in set(frames): incl[f]+=1
print("samples", n, threads.most_common(8))
print("--- self (top frame)")
for f,c in top.most_common(int(sys.argv[3]) if len(sys.argv)>3 else 25): print(f"{100*c/n:5.1f}% {f}")
print("--- inclusive")
for f,c in incl.most_common(int(sys.argv[4]) if len(sys.argv)>4 else 40): print(f"{100*c/n:5.1f}% {f}")
