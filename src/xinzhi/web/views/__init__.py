"""Route modules: ``pages`` (dashboard), ``admin`` (users, audit log), ``api`` (REST, /api/v1)."""
