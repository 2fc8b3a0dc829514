#!/usr/bin/env python3
"""scorecard_bins.py — a table's features replaced by the labels of their bins.

Usage: scorecard_bins.py BINS.csv TARGET IN.csv OUT.csv
BINS.csv is what `riskgan risk bin -o` writes (feature,bin,...): numeric bins are labelled
"(low, high]", "missing" or a special value; categorical bins list their categories joined
by ", ". Every feature of BINS.csv is replaced by "b:" + its bin's label (so that the bins
read as categories); the target is kept; other columns are dropped. A value no bin takes
(a category not seen in training) becomes "b:unseen". For the one-hot-bins logistic
regression of bench/scorecard.sh.
"""
import csv
import math
import sys


def parse_bins(path):
    features = {}
    for row in csv.DictReader(open(path, newline='')):
        features.setdefault(row['feature'], []).append(row['bin'])
    return features


def number(text):
    return {'-inf': -math.inf, 'inf': math.inf}.get(text.strip(), None) if text.strip() in ('-inf', 'inf') \
        else float(text)


def bin_of(labels, value):
    if value == '' or value is None:
        return 'missing' if 'missing' in labels else 'unseen'
    for label in labels:  # categories, specials and missing first
        if label.startswith('(') and label.endswith(']'):
            continue
        if label == 'missing':
            continue
        if value in label.split(', ') or (label == value):
            return label
    try:
        x = float(value)
    except ValueError:
        return 'unseen'
    for label in labels:
        if label.startswith('(') and label.endswith(']'):
            low, high = label[1:-1].split(', ')
            if number(low) < x <= number(high):
                return label
    return 'unseen'


def main():
    bins, target, source, out = parse_bins(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    rows = list(csv.DictReader(open(source, newline='')))
    with open(out, 'w', newline='') as f:
        w = csv.writer(f)
        names = list(bins)
        w.writerow(names + [target])
        for row in rows:
            w.writerow(['b:' + bin_of(bins[n], row[n]) for n in names] + [row[target]])


main()
