"""detect.py — riskgan.Detector: anomaly and fraud scores (GANomaly-style GAN or Isolation
Forest, docs/detect.md) for the rows of a DataFrame."""
import ctypes

import numpy as np
import pandas as pd

from . import _frames
from ._library import DetectOptions, RiskganError, check, lib
from .risk import _Owned

_METHODS = {"gan": 0, "iforest": 1}


class Detector:
    """Detector(method="gan"|"iforest", seed=0, threads=0, exclude=None, **options): options are
    riskgan_detect_options by name (trees, subsample, epochs, batch_size, hidden, latent, trim)."""

    def __init__(self, method="gan", seed=0, threads=0, exclude=None, **options):
        if method not in _METHODS:
            raise ValueError(f"method must be 'gan' or 'iforest', got {method!r}")
        self.options = DetectOptions()
        lib.riskgan_detect_options_init(ctypes.byref(self.options))
        self.options.method, self.options.seed, self.options.threads = _METHODS[method], int(seed), int(threads)
        self._keep = []
        if exclude:
            self._keep.append(",".join(exclude).encode("utf-8"))
            self.options.exclude = self._keep[-1]
        known = {name for name, _ in DetectOptions._fields_} - {"method", "exclude", "target", "labels", "positive",
                                                                "seed", "threads", "progress", "progress_user", "stop"}
        for name, value in options.items():
            if name not in known:
                raise ValueError(f"unknown detector option {name!r} (one of {sorted(known)})")
            setattr(self.options, name, value)
        self._detector = None

    def fit(self, data, labels=None, target=None, positive="1"):
        """Learns what normal rows look like. labels: a column empty on most rows and `positive`
        on the few known anomalies (GAN: a deviation network then scores); target: an anomaly
        column to leave out of the features."""
        options = DetectOptions.from_buffer_copy(self.options)
        for field, value in (("labels", labels), ("target", target), ("positive", positive)):
            if value is not None:
                self._keep.append(str(value).encode("utf-8"))
                setattr(options, field, self._keep[-1])
        table = _frames.to_table(data)
        pointer = ctypes.c_void_p()
        check(lib.riskgan_detect_fit(table.pointer, ctypes.byref(options), ctypes.byref(pointer)))
        self._detector = _Owned(pointer, lib.riskgan_detector_free)
        return self

    def _require(self):
        if self._detector is None:
            raise RiskganError("the detector is not fitted: call fit(data) first")

    def score(self, data):
        """An anomaly score per row (higher = more anomalous), as a numpy array."""
        self._require()
        table = _frames.to_table(data)
        scores = np.empty(len(data))
        check(lib.riskgan_detect_score_table(self._detector.pointer, table.pointer,
                                             scores.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), 0, None, None))
        return scores

    def explain(self, data, k=3):
        """Per row, the k feature columns that contributed most to its score (largest first)."""
        self._require()
        table = _frames.to_table(data)
        rows = len(data)
        scores, columns = np.empty(rows), np.empty(rows * k, dtype=np.uintp)
        check(lib.riskgan_detect_score_table(self._detector.pointer, table.pointer,
                                             scores.ctypes.data_as(ctypes.POINTER(ctypes.c_double)), k,
                                             columns.ctypes.data_as(ctypes.POINTER(ctypes.c_size_t)), None))
        names = self.columns()
        return pd.DataFrame([[names[c] for c in columns[r * k:(r + 1) * k]] for r in range(rows)],
                            columns=[f"reason_{i + 1}" for i in range(k)])

    def threshold(self, alert_rate):
        """The score above which a share `alert_rate` of the training rows lie."""
        self._require()
        return lib.riskgan_detector_threshold(self._detector.pointer, float(alert_rate))

    def columns(self):
        """The feature columns, in the order explain() names them."""
        self._require()
        names, j = [], 0
        while (name := lib.riskgan_detector_column_name(self._detector.pointer, j)) is not None:
            names.append(name.decode("utf-8"))
            j += 1
        return names

    def save(self, path):
        """Writes the detector file `riskgan detect` reads."""
        self._require()
        check(lib.riskgan_detector_save(self._detector.pointer, str(path).encode()))


def load_detector(path):
    """A Detector from a file of `riskgan detect fit` or Detector.save."""
    pointer = ctypes.c_void_p()
    check(lib.riskgan_detector_load(str(path).encode(), ctypes.byref(pointer)))
    detector = Detector()
    detector._detector = _Owned(pointer, lib.riskgan_detector_free)
    return detector
