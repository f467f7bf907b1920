import sys, random
# gen.py OUT N_INSTR [mistakes] [extra_start extra_n] [skip ids...]
out=sys.argv[1]; n=int(sys.argv[2]); mistakes=len(sys.argv)>3 and sys.argv[3]=='mistakes'
extra=int(sys.argv[4]) if len(sys.argv)>4 else 0
skip=set(int(x) for x in sys.argv[5:]) if len(sys.argv)>5 else set()
W='/tmp/qa135-work'
stp=['none','cancel-resting','cancel-incoming','cancel-both']
def inst(i):
    k=i%6
    # types: 0: tick .01 scale 2 lot 1; 1: tick .0001 scale 4 lot 100; 2: tick .05 scale 2 lot 10; 3: tick .01 scale 6 lot 1; 4: tick .0001 scale 6 lot 10; 5: tick 0.05 scale 3 lot 100
    t=[('0.01',2,1),('0.0001',4,100),('0.05',2,10),('0.01',6,1),('0.0001',6,10),('0.05',3,100)][k]
    ref={0:'100.00',1:'5.1234',2:'250.05',3:'42.17',4:'1.2345',5:'12.35'}[k]
    d=dict(symbol='S%04d'%i,id=i,tickSize=t[0],priceScale=t[1],lotSize=t[2],minQuantity=t[2],maxQuantity=t[2]*10000,referencePrice=ref,priceBandBps=[0,500,1000,2000][i%4],selfTradePrevention=stp[i%4])
    return d
L=[]
L.append('journal { directory = "%s/journal", snapshotDirectory = "%s/snapshots", archiveDirectory = "%s/archive", snapshotIntervalRecords = 20000, snapshotsToKeep = 3 }'%(W,W,W))
L.append('gateway { port = 10380, stateDirectory = "%s/sessions", doneOrders = 40000, maxMarketDataSubscriptions = 5000 }'%W)
L.append('trading.dayEnd = none')
L.append('instruments = [')
ids=[i for i in range(1,n+1) if i not in skip]+list(range(n+1,n+1+extra))
for idx,i in enumerate(ids):
    d=inst(i)
    if mistakes:
        if idx==1536: d['symbol']='S0007'   # duplicate symbol at entry 1537 (index 1536)
        if idx==1800: d['id']=5              # duplicate id
        if idx==1900: d['referencePrice']='100.003' if d['priceScale']>=3 else '100.3'  # off tick
    L.append('  { '+', '.join('%s = %s'%(k,('"%s"'%v if k in('symbol','selfTradePrevention') else v)) for k,v in d.items())+' }')
L.append(']')
L.append('gateway.sessions = [')
for s in range(1,51):
    bad=', throtleMessagesPerSecond = 5000' if (mistakes and s==37) else ''
    L.append('  { compId = "M%02d", ownerId = %d, password = "pw%02d"%s }'%(s,s,s,bad))
for s in range(1,4):
    L.append('  { compId = "MD%d", ownerId = %d, password = "md%d" }'%(s,100+s,s))
L.append(']')
open(out,'w').write('\n'.join(L)+'\n')
