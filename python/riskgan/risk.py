"""risk.py — riskgan.RiskModel: a probability-of-default model (XGBoost, logistic regression
or a credit scorecard, docs/scorecard.md) fitted on a DataFrame, scoring DataFrames."""
import ctypes

import numpy as np

from . import _frames
from ._library import RiskganError, check, lib

_ALGORITHMS = {"xgboost": 0, "logreg": 1, "scorecard": 2}


class _Owned:
    def __init__(self, pointer, free):
        self.pointer, self._free = pointer, free

    def __del__(self):
        if getattr(self, "pointer", None):
            self._free(self.pointer)
            self.pointer = None


class RiskModel:
    """RiskModel(algo="xgboost"|"logreg"|"scorecard", seed=0, threads=0): `riskgan risk fit`."""

    def __init__(self, algo="xgboost", seed=0, threads=0):
        if algo not in _ALGORITHMS:
            raise ValueError(f"algo must be one of {sorted(_ALGORITHMS)}, got {algo!r}")
        self.algo, self.seed, self.threads = algo, int(seed), int(threads)
        self._model = None

    def fit(self, data, target, positive=None):
        """Learns P(target == positive) from the other columns (positive: default "1" if
        present, else the rarer class)."""
        if not isinstance(target, str):
            raise TypeError(f"target must be a column name, got {type(target).__name__}")
        table = _frames.to_table(data)
        pointer = ctypes.c_void_p()
        chosen = None if positive is None else str(positive).encode("utf-8")
        if self.algo == "scorecard":
            check(lib.riskgan_risk_fit_scorecard(table.pointer, target.encode("utf-8"), chosen, None,
                                                 ctypes.byref(pointer)))
        else:
            check(lib.riskgan_risk_fit(table.pointer, target.encode("utf-8"), chosen, _ALGORITHMS[self.algo],
                                       self.seed, self.threads, ctypes.byref(pointer)))
        self._model = _Owned(pointer, lib.riskgan_risk_model_free)
        return self

    def _scores(self, data):
        if self._model is None:
            raise RiskganError("the risk model is not fitted: call fit(data, target) first")
        table = _frames.to_table(data)
        probability, points = np.empty(len(data)), np.empty(len(data))
        as_doubles = ctypes.POINTER(ctypes.c_double)
        check(lib.riskgan_risk_score(self._model.pointer, table.pointer, probability.ctypes.data_as(as_doubles),
                                     points.ctypes.data_as(as_doubles)))
        return probability, points

    def predict_proba(self, data):
        """The probability of the positive class for every row, as a numpy array."""
        return self._scores(data)[0]

    def score(self, data):
        """Credit points for every row (a scorecard's points; others 600 + 20/ln 2 ln odds)."""
        return self._scores(data)[1]

    def save(self, path):
        """Writes the model file `riskgan risk` reads."""
        if self._model is None:
            raise RiskganError("the risk model is not fitted")
        check(lib.riskgan_risk_model_save(self._model.pointer, str(path).encode()))


def load_risk_model(path):
    """A RiskModel from a file of `riskgan risk fit` or RiskModel.save."""
    pointer = ctypes.c_void_p()
    check(lib.riskgan_risk_model_load(str(path).encode(), ctypes.byref(pointer)))
    model = RiskModel()
    model._model = _Owned(pointer, lib.riskgan_risk_model_free)
    return model
