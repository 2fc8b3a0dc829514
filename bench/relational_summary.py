#!/usr/bin/env python3
"""relational_summary.py — the table of bench/relational.sh: medians over seeds per generator.

Reads OUT/GEN-SEED.json (accounts, transactions, loans) and OUT/GEN-SEED-at.json (accounts and
transactions only, the tables every generator makes) written by `riskgan evaluate --json`, and
OUT/GEN-SEED.time (/usr/bin/time: seconds, peak KiB). Prints a Markdown table.
"""
import glob
import json
import os
import re
import statistics
import sys

GENERATORS = ['riskgan', 'floor', 'sdv_par', 'sdv_hma']
ROWS = [  # label, file kind ('at' or 'full'), path in the evaluation JSON, index of [real, synthetic]
    ('transactions kept by the running balance', 'at', 'children.trans.rules.balance', 1),
    ('first balance starts from zero', 'at', 'children.trans.rules.first_balance', 1),
    ('transactions not before the account opened', 'at', 'children.trans.rules.after_parent', 1),
    ('first transaction a deposit (VKLAD)', 'at', 'children.trans.first_events.operation.share', 1),
    ('transactions per account KS', 'at', 'children.trans.children_ks', None),
    ('accounts without transactions', 'at', 'children.trans.children_zero_share', 1),
    ('event accuracy 1 - TVD (trans)', 'at', 'children.trans.events.accuracy', None),
    ('  univariate', 'at', 'children.trans.events.univariate_accuracy', None),
    ('  bivariate', 'at', 'children.trans.events.bivariate_accuracy', None),
    ('event detection AUC (trans)', 'at', 'children.trans.events.detection_auc', None),
    ('profile detection AUC (account + trans)', 'at', 'profiles.account.detection_auc', None),
    ('profile detection AUC (account + trans + loan)', 'full', 'profiles.account.detection_auc', None),
    ('loans per account KS', 'full', 'children.loan.children_ks', None),
    ('event accuracy 1 - TVD (loan)', 'full', 'children.loan.events.accuracy', None),
    ('event detection AUC (loan)', 'full', 'children.loan.events.detection_auc', None),
    ('TSTR loan default (B, D)', 'full', 'utility.tstr_auc', None),
    ('real keys reused', 'at', 'privacy.real_keys_reused', None),
    ('exact copies of a real profile', 'at', 'profiles.account.exact_profile_copies', None),
]
REAL = {  # the real share, read from any evaluation
    'transactions kept by the running balance': ('children.trans.rules.balance', 0),
    'first balance starts from zero': ('children.trans.rules.first_balance', 0),
    'transactions not before the account opened': ('children.trans.rules.after_parent', 0),
    'first transaction a deposit (VKLAD)': ('children.trans.first_events.operation.share', 0),
    'accounts without transactions': ('children.trans.children_zero_share', 0),
    'TSTR loan default (B, D)': ('utility.trtr_auc', None),
}


def get(doc, path, index):
    for part in path.split('.'):
        if not isinstance(doc, dict) or part not in doc:
            return None
        doc = doc[part]
    if index is not None:
        doc = doc[index] if isinstance(doc, list) else None
    return doc if isinstance(doc, (int, float)) else None


def evaluations(out, gen, kind):
    pattern = os.path.join(out, f'{gen}-*-at.json' if kind == 'at' else f'{gen}-*.json')
    files = [f for f in glob.glob(pattern) if kind == 'at' or not f.endswith('-at.json')]
    return [json.load(open(f)) for f in sorted(files)]


def seconds(out, gen):
    runs = []
    for f in glob.glob(os.path.join(out, f'{gen}-*.time')):
        m = re.search(r'([\d.]+) s (\d+) KiB', open(f).read())
        if m:
            runs.append((float(m.group(1)), int(m.group(2)) / 1024))
    return runs


def cell(values):
    values = [v for v in values if v is not None]
    if not values:
        return '–'
    m = statistics.median(values)
    text = f'{m:.3f}' if abs(m) < 10 else f'{m:.0f}'
    return text + (f' ({len(values)})' if len(values) > 1 else '')


def main():
    out = sys.argv[1]
    gens = [g for g in GENERATORS if evaluations(out, g, 'at')]
    any_eval = evaluations(out, gens[0], 'full') or evaluations(out, gens[0], 'at')
    print('| measure | real | ' + ' | '.join(gens) + ' |')
    print('|---|---|' + '---|' * len(gens))
    for label, kind, path, index in ROWS:
        real = REAL.get(label)
        real_text = cell([get(d, *real) for d in any_eval]) if real else '–'
        cells = [cell([get(d, path, index) for d in evaluations(out, g, kind)]) for g in gens]
        print(f'| {label} | {real_text} | ' + ' | '.join(cells) + ' |')
    times = [seconds(out, g) for g in gens]
    print('| fit seconds (riskgan: fit command; SDV: its script, fit + sample) | – | ' +
          ' | '.join(cell([t for t, _ in runs]) for runs in times) + ' |')
    print('| peak memory, MiB | – | ' + ' | '.join(cell([m for _, m in runs]) for runs in times) + ' |')
    print('\n(n) = median of n runs; one value = one run. Cells read [synthetic] of each [real, synthetic] pair.')


if __name__ == '__main__':
    main()
