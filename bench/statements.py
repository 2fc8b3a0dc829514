#!/usr/bin/env python3
"""statements.py — periodic sequences of fixed length from the shared Berka half (issue 22).

  build   REAL_DIR OUT_DIR K      accounts opened early enough for K monthly statements in the
                                  window; statement.csv: one row per account and month 1..K
                                  (month 1 = the opening month): month-end balance, credits and
                                  debits of the month; loan.csv: their loans (status A-D)
  folds   DIR FOLDS SEED          DIR/fold-F/{train,test}/: accounts split in FOLDS, each
                                  account's statements and loans with it
  flatten DIR K OUT.csv [all]     one row per account with a loan (all: every account, the loan's
                                  columns empty without one): its columns, every month's
                                  balance/credits/debits, the loan's columns and `bad` (B, D)
  loans FLAT.csv OUT.csv          the rows of a flat table that have a loan
  check   DIR K                   prints how many accounts have exactly K statements, months 1..K
  auc     SCORES.csv FLAT.csv     ROC-AUC of SCORES' probability against FLAT's `bad`
Standard library only.
"""
import csv
import os
import random
import sys

MONTH_COLUMNS = ['balance', 'credits', 'debits']
LOAN_COLUMNS = ['amount', 'duration', 'payments']


def read(path):
    with open(path, newline='') as f:
        return list(csv.DictReader(f))


def write(path, header, rows):
    with open(path + '.tmp', 'w', newline='') as f:
        w = csv.DictWriter(f, header, lineterminator='\n')
        w.writeheader()
        w.writerows(rows)
    os.replace(path + '.tmp', path)


def month_number(yymmdd):  # months since 1900-01
    return (1900 + int(yymmdd[:2])) * 12 + int(yymmdd[2:4]) - 1


def metadata():
    dt = {'sdtype': 'datetime', 'datetime_format': '%y%m%d'}
    return {
        'riskgan_metadata_version': 1,
        'tables': {
            'account': {'path': 'account.csv', 'primary_key': 'account_id', 'columns': {
                'account_id': {'sdtype': 'id'}, 'district_id': {'sdtype': 'categorical'},
                'frequency': {'sdtype': 'categorical'}, 'date': dt}},
            'statement': {'path': 'statement.csv', 'primary_key': 'statement_id', 'sequence_key': 'account_id',
                          'sequence_index': 'month', 'columns': {
                              'statement_id': {'sdtype': 'id'}, 'account_id': {'sdtype': 'id'},
                              'month': {'sdtype': 'numerical'}, 'balance': {'sdtype': 'numerical'},
                              'credits': {'sdtype': 'numerical'}, 'debits': {'sdtype': 'numerical'}}},
            'loan': {'path': 'loan.csv', 'primary_key': 'loan_id', 'sequence_key': 'account_id',
                     'sequence_index': 'date', 'columns': {
                         'loan_id': {'sdtype': 'id'}, 'account_id': {'sdtype': 'id'}, 'date': dt,
                         'amount': {'sdtype': 'numerical'}, 'duration': {'sdtype': 'numerical'},
                         'payments': {'sdtype': 'numerical'}, 'status': {'sdtype': 'categorical'}}}},
        'relationships': [
            {'parent_table_name': 'account', 'parent_primary_key': 'account_id',
             'child_table_name': t, 'child_foreign_key': 'account_id'} for t in ('statement', 'loan')]}


def write_metadata(out):
    import json
    with open(os.path.join(out, 'metadata.json'), 'w') as f:
        json.dump(metadata(), f, indent=1)


def build(real, out, k_months):
    k_months = int(k_months)
    os.makedirs(out, exist_ok=True)
    accounts, trans, loans = (read(os.path.join(real, t + '.csv')) for t in ('account', 'trans', 'loan'))
    last = max(month_number(t['date']) for t in trans)
    kept = [a for a in accounts if month_number(a['date']) + k_months - 1 <= last]
    by_account = {a['account_id']: [] for a in kept}
    for t in trans:
        if t['account_id'] in by_account:
            by_account[t['account_id']].append(t)
    statements, next_id = [], 1
    for a in kept:
        events = sorted(by_account[a['account_id']], key=lambda t: (t['date'], int(t['trans_id'])))
        first, balance = month_number(a['date']), 0.0
        for m in range(k_months):
            month = [t for t in events if month_number(t['date']) == first + m]
            credits = sum(float(t['amount']) for t in month if t['type'] == 'PRIJEM')
            debits = sum(float(t['amount']) for t in month if t['type'] != 'PRIJEM')
            if month:
                balance = float(month[-1]['balance'])
            statements.append({'statement_id': next_id, 'account_id': a['account_id'], 'month': m + 1,
                               'balance': f'{balance:.2f}', 'credits': f'{credits:.2f}', 'debits': f'{debits:.2f}'})
            next_id += 1
    ids = set(by_account)
    write(os.path.join(out, 'account.csv'), list(accounts[0].keys()), kept)
    write(os.path.join(out, 'statement.csv'), ['statement_id', 'account_id', 'month'] + MONTH_COLUMNS, statements)
    write(os.path.join(out, 'loan.csv'), list(loans[0].keys()), [l for l in loans if l['account_id'] in ids])
    write_metadata(out)


