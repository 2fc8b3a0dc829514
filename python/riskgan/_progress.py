"""_progress.py — a fit's progress for people: a tqdm bar when tqdm is installed, else one line
on standard error per epoch; nothing with verbose=False."""
import sys

from ._library import ProgressFunction

try:
    import tqdm as _tqdm
except ImportError:  # tqdm is optional (Debian: python3-tqdm)
    _tqdm = None


class FitProgress:
    """The callback handed to the library (kept alive as long as the fit runs)."""

    def __init__(self, verbose):
        self.verbose, self.bar = verbose, None
        self.function = ProgressFunction(self._report)

    def _report(self, progress, _user):
        p = progress.contents
        if not self.verbose:
            return
        losses = f"G {p.generator_loss:.3f} D {p.discriminator_loss:.3f}"
        if _tqdm is not None:
            if self.bar is None:
                self.bar = _tqdm.tqdm(total=p.epochs, unit="epoch", desc="riskgan fit")
            self.bar.update(p.epoch - self.bar.n)
            self.bar.set_postfix_str(losses)
        else:
            print(f"riskgan fit: epoch {p.epoch}/{p.epochs}, {losses}, {p.rows_per_second:,.0f} rows/s, "
                  f"ETA {p.eta_seconds:.0f} s", file=sys.stderr)

    def close(self):
        if self.bar is not None:
            self.bar.close()
