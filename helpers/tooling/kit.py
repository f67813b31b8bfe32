"""``python -m helpers.tooling kit``: the presenter's kit for a room where something breaks (``build/kit``).

* ``cards.html``: the opening poll and the exit ticket as printable cards (A4, cut along the dashed lines), from
  :data:`helpers.cards.CARDS`, never with the answers;
* ``demo_states.html``: every run-sheet step (:data:`helpers.apps.presets.PRESETS`) pre-rendered: the figure the
  dashboard shows after its button, its settings and the numbers it shows, with one local ``plotly.min.js``
  (nothing from the network), for a room without a working laptop or Voila.

Copy ``build/kit/`` to the USB stick beside the offline copy (``build/html/``).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from plotly.utils import PlotlyJSONEncoder

from helpers import cards, style
from helpers.apps import presets
from helpers.paths import BUILD_DIR
from helpers.tooling import TEMPLATES_DIR
from helpers.tooling.outdir import prepare_output_dir, record_output

KIT_DIR: Path = BUILD_DIR / "kit"
PLOTLY_JS = "plotly.min.js"


@dataclass(frozen=True)
class KitReport:
    """What :func:`write_kit` wrote."""

    out_dir: Path
    files: tuple[Path, ...]
    states: int


def _env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES_DIR / "kit"), autoescape=select_autoescape(["html", "j2"]))


def cards_html(table: tuple[cards.Card, ...] = cards.CARDS, copies: int = 4) -> str:
    """The printable page: ``copies`` of each poll card on the first sheet, the exit ticket on the next; no answers.

    Parameters
    ----------
    table : the cards (default :data:`helpers.cards.CARDS`).
    copies : copies of each poll card (1–8): cut along the dashed lines.
    """
    if not 1 <= copies <= 8:
        raise ValueError(f"copies: 1–8 per sheet, got {copies!r}")
    return (
        _env()
        .get_template("cards.html.j2")
        .render(poll=cards.cards_of("poll", table), exit=cards.cards_of("exit", table), copies=range(copies))
    )


def _figure_json(app: object) -> str:
    figure = style.for_projector(app.figure.to_dict())  # type: ignore[attr-defined]
    figure["layout"].pop("template", None)
    figure["layout"]["template"] = app.figure.layout.template.to_plotly_json()  # type: ignore[attr-defined]
    text = json.dumps(figure, cls=PlotlyJSONEncoder, separators=(",", ":"))
    return text.replace("</", "<\\/")  # never closes the <script> it sits in


def demo_states_html(table: tuple[presets.Preset, ...] = presets.PRESETS) -> str:
    """Every step of the run sheet as the dashboard shows it: settings, the numbers shown, the figure."""
    states = []
    apps: dict[str, object] = {}
    for row, preset in zip(presets.run_sheet_rows(table), table, strict=True):
        app = apps.get(preset.dashboard) or apps.setdefault(preset.dashboard, presets.new_app(preset.dashboard))
        presets.apply(app, preset)
        anchor = re.sub(r"[^a-z0-9]+", "-", f"{preset.dashboard} {preset.step}".lower()).strip("-")
        states.append({**row, "anchor": anchor, "figure_json": _figure_json(app)})
    return _env().get_template("demo_states.html.j2").render(states=states, plotly_js=PLOTLY_JS)


def write_kit(out_dir: Path = KIT_DIR) -> KitReport:
    """Write ``cards.html``, ``demo_states.html`` and ``plotly.min.js`` into ``out_dir``.

    ``out_dir`` must be new, empty or written by an earlier run (see :func:`helpers.tooling.outdir.
    prepare_output_dir`); any other folder with files in it is refused and nothing is deleted.
    """
    out_dir = prepare_output_dir(out_dir, "out_dir")
    import plotly

    shutil.copy2(Path(plotly.__file__).parent / "package_data" / PLOTLY_JS, out_dir / PLOTLY_JS)
    written = [out_dir / "cards.html", out_dir / "demo_states.html"]
    written[0].write_text(cards_html(), encoding="utf-8")
    written[1].write_text(demo_states_html(), encoding="utf-8")
    record_output(out_dir)  # the next run removes these files, and only these
    return KitReport(out_dir, (*written, out_dir / PLOTLY_JS), len(presets.PRESETS))
