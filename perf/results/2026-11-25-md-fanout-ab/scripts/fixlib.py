import socket, time, threading, datetime, collections
SOH='\x01'
def ts():
    return datetime.datetime.utcnow().strftime('%Y%m%d-%H:%M:%S.%f')[:-3]
def build(fields, seq, sender, target='TESSERA'):
    msgtype=fields[0][1]
    body=[('35',msgtype),('49',sender),('56',target),('34',str(seq)),('52',ts())]+list(fields[1:])
    b=SOH.join('%s=%s'%(k,v) for k,v in body)+SOH
    m='8=FIX.4.4'+SOH+'9=%d'%len(b)+SOH+b
    cs=sum(m.encode())%256
    return m+'10=%03d'%cs+SOH
def parse(raw):
    out=[]
    for f in raw.split(SOH):
        if not f: continue
        k,_,v=f.partition('=')
        out.append((k,v))
    return out
class Session:
    def __init__(self, port, sender, pw, reset=True, hb=30, onmsg=None):
        self.sender=sender; self.seq=1
        self.sock=socket.create_connection(('127.0.0.1',port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY,1)
        self.buf=b''; self.lock=threading.Lock()
        self.msgs=collections.deque(); self.onmsg=onmsg
        self.closed=False; self.count=collections.Counter(); self.bytes_in=0
        logon=[('35','A'),('98','0'),('108',str(hb)),('554',pw)]
        if reset: logon.append(('141','Y'))
        self.send(logon)
        self.reader=threading.Thread(target=self._read,daemon=True); self.reader.start()
    def send(self, fields):
        with self.lock:
            m=build(fields,self.seq,self.sender); self.seq+=1
            self.sock.sendall(m.encode())
    def sendraw_many(self, list_of_fields):
        with self.lock:
            data=[]
            for f in list_of_fields:
                data.append(build(f,self.seq,self.sender)); self.seq+=1
            self.sock.sendall(''.join(data).encode())
    def _read(self):
        while True:
            try: d=self.sock.recv(1<<20)
            except OSError: break
            if not d: break
            self.bytes_in+=len(d)
            self.buf+=d
            while True:
                i=self.buf.find(b'\x0110=')
                if i<0: break
                j=self.buf.find(b'\x01',i+1)
                if j<0: break
                raw=self.buf[:j+1].decode('latin1'); self.buf=self.buf[j+1:]
                f=parse(raw); d_=dict(f)
                t=d_.get('35'); self.count[t]+=1
                if t=='1':
                    self.send([('35','0'),('112',d_.get('112',''))])
                if self.onmsg: self.onmsg(self,f,d_,raw)
                else: self.msgs.append(d_)
        self.closed=True
    def logout(self):
        try:
            self.send([('35','5')]); time.sleep(0.5); self.sock.close()
        except OSError: pass
