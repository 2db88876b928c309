"""Runs one SQL statement on the e2e database (SQLite by Python's sqlite3, PostgreSQL by psql).
Used by the end-to-end tests to age a session, as time passing would."""
import subprocess
import sqlite3
import sys
from urllib.parse import parse_qs, urlparse

url, statement = sys.argv[1], sys.argv[2]
if url.startswith("sqlite:"):
    path = url.split("://", 1)[1].split("?", 1)[0]
    with sqlite3.connect(path) as db:
        db.execute(statement)
else:
    parsed = urlparse(url)
    schema = parse_qs(parsed.query).get("schema", [None])[0]
    base = parsed._replace(query="").geturl()
    prefix = f"SET search_path TO {schema};" if schema else ""
    subprocess.run(["psql", base, "-v", "ON_ERROR_STOP=1", "-qc", prefix + statement], check=True)
