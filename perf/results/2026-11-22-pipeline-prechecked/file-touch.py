import mmap, time, sys, os
path, mb, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
n = mb << 20
fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
if mode == 'falloc':
    os.posix_fallocate(fd, 0, n)
else:
    os.ftruncate(fd, n)
m = mmap.mmap(fd, n, flags=mmap.MAP_SHARED)
t = time.perf_counter()
for off in range(0, n, 4096):
    m[off] = 1
d = time.perf_counter() - t
print(f"{path} {mode} {mb} MiB: {d*1e6/(n/4096):.2f} us/page")
m.close(); os.close(fd); os.unlink(path)
