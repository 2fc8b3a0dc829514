"""synthesizer.py — riskgan.Synthesizer: fit a conditional tabular GAN (or TVAE) on a
DataFrame and sample DataFrames of the same columns and dtypes."""
import ctypes

from . import _frames, linked
from ._calls import run_stoppable
from ._progress import FitProgress
from ._library import Condition, ModelInfo, RiskganError, check, lib

_INTERRUPTED = 8  # RISKGAN_ERR_INTERRUPTED


class _Model:
    """An owned model pointer (one table, or linked tables), freed when collected."""

    def __init__(self, pointer, linked_tables=False):
        self.pointer, self.linked = pointer, linked_tables

    def __del__(self):
        if getattr(self, "pointer", None):
            (lib.riskgan_relational_model_free if self.linked else lib.riskgan_model_free)(self.pointer)
            self.pointer = None


class Synthesizer:
    """Learns a table and generates synthetic rows like it (docs/python.md).

    Synthesizer(model="ctgan"|"tvae", epochs=None, seed=0, threads=None, epsilon=None,
    preset="default"|"ctgan", **options): options are the C library's fit options by name
    (batch_size, discriminator_steps, pac, min_category_count, ...; docs/synthesizer.md).
    verbose: a progress bar per epoch (tqdm when installed, else a line on stderr).
    The same seed and thread count give the same model and rows as `riskgan fit`/`sample`.
    """

    def __init__(self, model="ctgan", epochs=None, seed=0, threads=None, epsilon=None, preset="default",
                 verbose=True, **options):
        if model not in ("ctgan", "tvae"):
            raise ValueError(f"model must be 'ctgan' or 'tvae', got {model!r}")
        if preset not in ("default", "ctgan"):
            raise ValueError(f"preset must be 'default' or 'ctgan', got {preset!r}")
        if epochs is not None and (not isinstance(epochs, int) or epochs < 1):
            raise ValueError(f"epochs must be a positive integer, got {epochs!r}")
        self.settings = dict(options, model=model, seed=int(seed))
        if epochs is not None:
            self.settings["epochs"] = epochs
        if threads is not None:
            self.settings["threads"] = int(threads)
        if epsilon is not None:
            self.settings["epsilon"] = float(epsilon)
        self.preset = 1 if preset == "ctgan" else 0
        self.verbose = bool(verbose)
        self._model = None
        self._kinds = None

    def _options(self, target, keep):
        buffer = ctypes.create_string_buffer(lib.riskgan_fit_options_size())
        lib.riskgan_fit_options_init(buffer, self.preset)
        settings = dict(self.settings)
        if target is not None:
            settings["target"] = target
        for name, value in settings.items():
            text = str(int(value) if isinstance(value, bool) else value).encode("utf-8")
            keep.append(text)
            status = lib.riskgan_fit_options_set(buffer, name.encode(), text)
            if status != 0:
                raise ValueError(lib.riskgan_last_error().decode())
        reason = lib.riskgan_fit_options_check(buffer)
        if reason:
            raise ValueError(reason.decode())
        return buffer

    def fit(self, data, target=None, discrete=None, ids=None, metadata=None):
        """Learns `data` (a DataFrame). target: the risk target column (its classes are kept
        in proportion and conditioned on); discrete: columns to treat as categories whatever
        their dtype; ids: identifier columns (never modelled, regenerated fresh).
        Linked tables: `data` a dict of DataFrames keyed by table name and `metadata` the
        relational metadata (a dict, JSON text or a path; docs/relational.md); sample() then
        returns a dict. Ctrl-C stops training cleanly and raises KeyboardInterrupt (no half
        model)."""
        if isinstance(data, dict):
            return self._fit_linked(data, metadata)
        if metadata is not None:
            raise ValueError("metadata describes linked tables: pass a dict of DataFrames")
        ids = list(ids or [])
        table = _frames.to_table(data, ids=ids, discrete=list(discrete or []))
        keep = []
        options = self._options(target, keep)
        stop = ctypes.c_int(0)
        lib.riskgan_fit_options_set_stop(options, ctypes.byref(stop))
        progress = FitProgress(self.verbose)
        lib.riskgan_fit_options_set_progress(options, progress.function, None)
        pointer = ctypes.c_void_p()

        def call():
            status = lib.riskgan_fit(table.pointer, options, ctypes.byref(pointer))
            return status, lib.riskgan_last_error().decode(errors="replace")

        def free():
            if pointer:
                lib.riskgan_model_free(pointer)
        try:
            status, error = run_stoppable(call, stop, free)
        finally:
            progress.close()
        if status == _INTERRUPTED and pointer:
            free()
            raise KeyboardInterrupt
        if status != 0:
            raise MemoryError(error) if status == 7 else RiskganError(error)
        self._model = _Model(pointer)
        self._kinds = _frames.column_kinds(data)
        return self

    def _fit_linked(self, frames, metadata):
        if metadata is None:
            raise ValueError("linked tables need their metadata (metadata=...)")
        linked.require_frames(frames)
        pointer = linked.fit(frames, metadata, self.settings, self.preset)
        self._model = _Model(pointer, linked_tables=True)
        self._kinds = {name: _frames.column_kinds(frame) for name, frame in frames.items()}
        return self

    def _require(self):
        if self._model is None:
            raise RiskganError("the synthesizer is not fitted: call fit(data) or riskgan.load(path) first")

    def sample(self, n=None, seed=None, where=None, scale=None):
        """n synthetic rows as a DataFrame with the training columns and dtypes. seed: this
        sample's seed (default: the synthesizer's). where: {"column": value} — every row holds
        that value, through the conditional vector (ctgan). Linked tables: a dict of
        DataFrames, n rows of each root table (or scale x the data's), their children
        following; where={"table.column": value} on a root table."""
        self._require()
        seed = self.settings["seed"] if seed is None else int(seed)
        if self._model.linked:
            return linked.sample(self._model.pointer, n, scale, seed, where, self._kinds or {})
        if not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        condition = None
        if where is not None:
            if not isinstance(where, dict) or len(where) != 1:
                raise ValueError("where must be a dict of one column and its value, e.g. {'default': 1}")
            (column, value), = where.items()
            condition = Condition(str(column).encode("utf-8"), str(value).encode("utf-8"))
        pointer = ctypes.c_void_p()
        check(lib.riskgan_sample(self._model.pointer, n, seed,
                                 ctypes.byref(condition) if condition else None, ctypes.byref(pointer)))
        return _frames.to_frame(_frames.Table(pointer), self._kinds)

    def save(self, path):
        """Writes the model file (the same format `riskgan fit -o` writes)."""
        self._require()
        save = lib.riskgan_relational_model_save if self._model.linked else lib.riskgan_model_save
        check(save(self._model.pointer, str(path).encode()))

    def info(self):
        """What the model is: kind, columns, training rows, epochs run, batch size, seed, target,
        and, right after a fit with early_stopping=True, the rows held out, the epoch kept and its
        held-out detection AUC (a dict; one-table models)."""
        self._require()
        if self._model.linked:
            raise RiskganError("info() describes one-table models; a model of linked tables has one per table")
        info = ModelInfo()
        lib.riskgan_model_get_info(self._model.pointer, ctypes.byref(info))
        return {"model": "tvae" if info.kind == 1 else "ctgan", "columns": info.columns,
                "training_rows": info.training_rows, "encoded_width": info.encoded_width,
                "rows_left_out": info.rows_left_out, "epochs": info.epochs, "epochs_completed": info.epochs_completed,
                "batch_size": info.batch_size, "seed": info.seed,
                "target": info.target.decode("utf-8") if info.target else None,
                "held_out_rows": info.held_out_rows, "best_epoch": info.best_epoch,
                "held_out_detection": info.held_out_detection if info.held_out_rows else None}

    def columns(self):
        """The names of the columns the model generates, in order."""
        self._require()
        names, j = [], 0
        while True:
            name = lib.riskgan_model_column_name(self._model.pointer, j)
            if not name:
                return names
            names.append(name.decode("utf-8"))
            j += 1


def load(path):
    """A Synthesizer from a model file (written by Synthesizer.save or `riskgan fit`)."""
    pointer = ctypes.c_void_p()
    linked_tables = lib.riskgan_relational_model_file(str(path).encode()) == 1
    load_model = lib.riskgan_relational_model_load if linked_tables else lib.riskgan_model_load
    check(load_model(str(path).encode(), ctypes.byref(pointer)))
    synthesizer = Synthesizer()
    synthesizer._model = _Model(pointer, linked_tables)
    return synthesizer
