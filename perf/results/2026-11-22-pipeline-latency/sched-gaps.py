import re,sys,collections
pat=re.compile(r'\[(\d+)\]\s+([\d.]+): sched:sched_switch: prev_comm=(.*?) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*?) next_pid=(\d+)')
out={}  # pid -> time switched out
gaps=collections.defaultdict(list)
running={}  # cpu -> (comm,pid,since)
names={}
ran_during=collections.defaultdict(collections.Counter)
events=[]
for line in open(sys.argv[1]):
    m=pat.search(line)
    if not m: continue
    cpu,t,pc,pp,ps,nc,np=m.groups(); t=float(t); pp=int(pp); np=int(np)
    names[pp]=pc; names[np]=nc
    events.append((t,cpu,pc,pp,ps,nc,np))
    if pp!=0: out[pp]=(t,ps)
    if np in out:
        t0,st=out.pop(np)
        gaps[np].append((t-t0,t0,st))
watch=[p for p,n in names.items() if n in ('tessera-engine','java','consumer')]
for p in watch:
    g=sorted(gaps[p],reverse=True)[:6]
    print(names[p],p,'gaps>1ms:',sum(1 for x in gaps[p] if x[0]>0.001),'total off ms>1ms:',round(1000*sum(x[0] for x in gaps[p] if x[0]>0.001),1))
    for d,t0,st in g: print('   %.2f ms at %.4f state %s'%(d*1000,t0,st))
# who ran during the top engine gap
eng=[p for p,n in names.items() if n=='tessera-engine'][0]
d,t0,st=max(gaps[eng])
c=collections.Counter()
prev={}
for (t,cpu,pc,pp,ps,nc,np) in events:
    if t0<=t<=t0+d:
        c[nc]+=1
print('switched-in during top engine gap:',c.most_common(12))
