from decimal import Decimal as D
def inst(i):
    k=i%6
    t=[('0.01',2,1),('0.0001',4,100),('0.05',2,10),('0.01',6,1),('0.0001',6,10),('0.05',3,100)][k]
    ref={0:'100.00',1:'5.1234',2:'250.05',3:'42.17',4:'1.2345',5:'12.35'}[k]
    return dict(symbol='S%04d'%i,id=i,tick=D(t[0]),scale=t[1],lot=t[2],ref=D(ref),band=[0,500,1000,2000][i%4],stp=['none','cancel-resting','cancel-incoming','cancel-both'][i%4])
