"""linked.py — linked tables from Python: a dict of DataFrames under a relational metadata file
(docs/relational.md), fitted and sampled as `riskgan fit --metadata` / `riskgan sample` do."""
import ctypes
import json

from . import _frames
from ._library import RelationalSampleOptions, RiskganError, check, lib


def metadata_text(metadata):
    """The metadata as JSON text: a dict, JSON text, or a path to the file."""
    if isinstance(metadata, dict):
        return json.dumps(metadata)
    text = str(metadata)
    if text.lstrip().startswith("{"):
        return text
    with open(text, encoding="utf-8") as stream:
        return stream.read()


def _declared_dates(metadata, name):
    """The metadata's strftime formats of a table's datetime columns."""
    columns = json.loads(metadata).get("tables", {}).get(name, {}).get("columns", {})
    return {column: spec["datetime_format"] for column, spec in columns.items()
            if spec.get("sdtype") == "datetime" and spec.get("datetime_format")}


def dataset_from_frames(frames, metadata):
    """A riskgan_dataset pointer (the caller frees it) from a dict of DataFrames. Dates held as
    datetime64 are written in the metadata's declared format, as a file would hold them."""
    if not isinstance(frames, dict) or not frames:
        raise TypeError("linked tables are a dict of DataFrames keyed by table name")
    keep, names, arrays, counts, rows = [], [], [], [], []
    for name, frame in frames.items():
        frame = frame.copy()
        for column, form in _declared_dates(metadata, name).items():
            if column in frame.columns and str(frame[column].dtype).startswith("datetime64"):
                frame[column] = frame[column].dt.strftime(form).where(frame[column].notna(), None)
        columns = _frames.to_columns(frame, (), keep)
        keep.append(columns)
        names.append(str(name).encode("utf-8"))
        arrays.append(ctypes.cast(columns, ctypes.POINTER(_frames.ColumnData)))
        counts.append(len(frame.columns))
        rows.append(len(frame))
    n = len(names)
    pointer = ctypes.c_void_p()
    check(lib.riskgan_dataset_from_columns(metadata.encode("utf-8"), (ctypes.c_char_p * n)(*names),
                                           (ctypes.POINTER(_frames.ColumnData) * n)(*arrays),
                                           (ctypes.c_size_t * n)(*counts), (ctypes.c_size_t * n)(*rows), n,
                                           ctypes.byref(pointer)))
    return pointer


def frames_from_dataset(dataset, kinds):
    """The dataset's tables as a dict of DataFrames (columns as `kinds`, per table, say)."""
    frames = {}
    for t in range(lib.riskgan_dataset_table_count(dataset)):
        name = lib.riskgan_dataset_table_name(dataset, t).decode("utf-8")
        frames[name] = _frames.to_frame(lib.riskgan_dataset_table(dataset, t), kinds.get(name))
    return frames


def fit(frames, metadata, settings, preset):
    """A riskgan_relational_model pointer fitted on the frames."""
    text = metadata_text(metadata)
    dataset = dataset_from_frames(frames, text)
    try:
        options = ctypes.create_string_buffer(lib.riskgan_relational_fit_options_size())
        lib.riskgan_relational_fit_options_init(options)
        if preset:
            lib.riskgan_fit_options_init(options, preset)  # the root synthesizer's options come first
        keep = []
        for name, value in settings.items():
            keep.append(str(value).encode("utf-8"))
            if lib.riskgan_relational_fit_options_set(options, name.encode(), keep[-1]) != 0:
                raise ValueError(lib.riskgan_last_error().decode())
        pointer = ctypes.c_void_p()
        check(lib.riskgan_relational_fit(dataset, options, ctypes.byref(pointer)))
        return pointer
    finally:
        lib.riskgan_dataset_free(dataset)


def sample(model, rows, scale, seed, where, kinds):
    """A dict of DataFrames drawn from the model (rows of each root table, or scale x the data's)."""
    options = RelationalSampleOptions()
    lib.riskgan_relational_sample_options_init(ctypes.byref(options))
    options.seed = int(seed)
    if rows is not None:
        options.rows = int(rows)
    if scale is not None:
        options.scale = float(scale)
    if where is not None:
        if not isinstance(where, dict) or len(where) != 1:
            raise ValueError("where must be a dict of one 'table.column' and its value")
        (key, value), = where.items()
        table, _, column = str(key).partition(".")
        if not column:
            raise ValueError(f"where's key names 'table.column', got {key!r}")
        keep = [table.encode("utf-8"), column.encode("utf-8"), str(value).encode("utf-8")]
        options.where_table, options.where.column, options.where.value = keep
    dataset = ctypes.c_void_p()
    check(lib.riskgan_relational_sample_with(model, ctypes.byref(options), ctypes.byref(dataset)))
    try:
        return frames_from_dataset(dataset, kinds)
    finally:
        lib.riskgan_dataset_free(dataset)


def require_frames(data):
    if not all(hasattr(frame, "columns") for frame in data.values()):
        raise RiskganError("every value of the dict must be a DataFrame")
