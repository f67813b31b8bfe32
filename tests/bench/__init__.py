"""`make bench`: the course's performance figures, measured (never asserted by timed tests).

Each module ``tests/bench/apps_*.py`` exposes ``cases()`` returning a list of ``AppCase``: an app built at its
default sizes, the control to move and the values to cycle through. The harness times control change -> figure
updated (observers run synchronously, so the figure is updated when the assignment returns).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AppCase:
    label: str
    app: Any
    control: str
    values: tuple[Any, ...]
