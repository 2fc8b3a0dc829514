"""augment.py — riskgan.augment: more rows of the rare class (fraud, default) by the GAN,
SMOTE-NC, ADASYN or duplication, as `riskgan augment` (docs/augmentation.md)."""
import ctypes

from . import _frames
from ._library import AugmentOptions, check, lib

_METHODS = {"random": 1, "smote": 2, "smotenc": 3, "gan": 4, "adasyn": 5, "gan-minority": 6}
_FAMILIES = {"xgboost": 0, "logreg": 1, "scorecard": 2}


def augment(data, target, method="gan", ratio="auto", seed=0, minority=None, neighbors=5, for_model="xgboost",
            synthesizer=None, epochs=None, threads=0, mark_column=None):
    """The rows of `data` followed by added rows of the minority class, as a DataFrame with
    the same columns and dtypes. ratio: minority/majority to reach (a number), or "auto" (the
    number of rows chosen by inner cross-validation of `for_model` on `data` alone).
    synthesizer: a fitted riskgan.Synthesizer to draw from (method "gan"); else one is fitted
    with `epochs`."""
    if method not in _METHODS:
        raise ValueError(f"method must be one of {sorted(_METHODS)}, got {method!r}")
    if for_model not in _FAMILIES:
        raise ValueError(f"for_model must be one of {sorted(_FAMILIES)}, got {for_model!r}")
    if ratio != "auto" and not (isinstance(ratio, (int, float)) and ratio > 0):
        raise ValueError(f"ratio must be a positive number or 'auto', got {ratio!r}")
    options = AugmentOptions()
    lib.riskgan_augment_options_init(ctypes.byref(options))
    keep = [target.encode("utf-8")]
    options.target, options.method, options.seed, options.threads = keep[0], _METHODS[method], int(seed), int(threads)
    options.neighbors = int(neighbors)
    options.auto_ratio = 1 if ratio == "auto" else 0
    options.ratio = 1.0 if ratio == "auto" else float(ratio)
    options.ratio_model = _FAMILIES[for_model]
    for field, value in (("minority", minority), ("mark_column", mark_column)):
        if value is not None:
            keep.append(str(value).encode("utf-8"))
            setattr(options, field, keep[-1])
    fit_options = None
    if synthesizer is not None:
        synthesizer._require()
        options.model = synthesizer._model.pointer
    elif method.startswith("gan"):
        from .synthesizer import Synthesizer
        fit_options = Synthesizer(epochs=epochs, seed=seed)._options(target, keep)
        options.fit = ctypes.cast(fit_options, ctypes.c_void_p)
    table = _frames.to_table(data)
    pointer = ctypes.c_void_p()
    check(lib.riskgan_augment(table.pointer, ctypes.byref(options), ctypes.byref(pointer)))
    kinds = _frames.column_kinds(data)
    return _frames.to_frame(_frames.Table(pointer), kinds)
