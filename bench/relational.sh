#!/bin/sh
# relational.sh — linked tables on the shared Berka half: riskgan, the independent floor and
# (when SDV_SITE points at an SDV site folder, see ../shared/anchors/sdv_relational) SDV's
# PARSynthesizer and HMASynthesizer, each evaluated by `riskgan evaluate --metadata` the same
# way; writes one evaluation JSON per generator and seed under bench/out/relational and a
# summary table of medians (bench/relational_summary.py).
# Usage: bench/relational.sh [SEEDS]   (default "1 2 3"; SDV runs once unless SDV_SEEDS says
# otherwise: a PAR fit takes minutes; run from the project root)
set -eu
riskgan=${RISKGAN:-build/riskgan}
berka=${BERKA_DIR:-../shared/data/bank_berka}
seeds=${1:-1 2 3}
out=bench/out/relational
mkdir -p "$out/real" "$out/real_at"
cp "$berka/account.csv" "$berka/trans.csv" "$berka/loan.csv" "$out/real/"
cp "$berka/account.csv" "$berka/trans.csv" "$out/real_at/"
"$riskgan" inspect --relational "$out/real" -o "$out/real/draft.json" 2>/dev/null
# the one edit a user makes: district_id names a district (a category), not a quantity;
# real_at is the same metadata without loans, for generators that make accounts and transactions only
python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]
m = json.load(open(f'{out}/real/draft.json'))
m['tables']['account']['columns']['district_id']['sdtype'] = 'categorical'
json.dump(m, open(f'{out}/real/metadata.json', 'w'), indent=1)
del m['tables']['loan']
m['relationships'] = [r for r in m['relationships'] if r['child_table_name'] != 'loan']
json.dump(m, open(f'{out}/real_at/metadata.json', 'w'), indent=1)
EOF

evaluate() { # NAME SEED SYNTH_DIR
    "$riskgan" evaluate --metadata "$out/real/metadata.json" --synth "$3" --target loan.status --positive B,D \
        --json "$out/$1-$2.json" > "$out/$1-$2.txt"
    "$riskgan" evaluate --metadata "$out/real_at/metadata.json" --synth "$3/at" --json "$out/$1-$2-at.json" \
        > "$out/$1-$2-at.txt"
}
accounts_and_transactions() { # DIR: DIR/at holds account and trans with the metadata of both
    mkdir -p "$1/at"
    cp "$1/account.csv" "$1/trans.csv" "$1/at/"
    cp "$out/real_at/metadata.json" "$1/at/"
}

for seed in $seeds; do
    d="$out/riskgan-$seed"
    /usr/bin/time -f "%e s %M KiB" -o "$out/riskgan-$seed.time" \
        "$riskgan" fit --metadata "$out/real/metadata.json" -o "$out/riskgan-$seed.rgan" --seed "$seed" -q
    "$riskgan" sample "$out/riskgan-$seed.rgan" -o "$d" --seed "$seed" 2>/dev/null
    accounts_and_transactions "$d"
    evaluate riskgan "$seed" "$d"

    d="$out/floor-$seed"
    python3 bench/relational_floor.py --real "$out/real" --root account --key account_id \
        --child trans:trans_id --child loan:loan_id --seed "$seed" --out "$d"
    cp "$out/real/metadata.json" "$d/"
    accounts_and_transactions "$d"
    evaluate floor "$seed" "$d"
done

if [ -n "${SDV_SITE:-}" ]; then
    kit=${SDV_KIT:-../shared/anchors/sdv_relational}
    for seed in ${SDV_SEEDS:-1}; do
        for s in par hma; do
            d="$out/sdv_$s-$seed"
            mkdir -p "$d/at"
            # the kits seed themselves (0); repeated runs measure their own variation
            /usr/bin/time -f "%e s %M KiB" -o "$out/sdv_$s-$seed.time" env PYTHONPATH="$SDV_SITE:$kit/stubs" \
                BERKA_DIR="$out/real" /usr/bin/python3 "$kit/run_$s.py" $([ $s = par ] && echo --data berka) \
                --out "$d/at" > "$out/sdv_$s-$seed.log" 2>&1
            cp "$out/real_at/metadata.json" "$d/at/"
            "$riskgan" evaluate --metadata "$out/real_at/metadata.json" --synth "$d/at" \
                --json "$out/sdv_$s-$seed-at.json" > "$out/sdv_$s-$seed-at.txt"
        done
    done
fi
python3 bench/relational_summary.py "$out"
