"""The command line: a thin layer over the Python API."""
from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import KhabarError

console = Console(stderr=True)


def _progress() -> Progress:
    # shows after a couple of seconds only, so short runs stay quiet
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)


def _pipeline(config_path: str | None, discover: bool = False):
    from .config import Config
    from .pipeline import Pipeline
    cfg = Config.load(config_path, discover=discover)
    return Pipeline(cfg)


def _summary(stats: dict, reports: list | None = None) -> None:
    table = Table(title="khabar")
    for k in stats:
        table.add_column(k)
    table.add_row(*[str(v) for v in stats.values()])
    Console().print(table)
    if reports:
        t = Table(title="claims")
        for col in ("report", "type", "modality", "date", "place", "agent", "count", "sources"):
            t.add_column(col)
        for rep in reports:
            for c in rep.claims:
                place = c.location or c.destination or c.origin
                t.add_row((rep.title or rep.path or rep.id)[:30], c.type, c.modality,
                          (c.date.start or c.date.text) if c.date else "", place.name if place else "",
                          ",".join(a["id"] for a in c.agent),
                          (c.count.text if c.count else "") or (c.fatalities.text if c.fatalities else ""),
                          " < ".join(s.name for s in c.sources))
        Console().print(t)


@click.group()
@click.version_option(package_name="khabar")
def main():
    """khabar: sourced, geocoded claims and events from conflict news."""


def _count_inputs(paths) -> int | None:
    from .read import iter_files
    return sum(1 for _ in iter_files(paths))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--out", "outdir", required=True, type=click.Path(file_okay=False), help="output folder")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="TOML config file")
@click.option("--discover", is_flag=True, help="also find names outside the gazetteer with spaCy")
@click.option("--workers", type=int, default=1, show_default=True, help="local worker processes")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on the dask.distributed cluster at --scheduler, Parquet into OUTDIR/parquet/")
@click.option("--scheduler", help="dask scheduler address, e.g. tcp://10.0.0.5:8786")
@click.option("--summary/--no-summary", default=False, help="print a table of the claims")
def extract(paths, outdir, config_path, discover, workers, summary, engine="local", scheduler=None):
    """Extract reports.jsonl, events.jsonl and rejected.jsonl from files and folders into OUTDIR."""
    from .output import OutputDir
    from .model import Rejected
    pipe = _pipeline(config_path, discover)
    out = OutputDir(outdir)
    reports, stats = [], {"reports": 0, "rejected": 0, "claims": 0, "events": 0}
    with _progress() as prog:
        task = prog.add_task("extracting", total=_count_inputs(paths))
        for item in _run(pipe, paths, workers, engine, scheduler, Path(outdir) / "parquet"):
            if isinstance(item, Rejected):
                stats["rejected"] += 1
                console.print(f"[yellow]rejected[/] {item.path}: {item.reason}", highlight=False)
                out.write(item)
            elif out.write(item):
                reports.append(_light(item))
                stats["reports"] += 1
                stats["claims"] += len(item.claims)
            prog.advance(task)
    events = pipe.events(reports)
    out.write_events(events)
    out.rewrite_reports({r.id: r for r in reports if _year_filled(r)})
    out.close()
    stats["events"] = len(events)
    _summary(stats, reports if summary else None)
    sys.exit(0 if stats["reports"] or not stats["rejected"] else 1)


def _year_filled(rep) -> bool:
    return any(c.date is not None and c.date.year_from for c in rep.claims)


def _light(rep):
    """What event linking, year filling and the summary need of a report, without its text,
    mentions or spans: a day of news held for linking costs its claims, not its articles."""
    from .model import Report
    light = Report(raw="", path=rep.path, url=rep.url, outlet=rep.outlet, title=rep.title,
                   published=rep.published, id=rep.id, lang=rep.lang)
    light.claims = rep.claims
    return light


def _run(pipe, paths, workers: int, engine: str = "local", scheduler: str | None = None, parquet_dir=None):
    if engine == "dask":
        from .engine import read_parquet, run_dask
        if not scheduler:
            raise click.UsageError("--engine dask needs --scheduler ADDRESS (a running dask scheduler)")
        try:
            run_dask(paths, parquet_dir, scheduler, pipe.ctx.config)
        except ConnectionError as exc:
            raise click.ClickException(str(exc)) from exc
        yield from read_parquet(parquet_dir)
    elif workers and workers > 1:
        from .parallel import run_parallel
        yield from run_parallel(pipe, paths, workers)
    else:
        yield from pipe.run(paths)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="SQLite file (created if missing)")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False))
