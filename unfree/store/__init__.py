"""Store: the evidence base, analyses kept in a database that investigators can search.

Owns the database schema (SQLAlchemy models in `schema`, Alembic migrations shipped in
`migrations/` and applied in code by `database.open_database`), writing each analysed
document with all its rows in one transaction (`ingest`), recognising syndicated copies
and reposts (`neardup`), re-running a newer engine over stored texts (`reanalyze`), full
text search with filters (`search`), counts (`stats`), and the CLI commands for these
(`cli`). It reads documents through `unfree.ingest` and analyses them with
`unfree.pipeline.analyze`; it never changes what an analysis says.

One schema serves SQLite (a file, the default) and PostgreSQL (psycopg 3). Nothing is
imported here, so that the CLI can name the commands without loading database libraries.
"""

