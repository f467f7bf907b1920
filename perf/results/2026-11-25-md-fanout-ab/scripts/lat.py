import sys, time, threading
sys.path.insert(0,'/tmp/qa135-work')
from fixlib import Session, ts
port=int(sys.argv[1]); dur=float(sys.argv[2]); out=sys.argv[3]
ev=threading.Event(); got={}
def onmsg(s,f,d,raw):
    if d.get('35')=='8':
        got[d.get('11')]=time.perf_counter(); ev.set()
s=Session(port,'M10','pw10',onmsg=onmsg); time.sleep(0.5)
res=open(out,'w'); t_end=time.time()+dur; k=0
while time.time()<t_end:
    k+=1; cl='L%d'%k; ev.clear()
    t0=time.perf_counter()
    s.send([('35','D'),('11',cl),('55','S0006'),('54','1'),('38','1'),('40','2'),('44','95.00'),('59','0'),('60',ts())])
    while cl not in got: ev.wait(2); ev.clear()
    t1=got[cl]
    cc='C%d'%k
    s.send([('35','F'),('41',cl),('11',cc),('55','S0006'),('54','1'),('38','1'),('60',ts())])
    while cc not in got: ev.wait(2); ev.clear()
    res.write('%.6f %.1f\n'%(time.time(),(t1-t0)*1e6)); res.flush()
    time.sleep(0.01)
s.logout()
