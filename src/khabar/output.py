"""Writers for the output contract: reports.jsonl, events.jsonl, rejected.jsonl."""
from __future__ import annotations

import json
from pathlib import Path

from .model import Event, Rejected, Report, claim_dict, json_bytes, to_dict


class OutputDir:
    """Streams reports and rejections to OUTDIR as they come; events are written at the end."""

    def __init__(self, outdir: str | Path):
        self.dir = Path(outdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        # binary: json_bytes gives the UTF-8 bytes of each record, no text layer to encode them again
        self._reports = open(self.dir / "reports.jsonl", "wb")
        self._rejected = open(self.dir / "rejected.jsonl", "wb")
        self.seen: set[str] = set()

    def write(self, item: Report | Rejected) -> bool:
        """Write one item; a report whose id was already written is skipped (False)."""
        if isinstance(item, Rejected):
            self._rejected.write(json_bytes(to_dict(item)) + b"\n")
            return True
        if item.id in self.seen:
            return False
        self.seen.add(item.id)
        self._reports.write(json_bytes(item.contract()) + b"\n")
        return True

    def write_events(self, events: list[Event]) -> None:
        with open(self.dir / "events.jsonl", "wb") as fh:
            for ev in events:
                fh.write(json_bytes(ev.contract()) + b"\n")

    def rewrite_reports(self, reports: dict[str, Report]) -> None:
        """Write again the claims of reports changed after streaming (years filled from events);
        the rest of each line stays as written, so the reports passed in need only their claims."""
        if not reports:
            return
        self._reports.flush()
        path = self.dir / "reports.jsonl"
        tmp = path.with_suffix(".jsonl.tmp")
        with open(path, "rb") as src, open(tmp, "wb") as dst:
            for line in src:
                record = json.loads(line)
                rep = reports.get(record.get("id"))
                if rep is None:
                    dst.write(line)
                    continue
                record["claims"] = [claim_dict(c) for c in rep.claims]
                dst.write(json_bytes(record) + b"\n")
        self._reports.close()
        tmp.replace(path)
        self._reports = open(path, "ab")

    def close(self) -> None:
        self._reports.close()
        self._rejected.close()


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
