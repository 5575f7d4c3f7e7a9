"""What text a request may carry into the store.

PostgreSQL refuses the NUL character in text (SQLite keeps it), so a NUL in a name, a
comment or a search would be a server error on one database and stored text on the other.
No form field, query parameter or JSON string of the workspace has any use for it: each is
refused where it is parsed (422), the same on both databases. Query parameters and paths
are checked once for every route (`has_nul`); body fields carry the `Plain` type.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import unquote_plus

from pydantic import AfterValidator, StringConstraints


def no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text cannot hold the NUL character")
    return value


Plain = Annotated[str, AfterValidator(no_nul)]
"""A string of a JSON body or a form: anything but NUL."""


def has_nul(path: str, query: str) -> bool:
    """Whether a request's (decoded) path or its query string holds a NUL."""
    return "\x00" in path or "\x00" in unquote_plus(query)


CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$")]
"""An ISO 3166-1 alpha-2 code (either case), as country mentions are keyed."""
SectorId = Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,64}$")]
"""A sector's id (`unfree/data/sectors.yaml`)."""
