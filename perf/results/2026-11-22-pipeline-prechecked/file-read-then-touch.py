import mmap, time, sys, os
path, mb, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb << 20
fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.ftruncate(fd, n)
t0 = time.perf_counter()
if mode == 'falloc':
    os.posix_fallocate(fd, 0, n)  # glibc: fallocate mode 0 (size already n)
t1 = time.perf_counter()
for off in range(0, n, 65536):
    os.pread(fd, 1, off)
t2 = time.perf_counter()
m = mmap.mmap(fd, n, flags=mmap.MAP_SHARED)
for off in range(0, n, 4096):
    m[off] = 1
t3 = time.perf_counter()
pages = n / 4096
print(f"{mode:6} {mb} MiB: fallocate {(t1-t0)*1e3:.1f} ms, read {(t2-t1)*1e6/pages:.2f} us/page, write-fault {(t3-t2)*1e6/pages:.2f} us/page, total {(t3-t0)*1e6/pages:.2f}")
m.close(); os.close(fd); os.unlink(path)
