"""The Python API: `extract` for one text or page, `Pipeline` for many."""
from __future__ import annotations

from .model import Report
from .pipeline import Pipeline

_default: Pipeline | None = None


def extract(text_or_html: str, published: str | None = None, url: str | None = None,
            outlet: str | None = None, title: str | None = None, pipeline: Pipeline | None = None) -> Report:
    """One report from a text or an HTML page: cleaned, located, dated, its claims and sources."""
    global _default
    from .read import _looks_html
    pipe = pipeline or _default or Pipeline()
    if pipeline is None:
        _default = pipe
    rep = Report(raw=text_or_html, url=url, published=published, outlet=outlet, title=title)
    if _looks_html(text_or_html) or "<body" in text_or_html[:5000].lower():
        rep._html = text_or_html
    return pipe.process(rep)


__all__ = ["extract", "Pipeline", "Report"]
