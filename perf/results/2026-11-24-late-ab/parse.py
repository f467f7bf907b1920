import re, statistics, sys
def load(path):
    cur = None; res = {'old': {}, 'new': {}}; lat = {'old': [], 'new': []}
    for line in open(path):
        m = re.match(r'=== pair (\d+) (\w+)', line)
        if m:
            cur = m.group(2); p = int(m.group(1)); continue
        if line.startswith('RESULT'):
            d = dict(kv.split('=', 1) for kv in line.split()[1:] if '=' in kv)
            if d['step'] == 'throughput':
                res[cur][p] = int(d['achieved'])
            else:
                lat[cur].append((int(d['p50']) / 1000, int(d['p99']) / 1000))
    return res, lat
allr = {'old': [], 'new': []}; ratios = []; alll = {'old': [], 'new': []}
for path in sys.argv[1:]:
    res, lat = load(path)
    for t in res:
        allr[t] += [res[t][p] for p in sorted(res[t])]
        alll[t] += lat[t]
    r = [round(res['new'][p] / res['old'][p], 2) for p in sorted(res['old'])]
    ratios += r
    print(path, 'old', [res['old'][p] for p in sorted(res['old'])], 'new', [res['new'][p] for p in sorted(res['new'])],
          'median old', statistics.median(res['old'].values()), 'new', statistics.median(res['new'].values()), 'pair ratios', r)
print('both: median old', statistics.median(allr['old']), 'new', statistics.median(allr['new']),
      'new/old', round(statistics.median(allr['new']) / statistics.median(allr['old']), 3), 'pair ratios median', statistics.median(ratios))
for t in alll:
    print(t, '20k/s p50 median', round(statistics.median(x for x, _ in alll[t]), 1), 'us, p99 median', round(statistics.median(y for _, y in alll[t])), 'us')
