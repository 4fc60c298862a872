"""Parses RSS and Atom feeds with feedparser, as aggregators do, and prints what they hold as
JSON. (feedparser 6.0 does not read JSON Feed; the tests read that one with feedsmith.)

Usage: python3 tests/e2e/feeds.py URL... (the end-to-end tests run it on a built site).
"""
import json
import sys
import time

import feedparser


def entry(e):
    content = e.get("content") or [{"value": e.get("summary", "")}]
    published = e.get("published_parsed")
    return {
        "title": e.get("title"),
        "link": e.get("link"),
        "id": e.get("id"),
        "authors": [a.get("name") for a in e.get("authors", []) if a.get("name")],
        "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", published) if published else None,
        "content": max((c.get("value", "") for c in content), key=len),
    }


def main(urls):
    out = []
    for url in urls:
        d = feedparser.parse(url)
        out.append({
            "url": url,
            "version": d.get("version"),
            "bozo": bool(d.get("bozo")),
            "bozo_exception": str(d.get("bozo_exception", "")),
            "title": d.feed.get("title"),
            "language": d.feed.get("language"),
            "entries": [entry(e) for e in d.entries],
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1:])
