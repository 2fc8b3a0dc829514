"""_library.py — finds libriskgan.so and declares the C functions the package calls (ctypes).

Search order: the RISKGAN_LIBRARY environment variable (a path), the build tree of this
checkout (build/libriskgan.so), then the system's (ctypes.util.find_library). The library's
version must equal the package's.
"""
import ctypes
import ctypes.util
import os

__version__ = "0.1.0"


class RiskganError(RuntimeError):
    """A failure inside libriskgan; the message is the library's own (file, row, column...)."""


def _candidates():
    given = os.environ.get("RISKGAN_LIBRARY")
    if given:
        yield given
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "..", "..", "build", "libriskgan.so")
    found = ctypes.util.find_library("riskgan")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ctypes.CDLL(path)
        except OSError as error:
            tried.append(f"{path} ({error})")
    raise ImportError("libriskgan.so not found; build riskgan (cmake) or set RISKGAN_LIBRARY. Tried: "
                      + ", ".join(tried))


lib = _load()

c_size = ctypes.c_size_t
c_text = ctypes.c_char_p
c_void = ctypes.c_void_p


class ColumnData(ctypes.Structure):
    """riskgan_column_data: one column handed to riskgan_table_from_columns."""
    _fields_ = [("name", c_text), ("numbers", ctypes.POINTER(ctypes.c_double)),
                ("text", ctypes.POINTER(c_text)), ("categorical", ctypes.c_int),
                ("datetime_format", c_text), ("identifier", ctypes.c_int)]


class ColumnSummary(ctypes.Structure):
    """riskgan_column_summary."""
    _fields_ = [("name", c_text), ("type", ctypes.c_int), ("missing", c_size), ("distinct", c_size),
                ("distinct_capped", ctypes.c_int), ("minimum", ctypes.c_double), ("maximum", ctypes.c_double),
                ("mean", ctypes.c_double), ("decimals", ctypes.c_int), ("role", ctypes.c_int),
                ("datetime_format", c_text), ("role_detected", ctypes.c_int)]


class Condition(ctypes.Structure):
    """riskgan_condition: a column and one of its values."""
    _fields_ = [("column", c_text), ("value", c_text)]


class EvaluateOptions(ctypes.Structure):
    """riskgan_evaluate_options."""
    _fields_ = [("target", c_text), ("positive", c_text), ("seed", ctypes.c_uint64), ("threads", ctypes.c_int),
                ("folds", ctypes.c_int), ("trees", ctypes.c_int), ("rare_count", c_size), ("model", c_void),
                ("neighbor_queries", c_size), ("model_rows", c_size)]


class DetectOptions(ctypes.Structure):
    """riskgan_detect_options."""
    _fields_ = [("method", ctypes.c_int), ("exclude", c_text), ("target", c_text), ("labels", c_text),
                ("positive", c_text), ("trees", ctypes.c_int), ("subsample", c_size), ("epochs", ctypes.c_int),
                ("batch_size", ctypes.c_int), ("hidden", ctypes.c_int), ("latent", ctypes.c_int),
                ("trim", ctypes.c_double), ("latent_score", ctypes.c_int), ("seed", ctypes.c_uint64),
                ("threads", ctypes.c_int), ("progress", c_void), ("progress_user", c_void),
                ("stop", ctypes.POINTER(ctypes.c_int))]


class AugmentOptions(ctypes.Structure):
    """riskgan_augment_options."""
    _fields_ = [("target", c_text), ("minority", c_text), ("method", ctypes.c_int), ("ratio", ctypes.c_double),
                ("neighbors", ctypes.c_int), ("model", c_void), ("fit", c_void), ("mark_column", c_text),
                ("auto_ratio", ctypes.c_int), ("ratio_model", ctypes.c_int), ("curve", c_void),
                ("seed", ctypes.c_uint64), ("threads", ctypes.c_int)]


