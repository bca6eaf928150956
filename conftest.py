"""Root pytest configuration: point nbval at the sanitiser wherever pytest starts."""
from pathlib import Path

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# Property tests draw the same examples on every run (a failure in CI reproduces at home),
# and a loaded 2-core machine must not turn a slow example into a failure.
settings.register_profile("seqlearn", deadline=None, derandomize=True)
settings.load_profile("seqlearn")

ROOT = Path(__file__).parent


def pytest_configure(config):
    # nbval resolves --nbval-sanitize-with relative to the working directory; an absolute
    # path makes `pytest` behave the same from any folder.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
