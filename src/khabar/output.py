"""Writers for the output contract: reports.jsonl, events.jsonl, rejected.jsonl."""
from __future__ import annotations

import json
from pathlib import Path

from .model import Event, Rejected, Report, claim_dict, to_dict


class OutputDir:
    """Streams reports and rejections to OUTDIR as they come; events are written at the end."""

    def __init__(self, outdir: str | Path):
        self.dir = Path(outdir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._reports = open(self.dir / "reports.jsonl", "w", encoding="utf-8")
        self._rejected = open(self.dir / "rejected.jsonl", "w", encoding="utf-8")
        self.seen: set[str] = set()

    def write(self, item: Report | Rejected) -> bool:
        """Write one item; a report whose id was already written is skipped (False)."""
        if isinstance(item, Rejected):
            self._rejected.write(json.dumps(to_dict(item), ensure_ascii=False) + "\n")
            return True
        if item.id in self.seen:
            return False
        self.seen.add(item.id)
        self._reports.write(json.dumps(item.contract(), ensure_ascii=False) + "\n")
        return True

    def write_events(self, events: list[Event]) -> None:
        with open(self.dir / "events.jsonl", "w", encoding="utf-8") as fh:
            for ev in events:
                fh.write(json.dumps(ev.contract(), ensure_ascii=False) + "\n")

    def rewrite_reports(self, reports: dict[str, Report]) -> None:
        """Write again the claims of reports changed after streaming (years filled from events);
        the rest of each line stays as written, so the reports passed in need only their claims."""
        if not reports:
            return
        self._reports.flush()
        path = self.dir / "reports.jsonl"
        tmp = path.with_suffix(".jsonl.tmp")
        with open(path, encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as dst:
            for line in src:
                record = json.loads(line)
                rep = reports.get(record.get("id"))
                if rep is None:
                    dst.write(line)
                    continue
                record["claims"] = [claim_dict(c) for c in rep.claims]
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._reports.close()
        tmp.replace(path)
        self._reports = open(path, "a", encoding="utf-8")

    def close(self) -> None:
        self._reports.close()
        self._rejected.close()


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]
