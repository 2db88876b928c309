"""Independent oracle for the end-to-end tests: counts straight from the raw tables of the
demo database (not the rollups the server reads), for the own brand over a date range.

usage: python3 oracle.py DB FROM TO  -> JSON on stdout
"""
import json
import sqlite3
import sys

db, day_from, day_to = sys.argv[1], sys.argv[2], sys.argv[3]
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
own = con.execute("SELECT id FROM brands WHERE is_own = 1").fetchone()[0]
by_label = dict(con.execute(
    "SELECT sentiment_label, COUNT(*) FROM mentions WHERE brand_id = ? AND day BETWEEN ? AND ? GROUP BY 1",
    (own, day_from, day_to)).fetchall())
all_brands = con.execute("SELECT COUNT(*) FROM mentions WHERE day BETWEEN ? AND ?", (day_from, day_to)).fetchone()[0]
eng = con.execute(
    "SELECT COALESCE(SUM(reactions + comments + shares + saves + clicks), 0) FROM posts WHERE brand_id = ? AND day BETWEEN ? AND ?",
    (own, day_from, day_to)).fetchone()[0]
last_day = con.execute("SELECT MAX(day) FROM mentions").fetchone()[0]
print(json.dumps({
    "mentions": sum(by_label.values()),
    "positive": by_label.get("positive", 0),
    "neutral": by_label.get("neutral", 0),
    "negative": by_label.get("negative", 0),
    "all_brands": all_brands,
    "engagements": eng,
    "last_day": last_day,
}))
