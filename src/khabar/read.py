"""Stage 1 — read: files and folders into Reports (or Rejected entries, never exceptions).

Handles .txt, .html/.htm, .json (one record or a list) and .jsonl records of
{url, title, published, outlet, text | html}. Encodings are detected, not assumed.
"""
from __future__ import annotations

import errno
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from functools import lru_cache
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


# <meta charset="windows-1256"> or <meta http-equiv=... content="text/html; charset=...">
META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
# C0 controls other than tab, line feed, form feed, carriage return: rare in text, common in binary
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes to text: BOMs first, then UTF-8, a declared HTML charset, then charset-normalizer's guess."""
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
        text = _declared(data)
        if text is None:
            try:
                best = from_bytes(data).best()
            except Exception:  # the detector is a heuristic; any failure means "no fit"
                best = None
            if best is None:
                raise error("E_ENCODING", detail="no encoding fits the bytes")
            text = str(best)
    sample = text[:8192]
    if sample and len(CONTROL.findall(sample)) > max(8, len(sample) // 20):
        raise error("E_BINARY", detail="control characters" if "\x00" not in sample else "NUL bytes")
    return text


def _declared(data: bytes) -> str | None:
    """Text decoded with the charset an HTML page declares in its <meta>, when that decodes cleanly."""
    m = META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        return data.decode(m.group(1).decode("ascii").lower())
    except (LookupError, UnicodeDecodeError, ValueError):
        return None


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Rejected]:
    """Every supported file under the given paths, sorted, with symlink loops and unreadable folders reported."""
    for p in paths:
        path = Path(p)
        try:
            if path.is_dir():
                seen: set[str] = set()
                failed: list[OSError] = []
                for root, dirs, files in os.walk(path, followlinks=True, onerror=failed.append):
                    while failed:
                        yield _os_rejected(Path(failed[0].filename or root), failed.pop(0))
                    real = os.path.realpath(root)
                    if real in seen:
                        dirs[:] = []
                        yield Rejected(shown(root), "E_LOOP", error("E_LOOP", detail=shown(root)).message)
                        continue
                    seen.add(real)
                    if root != str(path) and _is_output_dir(files):
                        dirs[:] = []   # khabar's own output (an -o folder inside the input folder)
                        continue
                    dirs.sort()
                    for name in sorted(files):
                        f = Path(root) / name
                        if f.suffix.lower() in SUPPORTED:
                            yield f
                while failed:
                    yield _os_rejected(Path(failed[0].filename or path), failed.pop(0))
            elif path.exists() or path.is_symlink():
                yield path  # read_file rejects dangling links, loops, FIFOs with the reason
            else:
                yield Rejected(shown(path), "E_UNREADABLE", error("E_UNREADABLE", detail="no such file").message)
        except OSError as exc:
            yield _os_rejected(path, exc)


# the files of the output contract: a folder holding these is khabar's own output, not input
OUTPUT_FILES = {"reports.jsonl", "rejected.jsonl"}


def _is_output_dir(files: list[str]) -> bool:
    return OUTPUT_FILES <= set(files)


def read_file(path: Path, cfg: Config | None = None) -> Iterator[Report | Rejected]:
    """The reports in one file; anything that cannot be read becomes a Rejected entry, never an exception.

    Only regular files are opened (a FIFO or device named *.txt would block or never end), and a
    file over `cfg.max_input_bytes` is rejected from its size without being loaded, except a
    .jsonl file, which is read record by record with the limit applied to each line.
    """
    cfg = cfg or Config()
    name = shown(path)
    try:
        st = os.stat(path)  # follows symbolic links
        if stat.S_ISDIR(st.st_mode):
            raise error("E_UNREADABLE", detail="is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise error("E_UNREADABLE", detail="not a regular file (FIFO, socket or device)")
        ext = path.suffix.lower()
        if st.st_size > cfg.max_input_bytes:
            if ext in JSONL_EXT:
                yield from _stream_jsonl(path, cfg)
                return
            raise error("E_TOO_LARGE", detail=f"{st.st_size} bytes > {cfg.max_input_bytes}")
        with open(path, "rb") as fh:
            data = fh.read(cfg.max_input_bytes + 1)
        if len(data) > cfg.max_input_bytes:  # it grew between stat and read
            raise error("E_TOO_LARGE", detail=f"more than {cfg.max_input_bytes} bytes")
    except KhabarError as exc:
        yield Rejected(name, exc.code, exc.message)
        return
    except OSError as exc:
        yield _os_rejected(path, exc)
        return
    yield from read_bytes(data, name, ext)


def _os_rejected(path: Path, exc: OSError) -> Rejected:
    if exc.errno == errno.ELOOP:
        return Rejected(shown(path), "E_LOOP", error("E_LOOP", detail=shown(path)).message)
    if isinstance(exc, FileNotFoundError):
        detail = "dangling symbolic link" if os.path.islink(path) else "file vanished or does not exist"
    else:
        detail = exc.strerror or str(exc)
    return Rejected(shown(path), "E_UNREADABLE", error("E_UNREADABLE", detail=_clean(detail)).message)


def _stream_jsonl(path: Path, cfg: Config) -> Iterator[Report | Rejected]:
    """A .jsonl file too large to load whole, one line at a time (each line at most the limit)."""
    name = shown(path)
    limit = cfg.max_input_bytes
    with open(path, "rb") as fh:
        n = 0
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            n += 1
            if len(line) > limit and not line.endswith(b"\n"):
                # skip the rest of an over-long line without holding it
                while line and not line.endswith(b"\n"):
                    line = fh.readline(1 << 20)
                yield Rejected(name, "E_TOO_LARGE", error("E_TOO_LARGE", detail=f"line {n} over {limit} bytes").message, n)
                continue
            yield from jsonl_record(line, name, n)


def jsonl_record(line: bytes, name: str, n: int) -> Iterator[Report | Rejected]:
    """The report (or rejection) of line `n` of a JSONL file, as bytes read; nothing for a blank line."""
    if n == 1 and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not line.strip():
        return
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = decode(line)
        except KhabarError as exc:
            yield Rejected(name, exc.code, exc.message, n)
            return
    yield from _jsonl_line(text.rstrip("\n"), name, n)


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
        # split on line feeds only: JSON strings may hold U+2028, U+0085 or \x1c raw, which
        # str.splitlines() would also break on
        for n, line in enumerate(text.split("\n"), 1):
            yield from _jsonl_line(line, name, n)
    elif ext in JSON_EXT:
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejected(name, "E_JSON", error("E_JSON", detail=f"{exc.msg} (line {exc.lineno})").message)
            return
        except RecursionError:
            yield Rejected(name, "E_JSON", error("E_JSON", detail="nested too deeply").message)
            return
        recs = obj if isinstance(obj, list) else [obj]
        for n, rec in enumerate(recs, 1):
            yield from _record(rec, name, n if isinstance(obj, list) else None)
    elif ext in HTML_EXT or _looks_html(text):
        yield Report(raw=text, path=name, _html=text)
    else:
        yield Report(raw=text, path=name)


def _jsonl_line(line: str, name: str, n: int) -> Iterator[Report | Rejected]:
    if not line.strip():
        return
    try:
        rec = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        yield Rejected(name, "E_JSON", error("E_JSON", detail=f"line {n}: {msg}").message, n)
        return
    yield from _record(rec, name, n)


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
    # JSON may spell lone surrogates ("\ud800"): no UTF-8 writer (reports.jsonl, SQLite) takes them
    body_text, body_html = _clean(body_text), _clean(body_html)
    rep = Report(raw=body_text if body_text else body_html, path=path, url=_clean(rec.get("url")),
                 outlet=_clean(rec.get("outlet")), title=_clean(rec.get("title")),
                 published=_iso(rec.get("published")))
    if not body_text:
        rep._html = body_html
    yield rep


SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str | None) -> str | None:
    """A string any UTF-8 writer takes: lone surrogates become U+FFFD."""
    return SURROGATE.sub("\ufffd", value) if value else value


