#!/usr/bin/env python3
"""relational_floor.py — the independent floor for linked tables (issue 22's yardstick).

The simplest generator that keeps every table's own distribution: root rows resampled with
replacement, each given a child count drawn from the real counts of every child table (zeros
included), and its child rows drawn independently from all real child rows. Keys are fresh;
every other value is a real one. Standard library only.

Usage: relational_floor.py --real DIR --root account --key account_id \
           --child trans:trans_id --child loan:loan_id --seed 1 --out DIR
"""
import argparse
import csv
import os
import random


def read_table(path):
    with open(path, newline='') as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_table(path, header, rows):
    tmp = path + '.tmp'
    with open(tmp, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(header)
        w.writerows(rows)
    os.replace(tmp, path)


def child_counts(rows, fk_col, parent_keys):
    counts = {k: 0 for k in parent_keys}
    for r in rows:
        counts[r[fk_col]] = counts.get(r[fk_col], 0) + 1
    return [counts[k] for k in parent_keys]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--real', required=True)
    ap.add_argument('--root', required=True)
    ap.add_argument('--key', required=True, help='the root primary key (children name it too)')
    ap.add_argument('--child', action='append', default=[], help='TABLE:PRIMARY_KEY')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)

    header, roots = read_table(os.path.join(a.real, a.root + '.csv'))
    key = header.index(a.key)
    real_keys = [r[key] for r in roots]
    fresh = [str(900000000 + i) for i in range(len(roots))]
    out_roots = []
    for k in fresh:
        r = list(rng.choice(roots))
        r[key] = k
        out_roots.append(r)
    write_table(os.path.join(a.out, a.root + '.csv'), header, out_roots)

    for spec in a.child:
        table, pk = spec.split(':')
        ch_header, ch_rows = read_table(os.path.join(a.real, table + '.csv'))
        fk, own = ch_header.index(a.key), ch_header.index(pk)
        counts = child_counts(ch_rows, fk, real_keys)
        out, next_id = [], 800000000
        for k in fresh:
            for _ in range(rng.choice(counts)):
                r = list(rng.choice(ch_rows))
                r[fk], r[own] = k, str(next_id)
                next_id += 1
                out.append(r)
        write_table(os.path.join(a.out, table + '.csv'), ch_header, out)


if __name__ == '__main__':
    main()
