import sys, time, threading, subprocess
sys.path.insert(0,'/tmp/qa135-work')
from fixlib import Session, ts
from inst import inst
port=int(sys.argv[1]); nsubs=int(sys.argv[2]); depth=sys.argv[3]; cycles=int(sys.argv[4]); sessions=int(sys.argv[5]) if len(sys.argv)>5 else 1
syms=[inst(i)['symbol'] for i in range(1,nsubs+1)]
def req(reqid, ss):
    f=[('35','V'),('262',reqid),('263','1'),('264',depth),('265','1'),('267','3'),('269','0'),('269','1'),('269','2'),('146',str(len(ss)))]
    return f+[('55',x) for x in ss]
lat=subprocess.Popen(['python3','/tmp/qa135-work/lat.py',str(port),str(cycles*12+4),'/tmp/qa135-work/lat-ab.txt'])
time.sleep(2)
phases=[]
for c in range(cycles):
    a=time.time(); time.sleep(6); phases.append(('off',a,time.time()))
    mds=[Session(port,'MD%d'%(k+1),'md%d'%(k+1),onmsg=lambda *x: None) for k in range(sessions)]
    time.sleep(0.3)
    for m in mds: m.sendraw_many([req('R%d_%d'%(c,j),syms[j:j+200]) for j in range(0,len(syms),200)])
    time.sleep(1.0)
    a=time.time(); time.sleep(5); phases.append(('on',a,time.time()))
    for m in mds: m.logout()
lat.wait()
rows=[tuple(map(float,l.split())) for l in open('/tmp/qa135-work/lat-ab.txt')]
def pct(v,p): v=sorted(v); return v[min(len(v)-1,int(p/100*len(v)))] if v else -1
agg={'on':[], 'off':[]}
for name,a,b in phases:
    v=[x[1] for x in rows if a<=x[0]<=b]; agg[name]+=v
    print(name,'n=%d p50=%.0f p90=%.0f p99=%.0f'%(len(v),pct(v,50),pct(v,90),pct(v,99)))
for k,v in agg.items(): print('ALL',k,'n=%d p50=%.0f p90=%.0f p99=%.0f'%(len(v),pct(v,50),pct(v,90),pct(v,99)))
