"""_frames.py — pandas DataFrames to riskgan tables and back, value for value.

To C: numbers as doubles (NaN missing); integers beyond 2^53, which no double holds, as their
text (riskgan then keeps the column as text, so they come back exactly); nullable integers
(Int64) as numbers with missing values; text, categories and booleans as UTF-8 text (None,
NaN and pd.NA missing; "" a value); datetime64 as ISO text with its format declared.
Back: each column as the dtype it had when the model was fitted (int64, or Int64 when a
value is missing; category; datetime64[ns]; bool; object text).
"""
import ctypes

import numpy as np
import pandas as pd

from ._library import ColumnData, ColumnSummary, check, lib

_EXACT = 2 ** 53
_CONTINUOUS, _INTEGER, _CATEGORICAL, _DATETIME = 0, 1, 2, 3


class Table:
    """An owned riskgan_table pointer, freed when collected."""

    def __init__(self, pointer):
        self.pointer = pointer

    def __del__(self):
        if getattr(self, "pointer", None):
            lib.riskgan_table_free(self.pointer)
            self.pointer = None


def _text_array(values):
    encoded = [None if v is None else str(v).encode("utf-8") for v in values]
    array = (ctypes.c_char_p * max(len(encoded), 1))(*encoded)
    return array, encoded


def _missing(series):
    return series.isna().to_numpy()


def _column(name, series, identifier, keep, discrete=False):
    """The riskgan_column_data of one column (discrete: as categories, whatever its dtype);
    `keep` holds the buffers until the call returns."""
    column = ColumnData(name=str(name).encode("utf-8"), identifier=int(identifier))
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        has_time = bool(((series.dropna().dt.normalize() != series.dropna())).any())
        form = "%Y-%m-%d %H:%M:%S" if has_time else "%Y-%m-%d"
        text = [None if pd.isna(v) else v.strftime(form) for v in series]
        column.text, holder = _text_array(text)
        column.datetime_format = b"yyyy-mm-dd hh:mm:ss" if has_time else b"yyyy-mm-dd"
        keep.append((column.text, holder))
        return column
    numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype) and not discrete
    if numeric and pd.api.types.is_integer_dtype(dtype):
        present = series.dropna()
        if len(present) and (present.abs() > _EXACT).any():  # no double holds them: their text
            numeric = False
    if numeric:
        values = series.astype("float64").to_numpy(dtype=np.float64, na_value=np.nan)
        values = np.ascontiguousarray(values)
        if np.isinf(values).any():
            raise ValueError(f"column {name!r}: infinity is not a value a table holds")
        keep.append(values)
        column.numbers = values.ctypes.data_as(ctypes.POINTER(ctypes.c_double))
        return column
    missing = _missing(series)
    if discrete and pd.api.types.is_float_dtype(dtype):  # 2.0 is the category "2"
        text = [None if m else (int(v) if float(v).is_integer() else v) for v, m in zip(series.tolist(), missing)]
    else:
        text = [None if m else v for v, m in zip(series.tolist(), missing)]
    column.text, holder = _text_array(text)
    column.categorical = 1
    keep.append((column.text, holder))
    return column


