"""JSON Lines that every reader splits the same way and that can sit inside HTML.

`json.dumps` leaves three things that trip consumers: NaN and Infinity (not JSON at all),
U+0085, U+2028 and U+2029 (Python's `str.splitlines` and JavaScript's older parsers treat
them as line breaks, so a line-based reader would cut a record in two), and `<`, `>`, `&`
(a `</script>` in a quote ends the script block of a page that inlines the JSON). Each is
written as a `\\uXXXX` escape, which every JSON parser turns back into the same character:
quotes come back exactly as they were.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_ESCAPES = str.maketrans({
    "\u0085": "\\u0085",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
})


def dumps_line(obj: Any) -> str:
    """One JSON value on one line (without the newline); raises on NaN or Infinity."""
    # Every `<`, `>`, `&` and line-like character outside strings is structural and never
    # one of these, so translating the whole serialised text only touches string contents.
    return json.dumps(obj, ensure_ascii=False, allow_nan=False).translate(_ESCAPES)


def write_json_lines(objects: Iterable[Any], path: Path) -> int:
    """Write one object a line to `path`; return how many were written."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for obj in objects:
            out.write(dumps_line(obj) + "\n")
            count += 1
    return count
