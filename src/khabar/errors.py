"""Errors a user can hit: one place for their codes and messages."""
from __future__ import annotations


class KhabarError(Exception):
    """An error with a stable code, shown to the user without a traceback."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


# code -> message template; the reader and the store use these for rejected inputs.
CODES = {
    "E_UNREADABLE": "cannot read file: {detail}",
    "E_EMPTY": "no text in input",
    "E_BINARY": "binary content ({detail}), not a text report",
    "E_ENCODING": "cannot decode text: {detail}",
    "E_JSON": "invalid JSON record: {detail}",
    "E_RECORD": "record has wrong fields: {detail}",
    "E_TOO_LARGE": "input larger than the limit ({detail})",
    "E_LOOP": "symbolic link loop: {detail}",
    "E_TYPE": "unsupported file type: {detail}",
    "E_HTML": "no main text found in HTML: {detail}",
    "E_INTERNAL": "a stage failed on this report: {detail}",
    "E_DB": "cannot use the database: {detail}",
    "E_FORMAT": "cannot export: {detail}",
    "E_UNEXPECTED": "unexpected failure: {detail} (KHABAR_DEBUG=1 shows the traceback)",
    "E_EVAL": "cannot evaluate: {detail}",
    "E_GAZETTEER": "cannot add to the gazetteer: {detail}",
}


def error(code: str, **kw) -> KhabarError:
    return KhabarError(code, CODES[code].format(**kw) if kw else CODES[code].split(":")[0])
