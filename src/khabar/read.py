"""Stage 1 — read: files and folders into Reports (or Rejected entries, never exceptions).

Handles .txt, .html/.htm, .json (one record or a list) and .jsonl records of
{url, title, published, outlet, text | html}. Encodings are detected, not assumed.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from .config import Config
from .errors import KhabarError, error
from .model import Rejected, Report

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml"}
JSON_EXT = {".json"}
JSONL_EXT = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT

# magic numbers of common binary formats that sometimes land in scraped folders
MAGIC = {b"\x89PNG": "PNG image", b"PK\x03\x04": "zip archive", b"%PDF": "PDF document",
         b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"\x1f\x8b": "gzip archive"}


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-8, then charset-normalizer's best guess."""
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise error("E_BINARY", detail=what)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise error("E_ENCODING", detail="no encoding fits the bytes")
        text = str(best)
    if "\x00" in text[:4096] and text.count("\x00") > len(text) // 10:
        raise error("E_BINARY", detail="NUL bytes")
    return text


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Rejected]:
    """Every supported file under the given paths, sorted, with symlink loops reported."""
    for p in paths:
        path = Path(p)
        try:
            if path.is_dir():
                seen: set[str] = set()
                for root, dirs, files in os.walk(path, followlinks=True):
                    real = os.path.realpath(root)
                    if real in seen:
                        dirs[:] = []
                        yield Rejected(str(root), "E_LOOP", error("E_LOOP", detail=root).message)
                        continue
                    seen.add(real)
                    dirs.sort()
                    for name in sorted(files):
                        f = Path(root) / name
                        if f.suffix.lower() in SUPPORTED:
                            yield f
            elif path.exists():
                yield path
            else:
                reason = "symbolic link loop or dangling link" if path.is_symlink() else "no such file"
                code = "E_LOOP" if path.is_symlink() else "E_UNREADABLE"
                yield Rejected(str(path), code, reason)
        except OSError as exc:
            yield Rejected(str(path), "E_UNREADABLE", str(exc))


def read_file(path: Path, cfg: Config | None = None) -> Iterator[Report | Rejected]:
    cfg = cfg or Config()
    try:
        size = path.stat().st_size
        if size > cfg.max_input_bytes:
            raise error("E_TOO_LARGE", detail=f"{size} bytes > {cfg.max_input_bytes}")
        data = path.read_bytes()
    except KhabarError as exc:
        yield Rejected(str(path), exc.code, exc.message)
        return
    except OSError as exc:
        yield Rejected(str(path), "E_UNREADABLE", error("E_UNREADABLE", detail=exc.strerror or str(exc)).message)
        return
    yield from read_bytes(data, str(path), path.suffix.lower())


def read_bytes(data: bytes, name: str, ext: str) -> Iterator[Report | Rejected]:
    try:
        text = decode(data)
    except KhabarError as exc:
        yield Rejected(name, exc.code, exc.message)
        return
    if not text.strip():
        yield Rejected(name, "E_EMPTY", error("E_EMPTY").message)
        return
    if ext in JSONL_EXT:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Rejected(name, "E_JSON", error("E_JSON", detail=f"line {n}: {exc.msg}").message, n)
                continue
            yield from _record(rec, name, n)
    elif ext in JSON_EXT:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejected(name, "E_JSON", error("E_JSON", detail=exc.msg).message)
            return
        recs = obj if isinstance(obj, list) else [obj]
        for n, rec in enumerate(recs, 1):
            yield from _record(rec, name, n if isinstance(obj, list) else None)
    elif ext in HTML_EXT or _looks_html(text):
        yield Report(raw=text, path=name, _html=text)
    else:
        yield Report(raw=text, path=name)


def _looks_html(text: str) -> bool:
    head = text[:1000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html"))


def _record(rec, name: str, n: int | None) -> Iterator[Report | Rejected]:
    where = f" (record {n})" if n else ""
    if not isinstance(rec, dict):
        yield Rejected(name, "E_RECORD", error("E_RECORD", detail=f"expected an object{where}").message, n)
        return
    body_html = rec.get("html")
    body_text = rec.get("text")
    for key in ("url", "title", "published", "outlet", "text", "html"):
        if rec.get(key) is not None and not isinstance(rec.get(key), str):
            yield Rejected(name, "E_RECORD", error("E_RECORD", detail=f"'{key}' must be a string{where}").message, n)
            return
    if not (body_text or body_html) or not (body_text or body_html).strip():
        yield Rejected(name, "E_RECORD", error("E_RECORD", detail=f"no 'text' or 'html'{where}").message, n)
        return
    path = f"{name}#{n}" if n else name
    rep = Report(raw=body_text if body_text else body_html, path=path, url=rec.get("url"),
                 outlet=rec.get("outlet"), title=rec.get("title"), published=_iso(rec.get("published")))
    if not body_text:
        rep._html = body_html
    yield rep


def _iso(value: str | None) -> str | None:
    """The date part of a published timestamp, when it parses as ISO 8601."""
    if not value:
        return None
    import datetime as dt
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def read(paths: Iterable[str | os.PathLike], cfg: Config | None = None) -> Iterator[Report | Rejected]:
    """Stage entry point: every report (or rejection) from the given files and folders."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item, cfg)
