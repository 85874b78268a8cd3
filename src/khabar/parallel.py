"""Local parallelism: the pipeline over a pool of worker processes, streaming, in input order.

`run_parallel(pipe, paths, workers)` yields the same items as `pipe.run(paths)` — one Report or
Rejected per input, **in input order** — but the per-report stages run in `workers` processes.

- Each worker builds its pipeline once (pool initializer) and keeps it for every report it
  processes; on Linux the workers are forked, so resources the parent pipeline already holds
  (a gazetteer or detector handed in) are shared copy-on-write instead of being re-loaded.
- Reading (decoding, JSON records) stays in the parent, which sends raw reports to the workers
  in chunks of `chunksize`; at most `workers * window` chunks are in flight at any time, so
  memory stays bounded however many reports the inputs hold.
- A worker pickles each processed report back with its matching-only fields (normalised
  text and its offset map, the mentions' gazetteer candidates `_entry`) dropped; everything
  in the output contract and everything event linking reads is kept.
- A failure inside a worker, even a crashed process, becomes a Rejected entry (E_INTERNAL)
  for the report that caused it, never a stopped run: after a crash the chunk is retried
  one report at a time on a fresh pool.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from dataclasses import fields

from .model import Claim, Rejected, Report

_PIPE = None   # the pipeline of this worker process, set once by _init


def _init(pipe) -> None:
    global _PIPE
    _PIPE = pipe


def _slim(rep: Report) -> Report:
    """Drop what only the matching stages need, so less crosses the process boundary: the
    normalised text and its offset map, the gazetteer candidates kept on each mention
    (`Mention._entry`, copies of gazetteer entries once pickled: 3x the pickling time), and
    private attributes stages attached to claims beyond the Claim fields (working state)."""
    rep._norm = ""
    rep._norm_index = []
    for m in rep.mentions:
        m._entry = None
    for c in rep.claims:   # scratch a stage hung on a claim (e.g. its whole language spec), not a field
        for k in [k for k in vars(c) if k.startswith("_") and k not in _CLAIM_FIELDS]:
            delattr(c, k)
    return rep


_CLAIM_FIELDS = frozenset(f.name for f in fields(Claim))


def _dump(item: Report | Rejected) -> bytes:
    try:
        return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        # resolution detail a stage left on a mention may not pickle; the contract never needs it
        if isinstance(item, Report):
            for m in item.mentions:
                m._entry = None
            return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        raise


def process_chunk(chunk: list[Report]) -> list[bytes]:
    """Worker side: every report of a chunk through the pipeline, each result pickled."""
    out = []
    for rep in chunk:
        try:
            res = _PIPE.safe_process(rep)
            out.append(_dump(_slim(res) if isinstance(res, Report) else res))
        except Exception as exc:  # safe_process re-raises only under KHABAR_DEBUG=1
            if os.environ.get("KHABAR_DEBUG") == "1":
                raise
            out.append(pickle.dumps(_failed(rep, f"{type(exc).__name__}: {exc}")))
    return out


def _failed(rep: Report, detail: str) -> Rejected:
    return Rejected(rep.path or "<input>", "E_INTERNAL", f"a worker failed on this report: {detail}"[:400])


def _context():
    methods = mp.get_all_start_methods()
    return mp.get_context("fork" if "fork" in methods else "spawn")


def _chunks(items: Iterable[Report | Rejected], size: int) -> Iterator[list[Report | Rejected]]:
    buf: list = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def run_items(pipe, items: Iterable[Report | Rejected], workers: int = 2, chunksize: int = 8,
              window: int = 4) -> Iterator[Report | Rejected]:
    """Process a stream of read items (Reports; Rejected pass through) in `workers` processes.

    Yields results in input order. At most `workers * window` chunks of `chunksize` items are
    in flight, so memory does not grow with the number of inputs.
    """
    workers = max(1, int(workers))
    max_inflight = workers * max(1, window)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init, initargs=(pipe,))
    inflight: deque = deque()   # (chunk, future or None) in input order

    def drain_one():
        nonlocal pool
        chunk, fut = inflight.popleft()
        if fut is None:           # only Rejected entries from reading
            yield from chunk
            return
        try:
            results = iter(fut.result())
        except BrokenProcessPool:
            # a worker died (killed, out of memory, crashed extension) and took the pool with it,
            # so any chunk in flight may be the culprit: retry this chunk one report at a time,
            # rejecting only a report that kills its worker again, then resubmit the rest
            pending = list(inflight)
            inflight.clear()
            _renew()
            for it in chunk:
                if isinstance(it, Rejected):
                    yield it
                    continue
                try:
                    yield pickle.loads(pool.submit(process_chunk, [it]).result()[0])
                except BrokenProcessPool as exc:
                    _renew()
                    yield _failed(it, f"its worker process died ({type(exc).__name__})")
            for ch, _ in pending:
                inflight.append(_submit(ch))
            return
        for it in chunk:
            yield it if isinstance(it, Rejected) else pickle.loads(next(results))

    def _renew():
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_init,
                                   initargs=(pipe,))

    def _submit(chunk):
        reports = [it for it in chunk if isinstance(it, Report)]
        if not reports:
            return chunk, None
        try:
            fut = pool.submit(process_chunk, reports)
        except BrokenProcessPool as exc:
            # the pool broke before this chunk was drained to: its draining retries it
            fut = Future()
            fut.set_exception(exc)
        return chunk, fut

    try:
        for chunk in _chunks(items, chunksize):
            inflight.append(_submit(chunk))
            while len(inflight) >= max_inflight:
                yield from drain_one()
        while inflight:
            yield from drain_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def run_parallel(pipe, paths: Iterable[str], workers: int = 2, chunksize: int = 8) -> Iterator[Report | Rejected]:
    """`pipe.run(paths)` over `workers` processes: the same items, in the same (input) order."""
    from .read import read
    yield from run_items(pipe, read(paths, pipe.ctx.config), workers=workers, chunksize=chunksize)
