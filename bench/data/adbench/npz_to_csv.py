import zipfile, struct, ast, sys
def load(npz):
    z = zipfile.ZipFile(npz); out = {}
    for name in z.namelist():
        b = z.read(name); assert b[:6] == b'\x93NUMPY'
        major = b[6]; hl = struct.unpack('<H', b[8:10])[0] if major == 1 else struct.unpack('<I', b[8:12])[0]
        start = 10 if major == 1 else 12
        h = ast.literal_eval(b[start:start+hl].decode('latin1')); data = b[start+hl:]
        dt = h['descr']; shape = h['shape']; n = 1
        for s in shape: n *= s
        fmt = {'<f8':'d','<f4':'f','<i8':'q','<i4':'i','|u1':'B','|b1':'?'}[dt]
        vals = struct.unpack('<%d%s' % (n, fmt), data[:n*struct.calcsize(fmt)])
        out[name[:-4]] = (shape, vals, h['fortran_order'])
    return out
npz, csv = sys.argv[1], sys.argv[2]
d = load(npz); (xs, xv, fo), (ys, yv, _) = d['X'], d['y']
rows, cols = xs
at = (lambda r, c: xv[c*rows + r]) if fo else (lambda r, c: xv[r*cols + c])
with open(csv, 'w') as f:
    f.write(','.join('x%d' % (j+1) for j in range(cols)) + ',anomaly\n')
    for r in range(rows):
        f.write(','.join(repr(float(at(r, c))) for c in range(cols)) + ',%d\n' % int(yv[r]))
print(csv, rows, cols, sum(int(v) for v in yv))