class RelationalSampleOptions(ctypes.Structure):
    """riskgan_relational_sample_options."""
    _fields_ = [("rows", c_size), ("scale", ctypes.c_double), ("where_table", c_text), ("where", Condition),
                ("seed", ctypes.c_uint64)]


class ModelInfo(ctypes.Structure):
    """riskgan_model_info."""
    _fields_ = [("kind", ctypes.c_int), ("columns", c_size), ("training_rows", c_size), ("encoded_width", c_size),
                ("rows_left_out", c_size), ("training_blocks", c_size), ("epochs", ctypes.c_int),
                ("epochs_completed", ctypes.c_int), ("batch_size", ctypes.c_int), ("seed", ctypes.c_uint64),
                ("target", c_text), ("held_out_rows", c_size), ("best_epoch", ctypes.c_int),
                ("held_out_detection", ctypes.c_double)]


class Progress(ctypes.Structure):
    """riskgan_progress: after each epoch of a fit."""
    _fields_ = [("epoch", ctypes.c_int), ("epochs", ctypes.c_int), ("generator_loss", ctypes.c_double),
                ("discriminator_loss", ctypes.c_double), ("rows_per_second", ctypes.c_double),
                ("elapsed_seconds", ctypes.c_double), ("eta_seconds", ctypes.c_double),
                ("held_out_detection", ctypes.c_double)]


ProgressFunction = ctypes.CFUNCTYPE(None, ctypes.POINTER(Progress), c_void)


def _declare(name, result, *arguments):
    function = getattr(lib, name)
    function.restype = result
    function.argtypes = list(arguments)