@click.option("--discover", is_flag=True)
@click.option("--workers", type=int, default=1, show_default=True)
@click.option("--batch", type=int, default=100, show_default=True, help="reports per transaction")
@click.option("--from-parquet", "from_parquet", type=click.Path(exists=True), help="merge Parquet written by the dask engine")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: run on the cluster at --scheduler, Parquet into DB.parquet/, then store it")
@click.option("--scheduler", help="dask scheduler address, e.g. tcp://10.0.0.5:8786")
@click.option("--summary/--no-summary", default=False)
def ingest(paths, db, config_path, discover, workers, batch, from_parquet, summary, engine="local", scheduler=None):
    """Ingest files and folders into a SQLite store, skipping reports already stored."""
    from . import store
    pipe = _pipeline(config_path, discover)
    conn = store.connect(db)
    with _progress() as prog:
        task = prog.add_task("ingesting", total=None if from_parquet else _count_inputs(paths))
        if from_parquet:
            from .engine import read_parquet
            items = read_parquet(from_parquet)
        else:
            if engine == "local" and (workers or 1) <= 1:   # worker processes cannot share the connection
                pipe.known = lambda rid: store.has_report(conn, rid)
            items = _run(pipe, paths, workers, engine, scheduler, Path(db + ".parquet"))
        stats = store.ingest(conn, items, batch=batch, on_item=lambda _: prog.advance(task))
    reports = list(store.load_reports(conn, with_text=False))
    events = pipe.events(reports)
    store.replace_events(conn, events)
    store.update_claim_dates(conn, [r for r in reports if _year_filled(r)])
    stats["events"] = len(events)
    _summary(stats)
    sys.exit(0 if stats["reports"] or stats["skipped"] or not stats["rejected"] else 1)


@main.command(name="eval")
@click.argument("outdir", required=False, type=click.Path(exists=True))
@click.option("--gold", type=click.Path(exists=True, dir_okay=False), help="gold annotation (khabar-gold/1)")
@click.option("--acled", type=click.Path(exists=True, dir_okay=False), help="ACLED rows whose notes are the input")
@click.option("--json", "as_json", is_flag=True, help="print scores as JSON")
@click.option("--limit", type=int, default=None, help="score only the first N ACLED rows")
@click.option("--details", is_flag=True, help="list every wrong field of a matched gold claim")
def eval_(outdir, gold, acled, as_json, limit, details):
    """Score an extraction against gold annotations, or run and score ACLED notes."""
    from . import evaluate
    if gold:
        if not outdir:
            raise click.UsageError("--gold needs the OUTDIR written by 'khabar extract'")
        scores = evaluate.score_gold(gold, outdir)
    elif acled:
        scores = evaluate.score_acled(acled, limit=limit)
    else:
        raise click.UsageError("give --gold FILE OUTDIR or --acled FILE")
    evaluate.print_scores(scores, as_json=as_json, details=details)


@main.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="interface to listen on")
@click.option("--port", type=int, default=8001, show_default=True)
@click.option("--live", is_flag=True, help="read-only but not immutable: for a store an ingest is still filling")
def serve(db, host, port, live):
    """Browse a store in Datasette (read-only): map, facets, search, canned queries."""
    from .serve import serve as run_serve
    run_serve(db, host=host, port=port, live=live)


@main.command()
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False), help="HTML file to write")
@click.option("--title", help="title of the report")
def report(db, out, title):
    """Write one self-contained HTML report: map, timeline, events, claims, source chains."""
    from .report_html import write_report
    n = write_report(db, out, title=title)
    console.print(f"{out}: {n['events']} events ({n['located']} located), {n['claims']} claims", highlight=False)


@main.command(name="export")
@click.argument("db", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", required=True, type=click.Choice(["acled", "geojson", "csv", "jsonl", "parquet"]))
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="output file (default: standard output)")
def export_(db, fmt, out):
    """Export claims as ACLED-style CSV, GeoJSON, CSV, JSONL or Parquet (one row per claim)."""
    from .export import export_file
    n = export_file(db, fmt, out)
    if out:
        console.print(f"{out}: {n} {'features' if fmt == 'geojson' else 'rows'}", highlight=False)


@main.group()
def gazetteer():
    """The gazetteer of places: add a GeoNames country dump for villages the shipped data lacks."""


@gazetteer.command(name="add")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dir", "user_dir", type=click.Path(file_okay=False),
              help="user gazetteer folder (default: $KHABAR_HOME/gazetteer or ~/.local/share/khabar/gazetteer)")
def gazetteer_add(file, user_dir):
    """Merge a GeoNames dump (e.g. SY.txt from download.geonames.org/export/dump) into the user's gazetteer."""
    from .gazetteer import add_dump
    r = add_dump(file, user_dir)
    console.print(f"{r['file']}: {r['added']} places added, {r['updated']} updated, {r['total']} in all",
                  highlight=False)


def run():
    try:
        main(standalone_mode=True)
    except KhabarError as exc:
        console.print(f"[red]error[/] {exc.code}: {exc.message}")
        sys.exit(2)
    except Exception as exc:  # no traceback reaches the user; KHABAR_DEBUG=1 shows it
        import os
        if os.environ.get("KHABAR_DEBUG") == "1":
            raise
        import sqlite3
        from .errors import error
        code = "E_DB" if isinstance(exc, sqlite3.Error) else "E_UNEXPECTED"
        err = error(code, detail=f"{type(exc).__name__}: {exc}"[:500])
        console.print(f"[red]error[/] {err.code}: {err.message}", highlight=False)
        sys.exit(2)