def folds(directory, n_folds, seed):
    n_folds, rng = int(n_folds), random.Random(int(seed))
    tables = {t: read(os.path.join(directory, t + '.csv')) for t in ('account', 'statement', 'loan')}
    with_loan = {l['account_id'] for l in tables['loan']}
    # stratified: accounts with a bad loan, with a good one, without, each dealt round the folds
    bad = {l['account_id'] for l in tables['loan'] if l['status'] in ('B', 'D')}
    groups = [[a['account_id'] for a in tables['account'] if (a['account_id'] in bad, a['account_id'] in with_loan) == g]
              for g in ((True, True), (False, True), (False, False))]
    fold_of = {}
    for g in groups:
        rng.shuffle(g)
        for i, a in enumerate(g):
            fold_of[a] = i % n_folds
    for f in range(n_folds):
        for part, keep in (('train', lambda a: fold_of[a] != f), ('test', lambda a: fold_of[a] == f)):
            out = os.path.join(directory, f'fold-{f}', part)
            os.makedirs(out, exist_ok=True)
            for t, rows in tables.items():
                write(os.path.join(out, t + '.csv'), list(rows[0].keys()), [r for r in rows if keep(r['account_id'])])
            write_metadata(out)


def flatten(directory, k_months, out, which='loans'):
    k_months = int(k_months)
    accounts = read(os.path.join(directory, 'account.csv'))
    loans = {l['account_id']: l for l in read(os.path.join(directory, 'loan.csv'))}
    months = {}
    for s in read(os.path.join(directory, 'statement.csv')):
        months.setdefault(s['account_id'], {})[int(float(s['month']))] = s
    header = ['district_id', 'frequency', 'date'] + \
        [f'{c}_{m}' for m in range(1, k_months + 1) for c in MONTH_COLUMNS] + ['loan_date'] + LOAN_COLUMNS + ['bad']
    rows = []
    for a in accounts:
        loan = loans.get(a['account_id'])
        if loan and loan['status'] == '':
            loan = None  # a generated loan without a status labels nothing
        if not loan and which != 'all':
            continue
        row = {c: a[c] for c in ('district_id', 'frequency', 'date')}
        for m in range(1, k_months + 1):
            s = months.get(a['account_id'], {}).get(m, {})
            for c in MONTH_COLUMNS:
                row[f'{c}_{m}'] = s.get(c, '')
        row['loan_date'] = loan['date'] if loan else ''
        row.update({c: loan[c] if loan else '' for c in LOAN_COLUMNS})
        row['bad'] = ('yes' if loan['status'] in ('B', 'D') else 'no') if loan else ''
        rows.append(row)
    write(out, header, rows)


def loans(flat, out):
    rows = read(flat)
    write(out, list(rows[0].keys()), [r for r in rows if r['bad'] in ('yes', 'no')])


def check(directory, k_months):
    k_months = int(k_months)
    accounts = read(os.path.join(directory, 'account.csv'))
    months = {}
    for s in read(os.path.join(directory, 'statement.csv')):  # file order
        months.setdefault(s['account_id'], []).append(float(s['month']))
    exact = sum(months.get(a['account_id'], []) == [float(m) for m in range(1, k_months + 1)] for a in accounts)
    print(f'{exact} of {len(accounts)} accounts have exactly {k_months} statements, months 1..{k_months} in order')


def roc_auc(p, y):
    pos = [s for s, t in zip(p, y) if t]
    neg = [s for s, t in zip(p, y) if not t]
    wins = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


def auc(scores_path, flat_path):
    """The AUC, and a 90 % interval from 1,000 bootstrap resamples of the customers."""
    p = [float(r['probability']) for r in read(scores_path)]
    y = [r['bad'] == 'yes' for r in read(flat_path)]
    rng, draws = random.Random(0), []
    while len(draws) < 1000:
        pick = [rng.randrange(len(p)) for _ in p]
        yy = [y[i] for i in pick]
        if any(yy) and not all(yy):
            draws.append(roc_auc([p[i] for i in pick], yy))
    draws.sort()
    print(f'{roc_auc(p, y):.4f} (90 % bootstrap interval {draws[50]:.3f}-{draws[950]:.3f}; '
          f'{sum(y)} bad of {len(y)})')


if __name__ == '__main__':
    commands = {'build': build, 'folds': folds, 'flatten': flatten, 'loans': loans, 'check': check,
                'auc': auc}
    commands[sys.argv[1]](*sys.argv[2:])