_status = ctypes.c_int
_pointer = ctypes.POINTER
for _name, _result, _arguments in [
    ("riskgan_version", c_text, []),
    ("riskgan_last_error", c_text, []),
    ("riskgan_set_threads", None, [ctypes.c_int]),
    ("riskgan_table_from_columns", _status, [_pointer(ColumnData), c_size, c_size, c_void, _pointer(c_void)]),
    ("riskgan_table_free", None, [c_void]),
    ("riskgan_table_rows", c_size, [c_void]),
    ("riskgan_table_columns", c_size, [c_void]),
    ("riskgan_table_column_summary", _status, [c_void, c_size, _pointer(ColumnSummary)]),
    ("riskgan_table_column_numbers", _status, [c_void, c_size, _pointer(ctypes.c_double)]),
    ("riskgan_table_column_codes", _status, [c_void, c_size, _pointer(ctypes.c_int32)]),
    ("riskgan_table_column_levels", c_size, [c_void, c_size]),
    ("riskgan_table_column_level", c_text, [c_void, c_size, c_size]),
    ("riskgan_table_format_value", None, [c_void, c_size, ctypes.c_double, c_text, c_size]),
    ("riskgan_fit_options_size", c_size, []),
    ("riskgan_fit_options_init", None, [c_void, ctypes.c_int]),
    ("riskgan_fit_options_set", _status, [c_void, c_text, c_text]),
    ("riskgan_fit_options_set_stop", None, [c_void, _pointer(ctypes.c_int)]),
    ("riskgan_fit_options_set_progress", None, [c_void, ProgressFunction, c_void]),
    ("riskgan_fit_options_check", c_text, [c_void]),
    ("riskgan_fit", _status, [c_void, c_void, _pointer(c_void)]),
    ("riskgan_sample", _status, [c_void, c_size, ctypes.c_uint64, _pointer(Condition), _pointer(c_void)]),
    ("riskgan_model_save", _status, [c_void, c_text]),
    ("riskgan_model_load", _status, [c_text, _pointer(c_void)]),
    ("riskgan_model_free", None, [c_void]),
    ("riskgan_model_column_name", c_text, [c_void, c_size]),
    ("riskgan_model_get_info", None, [c_void, _pointer(ModelInfo)]),
    ("riskgan_evaluate_options_init", None, [_pointer(EvaluateOptions)]),
    ("riskgan_evaluate", _status, [c_void, c_void, c_void, _pointer(EvaluateOptions), _pointer(c_void)]),
    ("riskgan_evaluation_write_json", _status, [c_void, c_text]),
    ("riskgan_evaluation_write_html", _status, [c_void, c_text]),
    ("riskgan_evaluation_free", None, [c_void]),
    ("riskgan_dataset_from_columns", _status, [c_text, _pointer(c_text), _pointer(_pointer(ColumnData)),
                                               _pointer(c_size), _pointer(c_size), c_size, _pointer(c_void)]),
    ("riskgan_dataset_free", None, [c_void]),
    ("riskgan_dataset_table_count", c_size, [c_void]),
    ("riskgan_dataset_table_name", c_text, [c_void, c_size]),
    ("riskgan_dataset_table", c_void, [c_void, c_size]),
    ("riskgan_relational_fit_options_size", c_size, []),
    ("riskgan_relational_fit_options_init", None, [c_void]),
    ("riskgan_relational_fit_options_set", _status, [c_void, c_text, c_text]),
    ("riskgan_relational_fit", _status, [c_void, c_void, _pointer(c_void)]),
    ("riskgan_relational_sample_options_init", None, [_pointer(RelationalSampleOptions)]),
    ("riskgan_relational_sample_with", _status, [c_void, _pointer(RelationalSampleOptions), _pointer(c_void)]),
    ("riskgan_relational_model_save", _status, [c_void, c_text]),
    ("riskgan_relational_model_load", _status, [c_text, _pointer(c_void)]),
    ("riskgan_relational_model_free", None, [c_void]),
    ("riskgan_relational_model_file", ctypes.c_int, [c_text]),
    ("riskgan_augment_options_init", None, [_pointer(AugmentOptions)]),
    ("riskgan_augment", _status, [c_void, _pointer(AugmentOptions), _pointer(c_void)]),
    ("riskgan_risk_fit", _status, [c_void, c_text, c_text, ctypes.c_int, ctypes.c_uint64, ctypes.c_int,
                                   _pointer(c_void)]),
    ("riskgan_risk_fit_scorecard", _status, [c_void, c_text, c_text, c_void, _pointer(c_void)]),
    ("riskgan_risk_score", _status, [c_void, c_void, _pointer(ctypes.c_double), _pointer(ctypes.c_double)]),
    ("riskgan_risk_model_save", _status, [c_void, c_text]),
    ("riskgan_risk_model_load", _status, [c_text, _pointer(c_void)]),
    ("riskgan_risk_model_free", None, [c_void]),
    ("riskgan_detect_options_init", None, [_pointer(DetectOptions)]),
    ("riskgan_detect_fit", _status, [c_void, _pointer(DetectOptions), _pointer(c_void)]),
    ("riskgan_detect_score_table", _status, [c_void, c_void, _pointer(ctypes.c_double), c_size, _pointer(c_size),
                                             _pointer(ctypes.c_double)]),
    ("riskgan_detector_column_name", c_text, [c_void, c_size]),
    ("riskgan_detector_threshold", ctypes.c_double, [c_void, ctypes.c_double]),
    ("riskgan_detector_save", _status, [c_void, c_text]),
    ("riskgan_detector_load", _status, [c_text, _pointer(c_void)]),
    ("riskgan_detector_free", None, [c_void]),
]:
    _declare(_name, _result, *_arguments)

if lib.riskgan_version().decode() != __version__:
    raise ImportError(f"libriskgan is version {lib.riskgan_version().decode()}, this package {__version__}: "
                      "build and install the two together")


def check(status):
    """Raises RiskganError with the library's message unless status is RISKGAN_OK."""
    if status == 0:
        return
    if status == 7:  # RISKGAN_ERR_NO_MEMORY
        raise MemoryError(lib.riskgan_last_error().decode(errors="replace") or "out of memory")
    raise RiskganError(lib.riskgan_last_error().decode(errors="replace"))
