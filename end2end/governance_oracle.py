"""Independent oracle for the governance tests: each account's risks recomputed from the raw
tables (accounts, people, posts, settings) with the rules as the README states them, and the
matrix's gaps (market × platform without an account).

usage: python3 governance_oracle.py DATABASE_URL  -> JSON on stdout:
  {"today": ..., "counts": {risk: n}, "at_risk": n, "accounts": n, "gaps": n}
"""
import datetime
import json
import sqlite3
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

url = sys.argv[1]
PLATFORMS = ["x", "facebook", "instagram", "linkedin", "youtube", "tiktok"]


def rows(sql):
    if url.startswith("sqlite:"):
        con = sqlite3.connect(f"file:{url.split('://', 1)[1]}?mode=ro", uri=True)
        return [tuple("" if v is None else str(v) for v in r) for r in con.execute(sql).fetchall()]
    parts = urlsplit(url)
    schema = parse_qs(parts.query).get("schema", ["public"])[0]
    out = subprocess.run(
        ["psql", f"{parts.scheme}://{parts.netloc}{parts.path}", "-XAtq", "-F", "\t",
         "-c", f"SET search_path = {schema}", "-c", sql],
        check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.split("\n") if line]


settings = dict(rows("SELECT key, value FROM settings"))
tz = ZoneInfo(settings.get("reporting_time_zone", "UTC"))
today = datetime.datetime.now(tz).date()
dormant_days = int(settings.get("governance_dormant_days", 90))
review_days = int(settings.get("governance_review_days", 180))
left = {pid for (pid, status) in rows("SELECT id, status FROM people") if status == "left"}
last_post = dict(rows("SELECT account_id, MAX(day) FROM posts GROUP BY account_id"))
day = lambda s: datetime.date.fromisoformat(s[:10])

counts = {k: 0 for k in ["orphaned", "unofficial", "no_custodian", "no_backup", "dormant", "review_overdue"]}
at_risk = 0
cells = set()
accounts = rows("SELECT id, platform, COALESCE(market, ''), owner_id, backup_owner_id, custodian_id, status, "
                "created_on, last_reviewed_on FROM accounts")
for (aid, platform, market, owner, backup, custodian, status, created, reviewed) in accounts:
    cells.add((market, platform))
    risks = []
    if status == "unofficial":
        risks = ["unofficial"]
    elif status != "archived":
        ok = lambda p: p != "" and p not in left
        if not ok(owner):
            risks.append("orphaned")
        if not ok(custodian):
            risks.append("no_custodian")
        if not ok(backup) or backup == owner:
            risks.append("no_backup")
        since = day(last_post.get(aid) or created)
        if (today - since).days >= dormant_days:
            risks.append("dormant")
        if reviewed == "" or (today - day(reviewed)).days > review_days:
            risks.append("review_overdue")
    for r in risks:
        counts[r] += 1
    at_risk += bool(risks)

markets = [""] + [code for (code,) in rows("SELECT code FROM markets")]
gaps = sum(1 for m in markets for p in PLATFORMS if (m, p) not in cells)
print(json.dumps({"today": today.isoformat(), "counts": counts, "at_risk": at_risk,
                  "accounts": len(accounts), "gaps": gaps}))
