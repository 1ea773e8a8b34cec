"""A limit on the time a build spends laying pages out, so that pathological
content ends in a message instead of a build that never finishes."""
from __future__ import annotations

import os
import signal
import threading

from ..errors import BuildError


class LayoutTimeUp(BaseException):
    """Raised by the layout alarm inside WeasyPrint. Not an Exception, so that no
    `except Exception` there can swallow it (WeasyPrint catches those around
    image and font loading and carries on)."""


LAYOUT_LIMIT_S = 300.0      # ten times what the example issue takes, in every language


def layout_limit() -> float:
    """Seconds a build may spend typesetting: BULLETIN_LAYOUT_LIMIT, 0 for no limit."""
    try:
        return float(os.environ.get("BULLETIN_LAYOUT_LIMIT", LAYOUT_LIMIT_S))
    except ValueError:
        raise BuildError("BULLETIN_LAYOUT_LIMIT must be a number of seconds, e.g. 300") from None


class layout_deadline:
    """Stops the typesetting of a build that runs longer than `seconds`.

    An interval timer rings SIGALRM in the main thread (elsewhere there is no
    limit); it rings again every second in case a ring lands where it is
    caught. Pathological content (a word that never fits, a story too long)
    then ends in a message instead of a build that never finishes.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = False

    def __enter__(self):
        if self.seconds > 0 and threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGALRM, self._ring)
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, 1.0)
        return self

    def _ring(self, signum, frame):
        if self.armed:
            raise LayoutTimeUp()

    def __exit__(self, kind, error, trace):
        if self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        if isinstance(error, LayoutTimeUp):
            raise BuildError(f"layout took longer than {self.seconds:g} s, the limit for one build "
                             "(BULLETIN_LAYOUT_LIMIT). Look for a story far longer than usual or "
                             "text that cannot be broken into lines.") from None
        return False
