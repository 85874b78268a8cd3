"""The pipeline: stages in order over a stream of reports, then events across them.

Stages are plain functions `stage(report, ctx) -> report`, one per module, run in the order
of STAGES. Outside resources (gazetteer, language detector, spaCy model) live in Context and
are passed in, so tests can hand in small ones.
"""
from __future__ import annotations

import hashlib
import re
import time
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import attribution, claims, clean, dates, language, link, mentions, modality, normalise
from . import numbers
from .config import Config
from .model import Event, Rejected, Report

# per-report stages in pipeline order (read happens before, events/corroboration after)
STAGES = [
    ("clean", clean.clean),
    ("language", language.language),
    ("normalise", normalise.normalise),
    ("mentions", mentions.mentions),
    ("link", link.link),
    ("dates", dates.dates),
    ("numbers", numbers.numbers),
    ("claims", claims.claims),
    ("attribution", attribution.attribution),
    ("modality", modality.modality),
]


@dataclass
class Context:
    """Resources shared by the stages; anything left None is built on first use."""
    config: Config = field(default_factory=Config)
    gazetteer: Any = None
    detector: Any = None
    nlp: Any = None

    def get_gazetteer(self):
        if self.gazetteer is None:
            from .gazetteer import Gazetteer
            self.gazetteer = Gazetteer.load()
        return self.gazetteer

    def outlet_name(self, name: str) -> str:
        """The canonical name of an outlet as written in a footer ("FRENCH PRESS TV" -> "Press TV")."""
        try:
            gaz = self.get_gazetteer()
        except ImportError:
            gaz = None
        found = gaz.outlet(name) if hasattr(gaz, "outlet") else None
        return found["name"] if found else name.strip()


_SURROGATE = re.compile("[\ud800-\udfff]")


def report_id(text: str) -> str:
    """Content hash of the clean text: the same article read twice is one report."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Pipeline:
    """Processes many reports: `for r in Pipeline().run(paths)` or `.process(report)`."""

    def __init__(self, config: Config | None = None, gazetteer=None, detector=None, nlp=None):
        self.ctx = Context(config or Config(), gazetteer, detector, nlp)

    # `khabar ingest` sets this to "is this id already stored?": such a report stops after clean,
    # once its content hash is known, so re-running an interrupted ingest costs reading, not extracting
    known = None
    # set to a dict to have process() add each stage's seconds to it (`make bench` prints them)
    stage_seconds: dict | None = None

    def process(self, report: Report) -> Report:
        # a Python str may hold lone surrogates (JSON "\ud800", surrogateescape); no UTF-8
        # consumer (lingua, hashing, reports.jsonl, SQLite) takes them
        if _SURROGATE.search(report.raw):
            report.raw = _SURROGATE.sub("\ufffd", report.raw)
        if report._html is not None and _SURROGATE.search(report._html):
            report._html = _SURROGATE.sub("\ufffd", report._html)
        times = self.stage_seconds
        for name, stage in STAGES:
            if times is None:
                stage(report, self.ctx)
            else:
                t0 = time.perf_counter()
                stage(report, self.ctx)
                times[name] = times.get(name, 0.0) + time.perf_counter() - t0
            if name == "clean":
                report.id = report_id(report.text)
                if self.known is not None and report.text.strip() and self.known(report.id):
                    return report
        return report

    def safe_process(self, report: Report) -> Report | Rejected:
        """process(), turning an unexpected failure into a Rejected entry instead of a crash."""
        try:
            rep = self.process(report)
        except Exception as exc:  # one bad report must never stop a run
            detail = f"{type(exc).__name__}: {exc}"[:300]
            return Rejected(report.path or "<input>", "E_INTERNAL", f"a stage failed on this report: {detail}",
                            None) if not _debug() else _reraise()
        if not rep.text.strip():
            return Rejected(report.path or "<input>", "E_EMPTY", "no text left after cleaning")
        return rep

    def run(self, paths: Iterable[str]) -> Iterator[Report | Rejected]:
        from .read import read
        for item in read(paths, self.ctx.config):
            yield item if isinstance(item, Rejected) else self.safe_process(item)

    def events(self, reports: Iterable[Report]) -> list[Event]:
        from .corroboration import corroborate
        from .events import fill_years, link_events
        reports = list(reports)
        evs = corroborate(link_events(reports, self.ctx.config), reports, self.ctx.config,
                          gazetteer=self.ctx.gazetteer)
        # a yearless claim date takes the year of the event it joined (date.year_from says whence)
        fill_years(evs, reports)
        return evs


def _debug() -> bool:
    import os
    return os.environ.get("KHABAR_DEBUG") == "1"


def _reraise():
    traceback.print_exc()
    raise
