"""Independent oracle for the end-to-end tests: counts straight from the raw tables of the
demo database (not the rollups the server reads), for the own brand over a date range.
SQLite is read with Python's sqlite3, PostgreSQL with psql.

usage: python3 oracle.py DATABASE_URL FROM TO             -> JSON on stdout
       python3 oracle.py DATABASE_URL FROM TO CAMPAIGN_ID -> the campaign's mentions and
         owned-post engagements (its brand, attributed to it) between FROM and TO, and the
         engagements of its five most engaging posts
       python3 oracle.py DATABASE_URL FROM TO terms=TERM,TERM markets=DE,UK
         -> the own brand's mentions in those markets between FROM and TO that no import named
         a campaign for and whose text holds a term as whole words (the attribution rule,
         recomputed here with Python's re)
"""
import json
import re
import sqlite3
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

url, day_from, day_to = sys.argv[1], sys.argv[2], sys.argv[3]
campaign = sys.argv[4] if len(sys.argv) > 4 else None


def sqlite_query(sql, every=False):
    path = url.split("://", 1)[1]
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    if every:
        return [r[0] for r in con.execute(sql).fetchall()]
    return con.execute(sql).fetchone()[0]


def postgres_query(sql, every=False):
    parts = urlsplit(url)
    schema = parse_qs(parts.query).get("schema", ["public"])[0]
    conninfo = f"{parts.scheme}://{parts.netloc}{parts.path}"
    out = subprocess.run(
        ["psql", conninfo, "-XAtq", "-c", f"SET search_path = {schema}", "-c", sql],
        check=True, capture_output=True, text=True,
    ).stdout
    return out.split("\n")[:-1] if every else out.strip()


query = sqlite_query if url.startswith("sqlite:") else postgres_query
own = f"(SELECT id FROM brands WHERE is_own)"
span = f"day BETWEEN '{day_from}' AND '{day_to}'"


def count(label):
    return int(query(f"SELECT COUNT(*) FROM mentions WHERE brand_id = {own} AND {span} AND sentiment_label = '{label}'"))


if campaign is not None and campaign.startswith("terms="):
    terms = [t.strip().lower() for t in campaign[len("terms="):].split(",") if t.strip()]
    markets = ",".join(f"'{m}'" for m in sys.argv[5][len("markets="):].split(","))
    texts = query(
        f"SELECT text FROM mentions WHERE brand_id = {own} AND {span} AND market IN ({markets}) "
        f"AND (campaign_id IS NULL OR campaign_by_terms = {'1' if url.startswith('sqlite:') else 'TRUE'})", True)
    pattern = re.compile("|".join(
        (r"" if t.startswith("#") else r"(?<!\w)") + re.escape(t) + r"(?!\w)" for t in terms))
    print(json.dumps({"mentions": sum(1 for t in texts if pattern.search(t.lower()))}))
    sys.exit(0)

if campaign is not None:
    c = int(campaign)
    brand = f"(SELECT brand_id FROM campaigns WHERE id = {c})"
    print(json.dumps({
        "mentions": int(query(f"SELECT COUNT(*) FROM mentions WHERE campaign_id = {c} AND brand_id = {brand} AND {span}")),
        "engagements": int(query(
            f"SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts "
            f"WHERE campaign_id = {c} AND brand_id = {brand} AND {span}")),
        "posts": int(query(f"SELECT COUNT(*) FROM posts WHERE campaign_id = {c} AND brand_id = {brand} AND {span}")),
        # the five most engaging posts' engagements (ties: the earlier post)
        "top": [int(v) for v in query(
            f"SELECT reactions + comments + shares + saves + clicks AS e FROM posts "
            f"WHERE campaign_id = {c} AND brand_id = {brand} AND {span} ORDER BY e DESC, published_at, id LIMIT 5", True)],
    }))
    sys.exit(0)

positive, neutral, negative = count("positive"), count("neutral"), count("negative")
print(json.dumps({
    "mentions": positive + neutral + negative,
    "positive": positive,
    "neutral": neutral,
    "negative": negative,
    "all_brands": int(query(f"SELECT COUNT(*) FROM mentions WHERE {span}")),
    "engagements": int(query(
        f"SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE brand_id = {own} AND {span}")),
    "last_day": str(query("SELECT MAX(day) FROM mentions")),
}))
