"""Expert-edited, language-independent data (indicator definitions, ILO norms) and the one
YAML reader every data file goes through."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

# libyaml's C parser when PyYAML was built with it (the PyPI wheels are): lexicons are
# thousands of terms and the pure-Python parser would dominate the first document's time.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader (no Python objects from data files)."""
    return yaml.load(text, Loader=_Loader)


@cache
def load_data(name: str) -> dict[str, Any]:
    """One of this folder's YAML files, parsed once per process."""
    data: dict[str, Any] = load_yaml(resources.files(__name__).joinpath(name).read_text("utf-8"))
    return data
