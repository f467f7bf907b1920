import mmap, time, sys
n = int(sys.argv[1]) << 20
m = mmap.mmap(-1, n, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
t = time.perf_counter()
for off in range(0, n, 4096):
    m[off] = 1
d = time.perf_counter() - t
print(f"{n>>20} MiB: {d*1e6/(n/4096):.2f} us/page")
t = time.perf_counter()
for off in range(0, n, 4096):
    m[off] = 2
d2 = time.perf_counter() - t
print(f"  second touch (no fault): {d2*1e6/(n/4096):.2f} us/page")
