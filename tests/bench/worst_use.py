"""The heaviest things a student may do within the allowed ranges, each measured in a fresh Python process by its
peak resident memory (VmHWM, as the kernel measurements in ``make bench``). Budget: 500 MB each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUDGET_MB = 500
#: the largest cohort (people, at 104 weeks) lesson 05 and the README allow for its class-by-week groupby.
GROUPBY_MAX_PATIENTS = 80_000
PEAK = "\nimport re as _re\nprint(int(_re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)))\n"
#: name -> the Python code of one allowed use (the largest sizes every control allows).
USES: dict[str, str] = {
    "simulate(100_000, 104) then summarize": (
        "from helpers import recovery\nrecovery.summarize(recovery.simulate(n_patients=100_000, weeks=104))\n"
    ),
    "RecoverySimulator(100_000, 104) through five starting-pain shifts and every class mix": (
        "from helpers.apps.recovery import RecoverySimulator\n"
        "app = RecoverySimulator(100_000, 104)\n"
        "c = app.controls\n"
        "s = c['baseline_shift']\n"
        "shifts = [s.min, s.min / 2, s.max / 2, s.max, 0.0]\n"
        "for v in shifts:\n    s.value = v\n"
        "for option in c['class_mix'].options:\n    c['class_mix'].value = option[1]\n"
        "for v in shifts:\n    s.value = v\n"
        "c['noise_sd'].value = c['noise_sd'].max\n"
    ),
    # pandas sizes the groupby's hash table by the number of rows, not of groups: on the full 100,000 × 105 rows this
    # groupby peaks at 541 MB whatever the column dtypes (sort=False 519 MB, int8 week 530 MB, observed=False 610 MB),
    # so lesson 05 and the README state its limit, GROUPBY_MAX_PATIENTS people at 104 weeks (449 MB).
    f"lesson 05's class-by-week groupby on simulate({GROUPBY_MAX_PATIENTS:_}, 104), its stated limit": (
        "from helpers import recovery\n"
        f"df = recovery.simulate(n_patients={GROUPBY_MAX_PATIENTS}, weeks=104)\n"
        "df.groupby(['trajectory', 'week'])['leg_pain'].mean().unstack('trajectory')\n"
    ),
}


def peak_mb(code: str) -> float:
    """Peak resident memory (MB) of a fresh Python process running ``code`` from the course folder."""
    out = subprocess.run(
        [sys.executable, "-c", code + PEAK], cwd=ROOT, capture_output=True, text=True, check=True, timeout=600
    )
    return int(out.stdout.strip().splitlines()[-1]) / 1024
