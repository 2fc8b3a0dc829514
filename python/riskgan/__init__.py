"""riskgan — synthetic financial data, fraud detection and credit risk from Python.

A thin layer over libriskgan (the C library): DataFrames go in and come out with their
dtypes, values exactly as they were. docs/python.md; help(riskgan.Synthesizer).

    import riskgan, pandas as pd
    loans = pd.read_csv("data/german_credit.csv")
    synthesizer = riskgan.Synthesizer(epochs=100, seed=1).fit(loans, target="default")
    synthetic = synthesizer.sample(1000)
    report = riskgan.evaluate(loans, loans, synthetic, target="default")
"""
from ._library import RiskganError, __version__
from . import market
from .augment import augment
from .detect import Detector, load_detector
from .evaluation import evaluate, evaluate_linked
from .risk import RiskModel, load_risk_model
from .synthesizer import Synthesizer, load

__all__ = ["augment", "Detector", "market", "RiskModel", "RiskganError", "Synthesizer", "evaluate", "evaluate_linked", "load", "load_detector",
           "load_risk_model", "__version__"]
