"""evaluation.py — riskgan.evaluate: fidelity, detectability, utility and privacy of synthetic
rows against real training and held-out rows, as `riskgan evaluate` (docs/metrics.md)."""
import ctypes
import json
import os
import tempfile

from . import _frames, linked
from ._library import EvaluateOptions, check, lib


class RelationalEvaluateOptions(ctypes.Structure):
    """riskgan_relational_evaluate_options."""
    _fields_ = [("target", ctypes.c_char_p), ("positive", ctypes.c_char_p), ("seed", ctypes.c_uint64),
                ("threads", ctypes.c_int), ("folds", ctypes.c_int), ("trees", ctypes.c_int),
                ("rare_count", ctypes.c_size_t)]


for _name, _arguments in [
    ("riskgan_relational_evaluate_options_init", [ctypes.POINTER(RelationalEvaluateOptions)]),
    ("riskgan_relational_evaluate", [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(RelationalEvaluateOptions),
                                     ctypes.POINTER(ctypes.c_void_p)]),
    ("riskgan_relational_report_html", [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p]),
    ("riskgan_free", [ctypes.c_void_p]),
]:
    getattr(lib, _name).argtypes = _arguments
    getattr(lib, _name).restype = None if _name.endswith(("_init", "_free")) else ctypes.c_int


def evaluate(train, test, synth, target=None, positive=None, seed=0, threads=None, html=None, folds=None,
             trees=None, metadata=None):
    """A dict with the keys of `riskgan evaluate --json`; html: also write the report page there.
    Linked tables: train and synth dicts of DataFrames, test None, and their metadata (then
    evaluate_linked)."""
    if isinstance(train, dict):
        if test is not None:
            raise ValueError("linked tables are judged against the real tables alone: pass test=None")
        return evaluate_linked(train, synth, metadata, target, positive, seed, threads, html, folds, trees)
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


def evaluate_linked(real, synthetic, metadata, target=None, positive=None, seed=0, threads=None, html=None,
                    folds=None, trees=None, rare_count=None):
    """Linked tables judged as `riskgan evaluate --metadata` judges them (docs/relational.md):
    real and synthetic are dicts of DataFrames keyed by table name under the relational
    metadata (a dict, JSON text or a path); target "table.column" (a child with at most one
    row per parent) adds a parent-level TSTR; positive its positive values ("B,D"). A dict with
    the report's keys; html: also write the page with timelines there."""
    if metadata is None:
        raise ValueError("linked tables need their metadata (metadata=...)")
    if not isinstance(synthetic, dict):
        raise TypeError("the synthetic tables must be a dict of DataFrames, as the real ones")
    text = linked.metadata_text(metadata)
    options = RelationalEvaluateOptions()
    lib.riskgan_relational_evaluate_options_init(ctypes.byref(options))
    keep = [None if target is None else str(target).encode(), None if positive is None else str(positive).encode()]
    options.target, options.positive, options.seed = keep[0], keep[1], int(seed)
    for field, value in (("threads", threads), ("folds", folds), ("trees", trees), ("rare_count", rare_count)):
        if value is not None:
            setattr(options, field, int(value))
    datasets = []
    try:
        datasets.append(linked.dataset_from_frames(real, text))
        datasets.append(linked.dataset_from_frames(synthetic, text))
        report = ctypes.c_void_p()
        check(lib.riskgan_relational_evaluate(datasets[0], datasets[1], ctypes.byref(options), ctypes.byref(report)))
        try:
            document = ctypes.string_at(report).decode("utf-8")
            if html is not None:
                check(lib.riskgan_relational_report_html(document.encode("utf-8"), datasets[0], datasets[1],
                                                         str(html).encode()))
        finally:
            lib.riskgan_free(report)
        return json.loads(document)
    finally:
        for dataset in datasets:
            lib.riskgan_dataset_free(dataset)
