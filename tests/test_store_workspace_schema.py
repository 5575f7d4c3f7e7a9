"""Migration 0002 (the review workspace) on a store that already holds documents: they go to
the default project, new projects get new ids, and documents stored the old way (`unfree
ingest`) keep landing in the default project."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, select

from unfree.model import Document
from unfree.pipeline import analyze
from unfree.store import accounts
from unfree.store.database import WRITE, open_database
from unfree.store.ingest import Outcome, store_analysis
from unfree.store.migrate import alembic_config
from unfree.store.projects import store_in_project
from unfree.store.schema import DocumentRow
from unfree.store.search import Filters, search
from unfree.store.workspace_schema import DEFAULT_PROJECT_ID, ProjectRow

TEXT = "The agent kept our passports and we worked fourteen hours a day in the laundry."


def test_existing_documents_go_to_the_default_project(db_url: str) -> None:
    old = create_engine(db_url)
    with old.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001")
    old.dispose()
    # A document stored by the 0001 schema, written without a project (no such column yet).
    engine = open_database(db_url)  # upgrades to the head
    try:
        with engine.connect() as connection:
            assert connection.scalar(select(ProjectRow.name).where(
                ProjectRow.id == DEFAULT_PROJECT_ID)) == "Default project"
        store_analysis(engine, analyze(Document(id="laundry", text=TEXT)))
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            new_project = accounts.create_project(connection, "Team C", actor_id=None)
        assert new_project != DEFAULT_PROJECT_ID
        with engine.connect() as connection:
            assert connection.scalar(select(DocumentRow.project_id)) == DEFAULT_PROJECT_ID
    finally:
        engine.dispose()


def test_documents_of_0001_keep_their_rows_through_the_upgrade(db_url: str) -> None:
    old = create_engine(db_url)
    with old.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO documents (external_id, content_hash, lang, text, engine_version, "
            "analysed_at) VALUES ('old', 'h1', 'en', 'an old text', '0.0', "
            "'2026-01-01 00:00:00')")
        connection.exec_driver_sql(
            "INSERT INTO findings (document_id, indicator, start, \"end\", quote, confidence, "
            "rule, origin, status) SELECT id, 'isolation', 0, 2, 'an', 0.5, 'r', 'machine', "
            "'machine' FROM documents")
    old.dispose()
    engine = open_database(db_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(select(DocumentRow.external_id, DocumentRow.project_id)
                                      ).all() == [("old", DEFAULT_PROJECT_ID)]
            assert connection.exec_driver_sql("SELECT count(*) FROM findings").scalar() == 1
    finally:
        engine.dispose()


def test_a_text_is_stored_once_per_project_and_ingest_keeps_its_ways(db_url: str) -> None:
    """Migration 0003: each project holds its own copy of a text; `unfree ingest` (the
    default project) still skips a text it stored, whatever other projects hold."""
    engine = open_database(db_url)
    try:
        with engine.connect().execution_options(**WRITE) as connection, connection.begin():
            team = accounts.create_project(connection, "Team D", actor_id=None)
        analysis = analyze(Document(id="laundry", text=TEXT))
        assert store_in_project(engine, analysis, team, actor_id=None).outcome == "stored"
        assert store_analysis(engine, analysis) is Outcome.STORED  # new to the default one
        assert store_analysis(engine, analysis) is Outcome.SKIPPED
        assert store_in_project(engine, analysis, team, actor_id=None).outcome == "skipped"
        with engine.connect() as connection:
            rows = connection.execute(select(DocumentRow.project_id, DocumentRow.duplicate_of)
                                      .order_by(DocumentRow.id)).all()
        assert rows == [(team, None), (DEFAULT_PROJECT_ID, None)]
        assert search(engine, "laundry", Filters(projects=(team,)))[0].document == 1
    finally:
        engine.dispose()


def test_upgrading_0002_keeps_documents_rows_and_full_text_search(db_url: str) -> None:
    old = create_engine(db_url)
    with old.connect() as connection, connection.begin():
        command.upgrade(alembic_config(connection), "0002")
    old.dispose()
    at_0002 = create_engine(db_url)  # not opened the usual way: that would upgrade it
    store_analysis(at_0002, analyze(Document(id="laundry", text=TEXT)))
    with at_0002.connect() as connection:
        before = connection.exec_driver_sql("SELECT count(*) FROM findings").scalar()
    at_0002.dispose()
    engine = open_database(db_url)  # 0002 -> head
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("SELECT count(*) FROM findings").scalar() == before
        assert before and [h.document for h in search(engine, "laundry", Filters())] == [1]
        # The full-text index follows new documents too (SQLite: its triggers were remade).
        store_analysis(engine, analyze(Document(id="mine", text=TEXT.replace(
            "laundry", "brickworks"))))
        assert [h.document for h in search(engine, "brickworks",
                                            Filters(duplicates=True))] == [2]
    finally:
        engine.dispose()
