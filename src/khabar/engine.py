"""The Dask engine: the same stages on an existing dask.distributed cluster, to partitioned Parquet.

`run_dask(paths, outdir, scheduler)` lists the input files on the client, cuts the list into
partitions and sends each partition to the cluster as one task; a .jsonl file over SPLIT_BYTES
(a day of a news feed in one file) is cut at line ends into ranges of about that size, each a
partition of its own, numbered as a single-process run numbers its records. A worker builds its pipeline
once (cached per process and thread), reads and processes the partition's files and returns
one Parquet file (row groups written as it goes, so a worker holds compressed bytes, not
Report objects); the client writes it as `OUTDIR/part-NNNNN.parquet` the moment it arrives.

Each row is one input: `kind` "report" with the report's contract fields (scalars as columns,
`removed`, `paragraphs`, `mentions`, `claims` and any other contract field as JSON text), or
`kind` "rejected" with `code`, `reason`, `record`. `read_parquet(path)` turns the rows back
into Reports (via `model.report_from_dict`) and Rejected entries, file by file and batch by
batch, for `khabar ingest --from-parquet` and for the JSONL files of `khabar extract --engine dask`.

Workers read the input files by path, so the inputs must be visible at the same path on every
worker (a shared mount, or a LocalCluster on this machine); results travel back through the
scheduler, so OUTDIR only needs to exist on the client.
"""
from __future__ import annotations

import io
import json
import math
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .config import Config
from .model import Rejected, Report, Segment, json_text, report_from_dict

SCALARS = ("id", "path", "url", "outlet", "title", "published", "lang", "text")
JSON_COLS = ("removed", "paragraphs", "mentions", "claims")
ROW_GROUP = 256          # reports per Parquet row group written by a worker
MAX_PARTITION = 256      # input files per task, at most
CONNECT_TIMEOUT = "20s"  # to reach the scheduler
SPLIT_BYTES = 8 << 20    # a .jsonl file larger than this is cut into line ranges of about this size


def schema():
    import pyarrow as pa
    cols = [("kind", pa.string()), ("seq", pa.int64())]
    cols += [(c, pa.string()) for c in SCALARS + JSON_COLS]
    cols += [("extra", pa.string()), ("code", pa.string()), ("reason", pa.string()), ("record", pa.int64())]
    return pa.schema(cols)


def _row(item: Report | Rejected, seq: int) -> dict:
    row = {name: None for name in schema().names}
    row["seq"] = seq
    if isinstance(item, Rejected):
        row.update(kind="rejected", path=item.path, code=item.code, reason=item.reason, record=item.record)
        return row
    rec = item.contract()
    row["kind"] = "report"
    for k in SCALARS:
        row[k] = rec.pop(k, None)
    for k in JSON_COLS:
        row[k] = json_text(rec.pop(k, []))
    row["extra"] = json_text(rec) if rec else None
    return row


def item_from_row(row: dict) -> Report | Rejected:
    """A Report (or Rejected) back from one Parquet row."""
    if row.get("kind") == "rejected":
        return Rejected(row["path"], row["code"], row["reason"], row.get("record"))
    d = {k: row.get(k) for k in SCALARS}
    for k in JSON_COLS:
        d[k] = json.loads(row[k]) if row.get(k) else []
    if row.get("extra"):
        d.update(json.loads(row["extra"]))
    rep = report_from_dict(d)
    rep.raw = ""   # the raw text is not part of the contract; the clean text is
    rep.paragraphs = [Segment(p["start"], p["end"], p.get("lang")) for p in d.get("paragraphs") or []]
    return rep


# ---------------------------------------------------------------- worker side

_PIPES: dict = {}
_LOCK = threading.Lock()


def _worker_pipeline(cfg: Config):
    """This worker's pipeline for `cfg`, built on first use and kept (one per thread)."""
    from .pipeline import Pipeline
    key = (threading.get_ident(), repr(cfg))
    with _LOCK:
        pipe = _PIPES.get(key)
        if pipe is None:
            pipe = _PIPES[key] = Pipeline(cfg)
    return pipe


