"""credit_synthesis.py — riskgan from Python, the way a notebook would use it: synthetic loans
from the bundled german_credit data, judged on held-out loans, then a credit scorecard trained
on the synthetic rows alone and scored on real ones, and an anomaly detector's top alerts.

Run from the checkout after building:  PYTHONPATH=python python3 examples/python/credit_synthesis.py
(RISKGAN_EXAMPLE_EPOCHS sets the epochs; the tests run it with 2.)
"""
import os

import pandas as pd

import riskgan

here = os.path.dirname(os.path.abspath(__file__))
loans = pd.read_csv(os.path.join(here, "..", "..", "data", "german_credit.csv"))
train, test = loans.sample(frac=0.7, random_state=0), None
test = loans.drop(train.index)

epochs = int(os.environ.get("RISKGAN_EXAMPLE_EPOCHS", "100"))
synthesizer = riskgan.Synthesizer(epochs=epochs, seed=1).fit(train, target="default")
synthetic = synthesizer.sample(len(train))
print(synthetic.head())

report = riskgan.evaluate(train, test, synthetic, target="default", folds=3, trees=50)
utility = report["utility"]
print(f"detection AUC {report['detection']['auc']:.3f} (0.5: indistinguishable)")
for model in ("xgboost", "scorecard"):
    print(f"{model}: TRTR {utility[model]['TRTR']['roc_auc']:.3f}  TSTR {utility[model]['TSTR']['roc_auc']:.3f}")

card = riskgan.RiskModel("scorecard").fit(synthetic, target="default")
points = card.score(test)
print(f"scorecard trained on synthetic loans: points from {points.min():.0f} to {points.max():.0f} on real ones")

detector = riskgan.Detector("iforest", seed=1).fit(train.drop(columns=["default"]))
scores = detector.score(test.drop(columns=["default"]))
alerts = test.assign(score=scores).nlargest(3, "score")
print(alerts[["credit_amount", "duration_months", "purpose", "score"]])
print(detector.explain(alerts.drop(columns=["default", "score"]), k=2))
