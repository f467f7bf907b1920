import sys, time
sys.path.insert(0,'/tmp/qa135-work')
from fixlib import Session, ts
from inst import inst
port=int(sys.argv[1]); sender=sys.argv[2]; pw=sys.argv[3]; lo=int(sys.argv[4]); hi=int(sys.argv[5]); levels=int(sys.argv[6]); prefix=sys.argv[7]
s=Session(port,sender,pw,onmsg=lambda *a: None); time.sleep(0.5)
n=0; t0=time.time(); batch=[]
for i in range(lo,hi+1):
    I=inst(i)
    for l in range(1,levels+1):
        for side,sg in (('1',-1),('2',1)):
            px=I['ref']+sg*l*I['tick']
            batch.append([('35','D'),('11','%s%d_%d%s'%(prefix,i,l,side)),('55',I['symbol']),('54',side),('38',str(I['lot']*l)),('40','2'),('44',str(px)),('59','1'),('60',ts())])
            n+=1
    if len(batch)>=40:
        s.sendraw_many(batch); batch=[]
        dt=t0+n/2000-time.time()
        if dt>0: time.sleep(dt)
if batch: s.sendraw_many(batch)
time.sleep(2)
print(sender,'sent',n,'in %.1fs'%(time.time()-t0),dict(s.count))
s.logout()
