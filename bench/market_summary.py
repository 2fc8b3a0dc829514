"""market_summary.py — the table of bench/market.sh: per data set, model and comparison (training
days / held-out days), the median over seeds of the mean scores, and per asset how often the GAN
beats each baseline; then the backtests and the times. Usage: market_summary.py OUT_DIR SEEDS"""
import json, statistics, sys

out, seeds = sys.argv[1], int(sys.argv[2])
keys = ["w1_1", "w1_20", "acf_absolute", "leverage"]

def load(name):
    with open(f"{out}/{name}.json") as f:
        return json.load(f)

def per_asset(doc, key):
    return [a[key] for a in doc["summary"]["assets"]]

for data in ["eu", "dj"]:
    for part, label in [("in", "training days"), ("out", "held-out days")]:
        print(f"\n{data}: against the {label} (median of {seeds} seeds)")
        print(f"{'model':10} {'W1 1d':>9} {'W1 20d':>9} {'ACF|r|':>8} {'leverage':>9} {'corr':>7} {'corr|r|':>8} "
              f"{'kurt in':>8} {'tails in':>8}")
        docs = {m: [load(f"{data}-{m}-{s}-{part}") for s in range(1, seeds + 1)] for m in ["gan", "garch", "bootstrap"]}
        for m, ds in docs.items():
            med = lambda k: statistics.median(d["summary"][k] for d in ds)
            print(f"{m:10} {med('mean_w1_1'):9.5f} {med('mean_w1_20'):9.5f} {med('mean_acf_absolute'):8.4f} "
                  f"{med('mean_leverage'):9.4f} {med('correlation_distance'):7.4f} {med('absolute_correlation_distance'):8.4f} "
                  f"{med('assets_kurtosis_within_real_range'):8.0f} {med('assets_tails_within_real_range'):8.0f}")
        n = len(docs["gan"][0]["summary"]["assets"])
        for base in ["garch", "bootstrap"]:
            wins = []
            for k in keys:
                gan = [statistics.median(v) for v in zip(*[per_asset(d, k) for d in docs["gan"]])]
                other = [statistics.median(v) for v in zip(*[per_asset(d, k) for d in docs[base]])]
                wins.append(f"{k} {sum(g < o for g, o in zip(gan, other))}/{n}")
            print(f"  GAN better than {base} on assets (median over seeds): " + ", ".join(wins))
    print(f"\n{data}: VaR backtests on the held-out days (equal weights)")
    print(f"{'model':10} {'level':>6} {'exc.':>5} {'expected':>8} {'Kupiec p':>9} {'cc p':>7} {'last 250':>10} {'Z2':>7} {'Z2 p':>6}")
    for m in ["gan", "garch", "hs", "bootstrap"]:
        for lv in load(f"{data}-backtest-{m}")["levels"]:
            print(f"{m:10} {lv['level']:6.3f} {lv['exceptions']:5.0f} {lv['expected_exceptions']:8.1f} "
                  f"{lv['kupiec']['p_value']:9.4f} {lv['conditional_coverage']['p_value']:7.4f} "
                  f"{lv['traffic_light']['last_window_zone']:>10} {lv['acerbi_szekely_z2']['statistic']:7.3f} "
                  f"{lv['acerbi_szekely_z2']['p_value']:6.3f}")
print("\ntimes (wall seconds, peak memory):")
print(open(f"{out}/times.txt").read())
