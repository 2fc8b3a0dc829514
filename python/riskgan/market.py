"""market.py — riskgan.market: multi-asset price paths for VaR/ES (docs/market.md) from a
DataFrame of daily prices, as `riskgan market fit` / `sample` make them.

    import riskgan.market
    model = riskgan.market.fit(prices, method="gan", epochs=300, seed=1)
    paths = model.sample(paths=1000, days=250)      # columns path, day, <asset>...
"""
import ctypes

import numpy as np
import pandas as pd

from ._calls import run_stoppable
from ._library import RiskganError, check, lib
from .risk import _Owned

_METHODS = {"gan": 0, "garch": 1, "bootstrap": 2}
_INTERRUPTED = 8


class MarketReadOptions(ctypes.Structure):
    """riskgan_market_read_options."""
    _fields_ = [("date_column", ctypes.c_char_p), ("assets", ctypes.c_char_p), ("returns", ctypes.c_int)]


class MarketFitOptions(ctypes.Structure):
    """riskgan_market_fit_options."""
    _fields_ = [("method", ctypes.c_int), ("train_days", ctypes.c_size_t), ("seed", ctypes.c_uint64),
                ("epochs", ctypes.c_int), ("hidden", ctypes.c_int), ("mean_block", ctypes.c_double),
                ("progress", ctypes.c_void_p), ("progress_user", ctypes.c_void_p),
                ("stop", ctypes.POINTER(ctypes.c_int))]


class MarketSampleOptions(ctypes.Structure):
    """riskgan_market_sample_options."""
    _fields_ = [("paths", ctypes.c_size_t), ("days", ctypes.c_size_t), ("from_history", ctypes.c_int),
                ("returns", ctypes.c_int), ("seed", ctypes.c_uint64)]


class MarketModelInfo(ctypes.Structure):
    """riskgan_market_model_info."""
    _fields_ = [("method", ctypes.c_int), ("assets", ctypes.c_size_t), ("train_days", ctypes.c_size_t),
                ("seed", ctypes.c_uint64), ("last_date", ctypes.c_char_p)]


_p = ctypes.POINTER
for _name, _result, _arguments in [
    ("riskgan_market_read_options_init", None, [_p(MarketReadOptions)]),
    ("riskgan_market_data_read_text", ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                                     _p(MarketReadOptions), _p(ctypes.c_void_p)]),
    ("riskgan_market_data_free", None, [ctypes.c_void_p]),
    ("riskgan_market_data_return_days", ctypes.c_size_t, [ctypes.c_void_p]),
    ("riskgan_market_fit_options_init", None, [_p(MarketFitOptions)]),
    ("riskgan_market_fit", ctypes.c_int, [ctypes.c_void_p, _p(MarketFitOptions), _p(ctypes.c_void_p)]),
    ("riskgan_market_model_save", ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p]),
    ("riskgan_market_model_load", ctypes.c_int, [ctypes.c_char_p, _p(ctypes.c_void_p)]),
    ("riskgan_market_model_free", None, [ctypes.c_void_p]),
    ("riskgan_market_model_get_info", None, [ctypes.c_void_p, _p(MarketModelInfo)]),
    ("riskgan_market_model_asset_name", ctypes.c_char_p, [ctypes.c_void_p, ctypes.c_size_t]),
    ("riskgan_market_sample_options_init", None, [_p(MarketSampleOptions)]),
    ("riskgan_market_sample", ctypes.c_int, [ctypes.c_void_p, _p(MarketSampleOptions), _p(ctypes.c_double)]),
    ("riskgan_market_sample_prices", ctypes.c_int, [ctypes.c_void_p, _p(MarketSampleOptions),
                                                    _p(ctypes.c_double)]),
]:
    _function = getattr(lib, _name)
    _function.restype, _function.argtypes = _result, _arguments


def _price_text(prices):
    """The DataFrame as the CSV text the C reader takes: a DatetimeIndex or a date column first,
    floats in their shortest exact form (pandas writes repr), missing prices empty."""
    if not isinstance(prices, pd.DataFrame):
        raise TypeError(f"prices must be a pandas DataFrame, got {type(prices).__name__}")
    if len(prices) < 3:
        raise ValueError("prices need at least 3 days")
    frame = prices.reset_index() if isinstance(prices.index, pd.DatetimeIndex) else prices
    return frame.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


