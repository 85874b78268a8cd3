"""Build src/khabar/data/lang/<lang>/calendar.json from CLDR (via Babel).

Month and weekday names per language, in every CLDR locale variant the project's sources
write in: Modern Standard Arabic (Egyptian/Gulf names يناير فبراير …), Levantine/Iraqi
(كانون الثاني شباط آذار نيسان …) and Maghrebi (جانفي فيفري … / يناير … غشت شتنبر …).
Names are stored as CLDR writes them; the dates stage normalises them when it compiles its
patterns. `tests/test_calendar_data.py` checks that the committed files equal this
script's output, so never edit calendar.json by hand: change this script and re-run

    .venv/bin/python scripts/build_calendar.py
"""
from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "khabar" / "data" / "lang"

# language -> CLDR locales whose names its reports use
LOCALES = {
    "fr": ["fr"],
    "en": ["en", "en_GB"],
    "ar": ["ar", "ar_EG", "ar_SY", "ar_IQ", "ar_LB", "ar_JO", "ar_MA", "ar_DZ", "ar_TN"],
}
CONTEXTS = ("format", "stand-alone")


def _add(table: dict[str, int], name: str, value: int, abbreviated: bool = False) -> None:
    name = unicodedata.normalize("NFC", " ".join(name.split()))   # CLDR uses no-break spaces
    if not name:
        return
    key = name.rstrip(".")
    if abbreviated and len(key) < 3:   # one- and two-letter abbreviations are not worth the false hits
        return
    table.setdefault(key, value)


def build(lang: str) -> dict:
    months: dict[str, int] = {}
    abbreviated: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for code in LOCALES[lang]:
        loc = Locale.parse(code)
        for ctx in CONTEXTS:
            for num, name in loc.months[ctx]["wide"].items():
                _add(months, name, int(num))
            # weekdays: wide names only (abbreviations such as "mar." or "Sun" are ambiguous)
            for num, name in loc.days[ctx]["wide"].items():
                _add(weekdays, name, int(num))     # 0 = Monday, as datetime.weekday()
    for code in LOCALES[lang]:
        loc = Locale.parse(code)
        for ctx in CONTEXTS:
            for num, name in loc.months[ctx]["abbreviated"].items():
                _add(abbreviated, name, int(num), True)
    abbreviated = {k: v for k, v in abbreviated.items() if k not in months}

    def ordered(table):
        return dict(sorted(table.items(), key=lambda kv: (kv[1], kv[0])))

    return {
        "source": "CLDR via Babel",
        "locales": LOCALES[lang],
        "months": ordered(months),
        # abbreviations are only trusted next to a day or a year ("Oct. 13", "sept. 2019")
        "months_abbreviated": ordered(abbreviated),
        "weekdays": ordered(weekdays),
    }


def render(lang: str) -> str:
    return json.dumps(build(lang), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str]) -> int:
    for lang in LOCALES:
        path = OUT_DIR / lang / "calendar.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(lang), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
