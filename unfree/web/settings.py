"""How a workspace server runs: its database, cookies and limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class WebSettings:
    db_url: str
    # Secure cookies travel over HTTPS only (browsers also accept them from http://localhost
    # and 127.0.0.1); turn off only behind a proxy that terminates TLS on another host name.
    secure_cookies: bool = True
    session_lifetime: timedelta = timedelta(hours=12)
    # Failed sign-ins within `login_window` before further tries are refused (429).
    login_failures_per_user: int = 5
    login_failures_per_address: int = 30
    login_window: timedelta = timedelta(minutes=15)
    max_upload_bytes: int = 20 * 1024 * 1024