def shown(path) -> str:
    """A path as recorded in reports and rejections. A file name that is not valid UTF-8 (Linux
    allows any bytes) keeps its odd bytes as \\xNN escapes instead of lone surrogates, which no
    UTF-8 writer takes."""
    s = os.fspath(path)
    s = s if isinstance(s, str) else os.fsdecode(s)
    if SURROGATE.search(s):
        return os.fsencode(s).decode("utf-8", "backslashreplace")
    return s


def _iso(value: str | None) -> str | None:
    """The date of a published timestamp as ISO yyyy-mm-dd, or None when it cannot be read.

    Takes ISO 8601 ("2021-04-13", "2021-04-13T10:00:00Z"), RFC 2822 ("Tue, 13 Apr 2021 10:00:00
    +0000") and day-month-year or month-day-year with month names from CLDR for every
    language khabar reads ("13 April 2021", "April 13, 2021", "13 avril 2021", "13 نيسان 2021").
    """
    iso = _parse_published(value)
    # a publication date in year 1 or 9999 is junk metadata, and date arithmetic on it overflows
    return iso if iso and PUBLISHED_YEARS[0] <= int(iso[:4]) <= PUBLISHED_YEARS[1] else None


PUBLISHED_YEARS = (1900, 2100)


def _parse_published(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    import datetime as dt
    value = value.strip()[:200]
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _named_month_date(value)


DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})(?!\d)")
MONTH_DAY_YEAR = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)")
NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    """Month name (wide and abbreviated, casefolded) -> number, from Babel's CLDR data for the
    languages khabar has data for and all their regional variants (Levantine Arabic months too)."""
    from babel import Locale, localedata
    from .langdata import LANGS
    out: dict[str, int] = {}
    for ident in localedata.locale_identifiers():
        if ident.split("_")[0] not in LANGS:
            continue
        try:
            loc = Locale.parse(ident)
            for width in ("wide", "abbreviated"):
                for ctx in ("format", "stand-alone"):
                    for num, nm in loc.months[ctx][width].items():
                        out.setdefault(nm.casefold().rstrip("."), num)
        except Exception:  # a locale Babel cannot load is one fewer spelling, not a failure
            continue
    return out


def _named_month_date(value: str) -> str | None:
    import datetime as dt
    months = _month_numbers()
    for rx, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        for m in rx.finditer(value):
            a, b, year = m.groups()
            day, name = (a, b) if order == "dmy" else (b, a)
            num = months.get(name.casefold())
            if num is None:
                continue
            try:
                return dt.date(int(year), num, int(day)).isoformat()
            except ValueError:
                continue
    m = NUMERIC_YMD.search(value)
    if m:
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    return None


def read(paths: Iterable[str | os.PathLike], cfg: Config | None = None) -> Iterator[Report | Rejected]:
    """Stage entry point: every report (or rejection) from the given files and folders."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
            continue
        try:
            yield from read_file(item, cfg)
        except Exception as exc:  # a reader bug on one file must not end the run
            detail = f"{type(exc).__name__}: {exc}"[:300]
            yield Rejected(shown(item), "E_INTERNAL", error("E_INTERNAL", detail=_clean(detail)).message)
