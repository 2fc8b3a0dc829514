"""evaluation.py — riskgan.evaluate: fidelity, detectability, utility and privacy of synthetic
rows against real training and held-out rows, as `riskgan evaluate` (docs/metrics.md)."""
import ctypes
import json
import os
import tempfile

from . import _frames
from ._library import EvaluateOptions, check, lib


def evaluate(train, test, synth, target, positive=None, seed=0, threads=None, html=None, folds=None, trees=None):
    """A dict with the keys of `riskgan evaluate --json`; html: also write the report page there."""
    if not isinstance(target, str):
        raise TypeError(f"target must be a column name, got {type(target).__name__}")
    tables = [_frames.to_table(frame) for frame in (train, test, synth)]
    options = EvaluateOptions()
    lib.riskgan_evaluate_options_init(ctypes.byref(options))
    options.target = target.encode("utf-8")
    options.positive = None if positive is None else str(positive).encode("utf-8")
    options.seed = int(seed)
    if threads is not None:
        options.threads = int(threads)
    if folds is not None:
        options.folds = int(folds)
    if trees is not None:
        options.trees = int(trees)
    evaluation = ctypes.c_void_p()
    check(lib.riskgan_evaluate(tables[0].pointer, tables[1].pointer, tables[2].pointer, ctypes.byref(options),
                               ctypes.byref(evaluation)))
    try:
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "evaluation.json")
            check(lib.riskgan_evaluation_write_json(evaluation, path.encode()))
            with open(path, encoding="utf-8") as stream:
                result = json.load(stream)
        if html is not None:
            check(lib.riskgan_evaluation_write_html(evaluation, str(html).encode()))
    finally:
        lib.riskgan_evaluation_free(evaluation)
    return result