def to_columns(frame, ids=(), keep=None, discrete=()):
    """The frame's columns as a riskgan_column_data array (its buffers appended to keep)."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame, got {type(frame).__name__}")
    if frame.shape[1] == 0:
        raise ValueError("the DataFrame has no columns")
    unknown = [name for name in list(ids) + list(discrete) if name not in frame.columns]
    if unknown:
        raise ValueError(f"no column {unknown[0]!r} in the DataFrame")
    columns = [_column(name, frame[name], name in ids, keep, name in discrete) for name in frame.columns]
    return (ColumnData * len(columns))(*columns)


def to_table(frame, ids=(), discrete=()):
    """A riskgan table holding the frame's values (see the module's comment)."""
    keep = []
    columns = to_columns(frame, ids, keep, discrete)
    pointer = ctypes.c_void_p()
    check(lib.riskgan_table_from_columns(columns, len(columns), len(frame), None, ctypes.byref(pointer)))
    return Table(pointer)


def column_kinds(frame):
    """What each column was in pandas, to give it back the same way."""
    kinds = {}
    for name in frame.columns:
        dtype = frame[name].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            kinds[name] = ("category", None)
        elif pd.api.types.is_bool_dtype(dtype):
            kinds[name] = ("bool", None)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            kinds[name] = ("datetime", None)
        elif pd.api.types.is_integer_dtype(dtype):
            kinds[name] = ("integer", str(dtype))
        elif pd.api.types.is_float_dtype(dtype):
            kinds[name] = ("float", str(dtype))
        else:
            kinds[name] = ("text", None)
    return kinds


def _numbers(table, j, rows, summary, kind):
    values = np.empty(rows, dtype=np.float64)
    check(lib.riskgan_table_column_numbers(table.pointer, j, values.ctypes.data_as(ctypes.POINTER(ctypes.c_double))))
    if summary.type == _DATETIME and kind and kind[0] != "datetime":  # dates the frame held as numbers or text
        return _dates_as_written(table, j, values, kind)
    if summary.type == _DATETIME:
        return pd.to_datetime(values, unit="s")
    if kind and kind[0] == "integer":
        if np.isnan(values).any() or kind[1] == "Int64":
            return pd.arrays.IntegerArray(np.where(np.isnan(values), 0, values).astype(np.int64), np.isnan(values))
        return values.astype(np.int64)
    return values


def _dates_as_written(table, j, values, kind):
    """A date column the frame held as numbers (930101) or text, written back that way."""
    buffer = ctypes.create_string_buffer(64)
    texts = []
    for value in values:
        if np.isnan(value):
            texts.append(None)
            continue
        lib.riskgan_table_format_value(table.pointer, j, value, buffer, 64)
        texts.append(buffer.value.decode())
    if kind[0] == "integer" and None not in texts:
        return np.array([int(t) for t in texts], dtype=np.int64)
    if kind[0] == "integer":
        return pd.array([None if t is None else int(t) for t in texts], dtype="Int64")
    return np.array(texts, dtype=object)


def _texts(table, j, rows, kind):
    codes = np.empty(rows, dtype=np.int32)
    check(lib.riskgan_table_column_codes(table.pointer, j, codes.ctypes.data_as(ctypes.POINTER(ctypes.c_int32))))
    levels = [lib.riskgan_table_column_level(table.pointer, j, k).decode("utf-8")
              for k in range(lib.riskgan_table_column_levels(table.pointer, j))]
    if kind and kind[0] == "category":
        return pd.Categorical.from_codes(codes, categories=levels)
    if kind and kind[0] == "bool":
        return pd.array([None if c < 0 else levels[c] == "True" for c in codes], dtype="boolean")
    if kind and kind[0] == "integer":  # integers beyond 2^53, kept as text: int64 again
        values = [None if c < 0 else int(levels[c]) for c in codes]
        if None not in values and all(-2 ** 63 <= v < 2 ** 63 for v in values):
            return np.array(values, dtype=np.int64)
        return pd.array(values, dtype="object")
    return np.array([None if c < 0 else levels[c] for c in codes], dtype=object)


class _Borrowed:
    """A table pointer owned by something else (a dataset)."""

    def __init__(self, pointer):
        self.pointer = pointer


def to_frame(table, kinds=None):
    """The table as a DataFrame, each column as `kinds` (from column_kinds) says it was; `table`
    is a Table, or a bare pointer owned elsewhere."""
    if not hasattr(table, "pointer"):
        table = _Borrowed(table)
    rows, columns = lib.riskgan_table_rows(table.pointer), lib.riskgan_table_columns(table.pointer)
    data = {}
    for j in range(columns):
        summary = ColumnSummary()
        check(lib.riskgan_table_column_summary(table.pointer, j, ctypes.byref(summary)))
        name = summary.name.decode("utf-8")
        kind = (kinds or {}).get(name)
        if summary.type == _CATEGORICAL:
            data[name] = _texts(table, j, rows, kind)
        else:
            data[name] = _numbers(table, j, rows, summary, kind)
    return pd.DataFrame(data)
