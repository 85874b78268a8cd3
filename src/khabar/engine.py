"""The Dask engine: the same stages on an existing dask.distributed cluster, to partitioned Parquet.

`run_dask(paths, outdir, scheduler)` lists the input files on the client, cuts the list into
partitions and sends each partition to the cluster as one task. A worker builds its pipeline
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
from .model import Rejected, Report, Segment, report_from_dict

SCALARS = ("id", "path", "url", "outlet", "title", "published", "lang", "text")
JSON_COLS = ("removed", "paragraphs", "mentions", "claims")
ROW_GROUP = 256          # reports per Parquet row group written by a worker
MAX_PARTITION = 256      # input files per task, at most


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
        row[k] = json.dumps(rec.pop(k, []), ensure_ascii=False)
    row["extra"] = json.dumps(rec, ensure_ascii=False) if rec else None
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
            items = [entry] if isinstance(entry, Rejected) else read_file(Path(entry), cfg)
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

def partitions(paths: Iterable[str], n_workers: int = 1, size: int | None = None) -> list[list]:
    """The input files (and listing rejections) cut into partitions, in input order."""
    from .read import iter_files
    entries = [e if isinstance(e, Rejected) else str(e) for e in iter_files(paths)]
    if not entries:
        return []
    if size is None:   # about four tasks per worker, so a slow partition does not hold the others
        size = min(MAX_PARTITION, max(1, math.ceil(len(entries) / (4 * max(1, n_workers)))))
    return [entries[i:i + size] for i in range(0, len(entries), size)]


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
        client = Client(scheduler)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        parts = partitions(paths, n_workers, partition_size)
        futures = client.map(process_partition, parts, cfg=config or Config(), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        rows = 0
        import pyarrow.parquet as pq
        for fut in as_completed(futures):
            data = fut.result()
            i = index[fut.key]
            (out / f"part-{i:05d}.parquet").write_bytes(data)
            rows += pq.ParquetFile(io.BytesIO(data)).metadata.num_rows
            fut.release()
            if on_partition:
                on_partition(i, len(parts[i]))
        return {"partitions": len(parts), "files": sum(len(p) for p in parts), "rows": rows}
    finally:
        if own:
            client.close()


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
