"""`unfree serve`: start the review workspace (and, on a first start, make its admin)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from unfree.store.database import StoreError, masked_url, open_database, resolve_url


def serve_cmd(
    db: Annotated[str | None, typer.Option(help="Database URL (default $UNFREE_DB or "
                                           "sqlite:///unfree.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    admin: Annotated[str, typer.Option(help="Name of the first administrator.")] = "admin",
    samples: Annotated[bool, typer.Option(help="Store the bundled samples first.")] = True,
    samples_dir: Annotated[Path | None, typer.Option(help="Another folder of samples.")] = None,
    insecure_cookies: Annotated[bool, typer.Option(
        help="Send cookies over plain HTTP to hosts other than localhost (only behind a "
             "proxy that terminates TLS).")] = False,
) -> None:
    """Start the review workspace: upload, browse, review, comment, export."""
    import uvicorn

    from unfree.web.app import create_app
    from unfree.web.bootstrap import SAMPLES, ensure_admin, ingest_samples
    from unfree.web.settings import WebSettings

    url = resolve_url(db)
    try:
        engine = open_database(url)
    except StoreError as exc:
        typer.echo(f"error {exc}", err=True)
        raise typer.Exit(2) from exc
    if samples:
        report = ingest_samples(engine, samples_dir or SAMPLES)
        if report is not None:
            typer.echo(f"samples: {report.stored} stored, {report.skipped} already stored")
    password = ensure_admin(engine, admin)
    if password is not None:
        typer.echo(f"first administrator: user name {admin!r}, password {password!r} "
                   "(shown once; stored only hashed)")
    typer.echo(f"database {masked_url(url)}; open http://{host}:{port}/")
    app = create_app(WebSettings(db_url=url, secure_cookies=not insecure_cookies), engine)
    uvicorn.run(app, host=host, port=port, log_level="warning")