class MarketModel:
    """MarketModel(method="gan"|"garch"|"bootstrap", seed=0, epochs=None, hidden=None,
    mean_block=None): the model `riskgan market fit` makes (docs/market.md)."""

    def __init__(self, method="gan", seed=0, epochs=None, hidden=None, mean_block=None):
        if method not in _METHODS:
            raise ValueError(f"method must be one of {sorted(_METHODS)}, got {method!r}")
        self.options = MarketFitOptions()
        lib.riskgan_market_fit_options_init(ctypes.byref(self.options))
        self.options.method, self.options.seed = _METHODS[method], int(seed)
        for field, value in (("epochs", epochs), ("hidden", hidden), ("mean_block", mean_block)):
            if value is not None:
                if value <= 0:
                    raise ValueError(f"{field} must be positive, got {value!r}")
                setattr(self.options, field, value)
        self._model = None

    def fit(self, prices, date_column=None, assets=None, returns=False, train_days=None):
        """Learns daily prices (one column per asset; a DatetimeIndex or a first date column is
        the date). returns=True: the frame holds daily log returns. Ctrl-C stops a GAN cleanly
        and raises KeyboardInterrupt."""
        read = MarketReadOptions()
        lib.riskgan_market_read_options_init(ctypes.byref(read))
        keep = [str(date_column).encode() if date_column else None, ",".join(assets).encode() if assets else None]
        read.date_column, read.assets, read.returns = keep[0], keep[1], int(bool(returns))
        text = _price_text(prices)
        data = ctypes.c_void_p()
        check(lib.riskgan_market_data_read_text(text, len(text), b"prices", ctypes.byref(read), ctypes.byref(data)))
        data = _Owned(data, lib.riskgan_market_data_free)
        options = MarketFitOptions.from_buffer_copy(self.options)
        options.train_days = int(train_days or 0)
        stop = ctypes.c_int(0)
        options.stop = ctypes.pointer(stop)
        pointer = ctypes.c_void_p()

        def call():
            status = lib.riskgan_market_fit(data.pointer, ctypes.byref(options), ctypes.byref(pointer))
            return status, lib.riskgan_last_error().decode(errors="replace")

        def free():
            if pointer:
                lib.riskgan_market_model_free(pointer)
        status, error = run_stoppable(call, stop, free)
        if status == _INTERRUPTED:
            free()
            raise KeyboardInterrupt
        if status != 0:
            raise MemoryError(error) if status == 7 else RiskganError(error)
        self._model = _Owned(pointer, lib.riskgan_market_model_free)
        return self

    def _require(self):
        if self._model is None:
            raise RiskganError("the market model is not fitted: call fit(prices) first")

    def assets(self):
        """The asset names, in order."""
        self._require()
        info = self.info()
        return [lib.riskgan_market_model_asset_name(self._model.pointer, a).decode() for a in range(info["assets"])]

    def info(self):
        """method, assets, train_days, seed, last_date."""
        self._require()
        info = MarketModelInfo()
        lib.riskgan_market_model_get_info(self._model.pointer, ctypes.byref(info))
        methods = {v: k for k, v in _METHODS.items()}
        return {"method": methods.get(info.method, str(info.method)), "assets": info.assets,
                "train_days": info.train_days, "seed": info.seed,
                "last_date": info.last_date.decode() if info.last_date else None}

    def sample(self, paths=1000, days=250, seed=0, from_history=False, returns=False):
        """paths x days of generated days as a DataFrame with columns path, day and one per
        asset: prices from the last learned prices (day 0), rounded as the input was written —
        the values `riskgan market sample` writes — or daily log returns (returns=True, days
        1..days). from_history: every path starts from the state after the last learned day."""
        self._require()
        if int(paths) < 1 or int(days) < 1:
            raise ValueError("paths and days must be at least 1")
        options = MarketSampleOptions()
        lib.riskgan_market_sample_options_init(ctypes.byref(options))
        options.paths, options.days, options.seed = int(paths), int(days), int(seed)
        options.from_history, options.returns = int(bool(from_history)), int(bool(returns))
        names = self.assets()
        steps = options.days if returns else options.days + 1
        values = np.empty((options.paths, steps, len(names)))
        function = lib.riskgan_market_sample if returns else lib.riskgan_market_sample_prices
        check(function(self._model.pointer, ctypes.byref(options),
                       values.ctypes.data_as(ctypes.POINTER(ctypes.c_double))))
        frame = pd.DataFrame(values.reshape(-1, len(names)), columns=names)
        first_day = 1 if returns else 0
        frame.insert(0, "day", np.tile(np.arange(first_day, first_day + steps, dtype=np.int64), options.paths))
        frame.insert(0, "path", np.repeat(np.arange(options.paths, dtype=np.int64), steps))
        return frame

    def save(self, path):
        """Writes the model (.rmkt; `riskgan market sample` reads it)."""
        self._require()
        check(lib.riskgan_market_model_save(self._model.pointer, str(path).encode()))
        return self


def fit(prices, method="gan", seed=0, epochs=None, hidden=None, mean_block=None, **read):
    """MarketModel(method, seed, epochs, hidden, mean_block).fit(prices, **read)."""
    return MarketModel(method, seed, epochs, hidden, mean_block).fit(prices, **read)


def load(path):
    """A MarketModel from a file of `riskgan market fit` or MarketModel.save."""
    pointer = ctypes.c_void_p()
    check(lib.riskgan_market_model_load(str(path).encode(), ctypes.byref(pointer)))
    model = MarketModel()
    model._model = _Owned(pointer, lib.riskgan_market_model_free)
    return model
