"""The audit log: every change made through the review workspace, written in the change's
own transaction (a change without its audit row cannot be committed, nor the other way)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert

from unfree.store.workspace_schema import AuditRow


def record_change(connection: Connection, *, actor_id: int | None, action: str,
                  object_type: str, object_id: int | str, project_id: int | None = None,
                  before: dict[str, Any] | None = None,
                  after: dict[str, Any] | None = None) -> None:
    """Log `action` by `actor_id` on an object, with its state before and after (JSON)."""
    connection.execute(insert(AuditRow).values(
        at=datetime.now(UTC), actor_id=actor_id, action=action, object_type=object_type,
        object_id=str(object_id), project_id=project_id, before=before, after=after))
