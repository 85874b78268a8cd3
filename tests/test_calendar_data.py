"""The committed CLDR calendar data equals what scripts/build_calendar.py builds from Babel."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from khabar import langdata


def _builder():
    spec = importlib.util.spec_from_file_location("build_calendar", ROOT / "scripts" / "build_calendar.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("lang", ["fr", "en", "ar"])
def test_committed_calendar_matches_generator(lang):
    build = _builder()
    committed = (langdata.DATA_DIR / "lang" / lang / "calendar.json").read_text(encoding="utf-8")
    assert committed == build.render(lang), f"re-run scripts/build_calendar.py: {lang}/calendar.json is stale"


def test_arabic_calendar_has_levantine_egyptian_and_maghrebi_months():
    months = langdata.lang("calendar", "ar")["months"]
    for name, num in [("كانون الثاني", 1), ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6),
                      ("تموز", 7), ("آب", 8), ("أيلول", 9), ("تشرين الأول", 10), ("تشرين الثاني", 11),
                      ("كانون الأول", 12), ("يناير", 1), ("فبراير", 2), ("جانفي", 1), ("أفريل", 4), ("غشت", 8)]:
        assert months.get(name) == num, name


def test_weekdays_are_numbered_from_monday():
    assert langdata.lang("calendar", "fr")["weekdays"]["mardi"] == 1
    assert langdata.lang("calendar", "en")["weekdays"]["Sunday"] == 6
    assert langdata.lang("calendar", "ar")["weekdays"]["الثلاثاء"] == 1
