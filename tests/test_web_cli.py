"""`unfree serve`: the samples stored, a first administrator made and its password printed
once, then the server started (here: its start recorded instead)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from typer.testing import CliRunner

from unfree.cli import app
from unfree.store.accounts import user_by_name
from unfree.store.database import open_database
from unfree.web import passwords

runner = CliRunner()


def test_serve_stores_samples_and_prints_the_first_admin(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[dict[str, Any]] = []
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append(dict(kw, app=app)))
    first = runner.invoke(app, ["serve", "--db", db_url, "--port", "8123"])
    assert first.exit_code == 0, first.output
    assert re.search(r"samples: \d+ stored", first.output)
    shown = re.search(r"user name 'admin', password '([^']+)'", first.output)
    assert shown is not None
    assert started and started[0]["port"] == 8123 and started[0]["host"] == "127.0.0.1"
    assert started[0]["app"].state.settings.secure_cookies is True
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            found = user_by_name(connection, "admin")
        assert found is not None and found[0].is_admin and found[0].status == "active"
        assert passwords.verify_password(found[1], shown.group(1))
    finally:
        engine.dispose()
    again = runner.invoke(app, ["serve", "--db", db_url])
    assert "password" not in again.output  # shown once only
    assert re.search(r"samples: 0 stored, \d+ already stored", again.output)
