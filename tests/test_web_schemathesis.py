"""The JSON API fuzzed from its own OpenAPI description with schemathesis: every operation,
called in-process with data that fits its schema and data that does not, signed in (as an
analyst, and as an administrator for the admin operations) and signed out, answers without
a server error (5xx), and a declared response schema holds for what it answers.

The run is bounded (`EXAMPLES` per operation and mode, derandomised) so that it fits a CI
job; set $UNFREE_FUZZ_EXAMPLES to a larger number for a longer, random run.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from web_support import PASSWORD, Workspace

EXAMPLES = int(os.environ.get("UNFREE_FUZZ_EXAMPLES", "0")) or 25
RANDOM = "UNFREE_FUZZ_EXAMPLES" in os.environ
CHECKS = [not_a_server_error, response_schema_conformance]
SQLITE_ONLY = pytest.mark.parametrize("new_database", ["sqlite"], indirect=True)
# Operations that some generated request passed with (a 2xx), signed in.
REACHED = {
    "GET /api/me", "PUT /api/me/text-size", "GET /api/documents",
    "GET /api/documents/{document_id}", "POST /api/projects/{project_id}/documents",
    "POST /api/findings/{finding_id}/review", "POST /api/documents/{document_id}/notes",
    "GET /api/export", "GET /api/users", "POST /api/projects", "GET /api/audit",
    "POST /api/register",
}
ADMIN_ONLY = {"/api/users", "/api/users/{user_id}/approve", "/api/projects", "/api/audit"}


def _session(ws: Workspace, username: str) -> dict[str, str]:
    """The headers of a signed-in browser's script: its session cookie and CSRF token."""
    client = ws.client()
    answer = client.post("/api/login", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 204, answer.text
    token = client.cookies["unfree_session"]
    csrf = client.get("/api/me").json()["csrf_token"]
    return {"Cookie": f"unfree_session={token}", "X-CSRF-Token": csrf}


def _schema(ws: Workspace, headers: dict[str, str]) -> Any:
    return schemathesis.openapi.from_asgi("/openapi.json", ws.app, headers=headers)


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str],
          pinned: dict[str, Any] | None = None, seen: Counter[tuple[str, int]] | None = None
          ) -> None:
    """Call `operation` EXAMPLES times with generated data and run the checks on each answer
    (counting the answers' statuses by operation in `seen`)."""
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=pinned)

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=not RANDOM,
              suppress_health_check=list(HealthCheck), print_blob=True)
    @given(case=strategy)
    def run(case: Case) -> None:
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        if seen is not None:
            seen[operation.label, response.status_code] += 1

    try:
        run()
    except Unsatisfiable:
        # Some inputs cannot be spoilt (any string is a valid job id): nothing to send.
        if mode is not GenerationMode.NEGATIVE:
            raise
    except Exception as exc:
        exc.add_note(f"{operation.label}, {mode.value} data, path pinned: {bool(pinned)}")
        raise


def _pins(ws: Workspace) -> dict[str, Any]:
    """Path parameters that name objects the analyst may change, so that generated bodies
    reach the handlers and the store instead of stopping at 404."""
    return {"document_id": ws.doc_a, "finding_id": ws.finding_a,
            "project_id": ws.default_project, "user_id": ws.users["vic"]}


def _modes(operation: Any) -> list[GenerationMode]:
    """Valid data always; invalid data where the operation takes any input to spoil."""
    takes_input = bool(list(operation.iter_parameters())) or bool(operation.body)
    return [GenerationMode.POSITIVE] + ([GenerationMode.NEGATIVE] if takes_input else [])


def _operations(schema: Any, keep: Callable[[Any], bool]) -> list[Any]:
    found = [result.ok() for result in schema.get_all_operations()]
    return [op for op in found if keep(op)]


@SQLITE_ONLY
def test_api_signed_in_has_no_server_errors(workspace: Workspace) -> None:
    # Both signed in first: the fuzzed sign-ins soon meet the rate limit of this address.
    analyst, admin = _session(workspace, "ana"), _session(workspace, "admin")
    # Signing out would end the run's session (tested in test_web_auth.py instead).
    operations = _operations(_schema(workspace, analyst), lambda op: op.path != "/api/logout")
    assert len(operations) >= 15
    pins = _pins(workspace)
    seen: Counter[tuple[str, int]] = Counter()
    for operation in operations:
        headers = admin if operation.path in ADMIN_ONLY else analyst
        for mode in _modes(operation):
            _fuzz(operation, mode, headers, seen=seen)
            pinned = {k: v for k, v in pins.items() if "{" + k + "}" in operation.path}
            if pinned and mode is GenerationMode.POSITIVE:
                _fuzz(operation, mode, headers, pinned, seen)
    # The fuzz reached the handlers, not only the access checks: valid data went through.
    succeeded = {label for label, status in seen if status < 300}
    assert succeeded >= REACHED, sorted(REACHED - succeeded)
    # The session lived through the run: no operation ended it or broke the store.
    assert workspace.client().get("/api/me", headers=analyst).status_code == 200


@SQLITE_ONLY
def test_api_signed_out_has_no_server_errors(workspace: Workspace) -> None:
    schema = _schema(workspace, _session(workspace, "ana"))
    seen: Counter[tuple[str, int]] = Counter()
    for operation in _operations(schema, lambda op: True):
        _fuzz(operation, GenerationMode.POSITIVE, {}, seen=seen)
    # Only sign-in and registration are open; a NUL in a query is refused before anything.
    open_ops = {"POST /api/login", "POST /api/register"}
    assert {status for label, status in seen if label not in open_ops} <= {400, 401}
    assert {label for label, status in seen if status == 401} >= {
        label for label, _ in seen if label not in open_ops}
