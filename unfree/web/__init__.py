"""Web: the review workspace (`unfree serve`). A FastAPI application with server-rendered
pages (Jinja2, autoescaped; one small static script, no build step) and a JSON API under
`/api/`, over the evidence base of `unfree/store/`.

It owns sign-in and sessions (argon2 password hashes, session cookies that are Secure,
HttpOnly and SameSite=Strict, a CSRF token on every form and unsafe API call, a rate limit
on failed sign-ins), roles and per-project scoping (all in `access.py`: anything another
project owns answers 404), the pages (upload, corpus browser and search, document view with
review and threaded comments, dashboard, exports, admin approval, audit log) and the
security headers. What is stored, and how (accounts, reviews, notes, audit rows), is
`unfree/store/` (`accounts.py`, `reviews.py`, `projects.py`, `audit.py`).
"""
