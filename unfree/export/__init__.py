"""Exports: analysis records (lines of `unfree analyze --format jsonl`, or rows the store
yields) written for other tools, one small module per format:

| format | module | writes |
|---|---|---|
| json | `json_records` | the records, JSON Lines |
| csv | `csv_tables` | documents, findings, facts, mentions as spreadsheet-safe CSV |
| htcds | `htcds` (+ `htcds.yaml`) | cases in Human Trafficking Case Data Standard fields |
| ftm | `ftm` | FollowTheMoney entities, JSON Lines (needs the `ftm` extra) |
| annotations | `annotations` (+ `jsonld`) | W3C Web Annotations, JSON-LD lines |
| datasette | `datasette_db` | a SQLite file with views and FTS, and its metadata.json |

Every exporter takes an iterable of records and streams where its format allows; `cli`
holds the `unfree export` command. See docs/exports.md.
"""