def process_partition(entries: list, cfg: Config | None = None) -> bytes:
    """Worker side: read and process one partition's files; the rows as Parquet bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .read import read_file
    cfg = cfg or Config()
    pipe = _worker_pipeline(cfg)
    sch = schema()
    sink = io.BytesIO()
    rows: list[dict] = []
    seq = 0
    with pq.ParquetWriter(sink, sch, compression="zstd") as writer:
        def flush():
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=sch))
                rows.clear()

        for entry in entries:
            if isinstance(entry, Rejected):
                items = [entry]
            elif isinstance(entry, tuple):
                items = _read_lines(*entry, cfg=cfg)
            else:
                items = read_file(Path(entry), cfg)
            for item in items:
                if isinstance(item, Report):
                    item = pipe.safe_process(item)
                rows.append(_row(item, seq))
                seq += 1
                if len(rows) >= ROW_GROUP:
                    flush()
        flush()
        if seq == 0:   # an empty partition still gets a (row-less) file with the schema
            writer.write_table(pa.Table.from_pylist([], schema=sch))
    return sink.getvalue()


# ---------------------------------------------------------------- client side

def _read_lines(path: str, start: int, end: int, first: int, cfg: Config | None = None) -> Iterator[Report | Rejected]:
    """The records of the lines of a .jsonl file between byte offsets start and end (line
    `first` begins at start), read as `read` reads a large .jsonl file: line by line."""
    from .errors import error
    from .read import jsonl_record
    limit = (cfg or Config()).max_input_bytes
    with open(path, "rb") as fh:
        fh.seek(start)
        n = first - 1
        while fh.tell() < end:
            line = fh.readline()
            if not line:
                return
            n += 1
            if len(line) > limit:
                yield Rejected(path, "E_TOO_LARGE", error("E_TOO_LARGE", detail=f"line {n} over {limit} bytes").message, n)
                continue
            yield from jsonl_record(line, path, n)


def _split_jsonl(path: str, chunk: int) -> list[tuple]:
    """(path, start, end, first line number) ranges of about `chunk` bytes, cut at line ends."""
    size = Path(path).stat().st_size
    ranges, start, line_no = [], 0, 1
    with open(path, "rb") as fh:
        while start < size:
            fh.seek(min(size, start + chunk))
            fh.readline()                      # to the end of the line the cut fell in
            end = min(size, fh.tell()) if start + chunk < size else size
            fh.seek(start)
            lines, left = 0, end - start       # count the lines of the range, 1 MB at a time
            while left > 0:
                block = fh.read(min(left, 1 << 20))
                if not block:
                    break
                lines += block.count(b"\n")
                left -= len(block)
            ranges.append((path, start, end, line_no))
            line_no += lines
            start = end
    return ranges


def partitions(paths: Iterable[str], n_workers: int = 1, size: int | None = None,
               split_bytes: int | None = None) -> list[list]:
    """The input files (and listing rejections) cut into partitions, in input order; a large
    .jsonl file becomes several partitions of line ranges."""
    from .read import JSONL_EXT, iter_files
    split_bytes = split_bytes or SPLIT_BYTES
    units: list = []   # an input file or listing rejection, or a list: a line range, a partition of its own
    for e in iter_files(paths):
        if isinstance(e, Rejected):
            units.append(e)
            continue
        try:
            big = e.suffix.lower() in JSONL_EXT and e.is_file() and e.stat().st_size > split_bytes
        except OSError:
            big = False
        if big:
            units.extend([r] for r in _split_jsonl(str(e), split_bytes))
        else:
            units.append(str(e))
    if not units:
        return []
    if size is None:   # about four tasks per worker, so a slow partition does not hold the others
        size = min(MAX_PARTITION, max(1, math.ceil(len(units) / (4 * max(1, n_workers)))))
    parts: list[list] = []
    pending: list = []
    for u in units:
        if isinstance(u, list):
            if pending:
                parts.append(pending)
                pending = []
            parts.append(u)
            continue
        pending.append(u)
        if len(pending) >= size:
            parts.append(pending)
            pending = []
    if pending:
        parts.append(pending)
    return parts


def run_dask(paths: Iterable[str], outdir: str | Path, scheduler: str | None = None, config: Config | None = None,
             client=None, partition_size: int | None = None, on_partition=None) -> dict:
    """Process `paths` on the dask cluster at `scheduler` (or with `client`); Parquet into `outdir`.

    Returns {"partitions", "files", "rows"}. Parquet files left in `outdir` by an earlier
    run are removed first, so the directory holds exactly this run.
    """
    from distributed import Client, as_completed

    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.parquet"):
        old.unlink()
    own = client is None
    if own:
        if not scheduler:
            raise ValueError("the dask engine needs a scheduler address (--scheduler tcp://HOST:8786)")
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ConnectionError(f"cannot reach the dask scheduler at {scheduler} ({exc})") from exc
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partitions(paths, n_workers, partition_size)
        futures = client.map(process_partition, parts, cfg=config or Config(), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        rows = 0
        import pyarrow.parquet as pq
        for fut in as_completed(futures):
            i = index[fut.key]
            try:
                data = fut.result()
            except Exception as exc:  # a worker died on it (KilledWorker) or the task failed outright
                data = _failed_partition(parts[i], f"{type(exc).__name__}: {exc}")
            (out / f"part-{i:05d}.parquet").write_bytes(data)
            rows += pq.ParquetFile(io.BytesIO(data)).metadata.num_rows
            fut.release()
            if on_partition:
                on_partition(i, len(parts[i]))
        return {"partitions": len(parts), "files": sum(len(p) for p in parts), "rows": rows}
    finally:
        if own:
            client.close()


def _failed_partition(entries: list, detail: str) -> bytes:
    """The Parquet of a partition the cluster could not process: one rejection per input."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    rows = []
    for seq, e in enumerate(entries):
        if isinstance(e, Rejected):
            rows.append(_row(e, seq))
            continue
        name = e[0] if isinstance(e, tuple) else str(e)
        where = f" (bytes {e[1]}-{e[2]})" if isinstance(e, tuple) else ""
        rows.append(_row(Rejected(name, "E_INTERNAL", f"the cluster failed on this input{where}: {detail}"[:400]), seq))
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=schema()), sink, compression="zstd")
    return sink.getvalue()


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files at `path`: a file, a folder of part files, or an OUTDIR holding parquet/."""
    p = Path(path)
    if p.is_file():
        return [p]
    if (p / "parquet").is_dir() and not any(p.glob("*.parquet")):
        p = p / "parquet"
    return sorted(p.glob("*.parquet"))


def read_parquet(path: str | Path, batch_size: int = 256) -> Iterator[Report | Rejected]:
    """Reports and Rejected entries back from the engine's Parquet, in partition order, streaming."""
    import pyarrow.parquet as pq
    for f in parquet_files(path):
        pf = pq.ParquetFile(f)
        for batch in pf.iter_batches(batch_size=batch_size):
            for row in batch.to_pylist():
                yield item_from_row(row)
