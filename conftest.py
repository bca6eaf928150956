"""Root pytest configuration: point nbval at the sanitiser wherever pytest starts."""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).parent


def pytest_configure(config):
    # nbval resolves --nbval-sanitize-with relative to the working directory; an absolute
    # path makes `pytest` behave the same from any folder.
    if hasattr(config.option, "nbval_sanitize_with") and not config.option.nbval_sanitize_with:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
