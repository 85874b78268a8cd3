"""End to end: `khabar extract` on ../shared/seeds, scored with `score_gold` against the gold file,
with pinned quality floors. Floors are raised as the pipeline improves, never lowered silently
(DESIGN.md, convention 8)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from khabar.cli import main
from khabar.evaluate import score_gold

from conftest import GOLD, SEEDS, need_shared

# measured on the seeds; a change that drops a score below its floor fails here
FLOORS = {
    "claims_precision": 0.95,
    "claims_recall": 0.95,
    "claims_f1": 0.97,
    "same_event_f1": 1.0,
    "place_mentions": 0.95,
}
# per-field accuracy on matched claims: (minimum rate, minimum number scored)
FIELD_FLOORS: dict[str, tuple[float, int]] = {
    "date": (0.95, 9),
    "location": (0.95, 8),
    "origin": (0.90, 11),
    "destination": (0.95, 9),
    "places": (0.95, 20),
    "agent": (0.85, 18),
    "target": (0.95, 3),
    "patient": (0.90, 14),
    "count": (0.95, 8),
    "fatalities": (0.95, 2),
    "sources": (0.95, 18),
    "modality": (0.95, 18),
}
# khabar eval --acled on the whole dev set: (minimum rate, denominator it is measured on)
ACLED_FLOORS: dict[str, tuple[float, int]] = {
    # 0.952 before two right changes: an arrest of operatives is an arrest ("captured 2 QSD operatives")
    # and "regime-controlled" no seizure; ACLED codes both notes Battles, which the arrests still map to
    "violent": (0.95, 1050),
    "event_type": (0.955, 1050),     # 0.933 before an answered bombardment was an exchange of fire
    "date": (0.99, 920),
    "fatalities": (0.982, 994),      # 0.981 before "managed to kill"; 0.974 before a retold total was added to no claim; 0.964 before kin ("un homme et son fils"), "killing him", "one of"
    "fatalities_pos": (0.961, 364),
    "actor": (0.997, 875),
    # 0.769 before "repelled an IS attack" made IS the agent: ACLED codes the side that repelled it
    # as actor1 in one note (SYR29575), a proxy, not who attacked whom; 225 rows since "IEDs were seized
    # during the arrest" is no attack (the note's arrest stays, ACLED codes it a battle)
    "actor1_agent": (0.8, 225),      # 0.795 before clash sides were all agents in fr/ar; 0.768 before "backed by", "at the hands of", "loyal to"
    "geo1_named_10km": (0.568, 568),
    "geo_named_25km": (0.657, 1050),
    "geo1_10km": (0.558, 568),
    "geo_25km": (0.645, 1050),
    "geo1_10km_primary": (0.56, 568),
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    need_shared()
    out = tmp_path_factory.mktemp("seeds_out")
    res = CliRunner().invoke(main, ["extract", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out, score_gold(GOLD, out)


def test_every_seed_becomes_one_report(scored):
    out, s = scored
    assert s["reports"] == {"right": 5, "total": 5, "rate": 1.0}
    assert [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()] == []


def test_language_right_for_every_report(scored):
    assert scored[1]["language"]["right"] == 5


def test_outlet_and_title_right_for_every_gold_report_that_has_them(scored):
    s = scored[1]
    assert s["outlet"]["total"] >= 1 and s["outlet"]["right"] == s["outlet"]["total"], s["documents"]
    assert s["title"]["total"] >= 1 and s["title"]["right"] == s["title"]["total"], s["documents"]


def test_boilerplate_removed_and_no_body_line_lost(scored):
    s = scored[1]
    assert s["boilerplate_removed"]["rate"] >= 0.9
    assert s["body_lines_removed"] == 0, [d.get("body_removed") for d in s["documents"]]


def test_claim_scores_stay_above_their_floors(scored):
    c = scored[1]["claims"]
    assert (c["precision"] or 0) >= FLOORS["claims_precision"], c
    assert (c["recall"] or 0) >= FLOORS["claims_recall"], c
    assert (c["f1"] or 0) >= FLOORS["claims_f1"], c


def test_same_event_links_and_place_mentions_stay_above_their_floors(scored):
    s = scored[1]
    assert (s["same_event"]["f1"] or 0) >= FLOORS["same_event_f1"], s["same_event"]
    assert (s["place_mentions"]["rate"] or 0) >= FLOORS["place_mentions"], s["place_mentions"]


@pytest.mark.parametrize("field", sorted(FIELD_FLOORS))
def test_field_accuracy_stays_above_its_floor(scored, field):
    v = scored[1]["fields"][field]
    floor, n = FIELD_FLOORS[field]
    assert v["total"] >= n and (v["rate"] or 0) >= floor, v


def test_every_claim_belongs_to_exactly_one_event(scored):
    out, _ = scored
    reports = [json.loads(x) for x in (out / "reports.jsonl").read_text().splitlines()]
    events = [json.loads(x) for x in (out / "events.jsonl").read_text().splitlines()]
    claims = sorted(f"{r['id']}#{c['id']}" for r in reports for c in r["claims"])
    assert sorted(k for e in events for k in e["claims"]) == claims


def test_unreadable_input_is_rejected_while_the_run_goes_on(tmp_path):
    need_shared()
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    out = tmp_path / "out"
    res = CliRunner().invoke(main, ["extract", str(SEEDS / "000_0644e51e7897a66e.txt"), str(bad), "-o", str(out)])
    assert res.exit_code == 0, res.output
    rejected = [json.loads(x) for x in (out / "rejected.jsonl").read_text().splitlines()]
    assert [r["path"] for r in rejected] == [str(bad)] and rejected[0]["reason"]
    assert len((out / "reports.jsonl").read_text().splitlines()) == 1


def test_ingest_twice_stores_each_seed_once(tmp_path):
    need_shared()
    import sqlite3
    db = tmp_path / "k.sqlite"
    for _ in range(2):
        res = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", str(db)])
        assert res.exit_code == 0, res.output
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 5
    assert con.execute("SELECT count(DISTINCT id) FROM reports").fetchone()[0] == 5


@pytest.fixture(scope="module")
def acled_scores():
    from conftest import ACLED
    need_shared()
    from khabar.evaluate import score_acled
    return score_acled(ACLED)


@pytest.mark.slow
@pytest.mark.parametrize("score", sorted(ACLED_FLOORS))
def test_acled_score_stays_above_its_floor(acled_scores, score):
    v = acled_scores[score]
    floor, n = ACLED_FLOORS[score]
    assert v["total"] == n and v["rate"] >= floor, v


@pytest.mark.slow
def test_acled_run_is_fast_and_nothing_fails(acled_scores):
    assert acled_scores["rows"] == 1050 and acled_scores["failed"] == 0
    assert acled_scores["seconds"] < 60


def test_one_attack_told_in_three_languages_is_one_event_with_its_independent_sources(tmp_path):
    """Text written for this test: an agency story relaying the monitor, the state agency's own
    account, and a French site relaying the monitor again."""
    records = [
        {"text": "IS attack kills 4 soldiers near Palmyra\n\nPALMYRA, Syria (AP) — Islamic State militants attacked "
                 "an army checkpoint near Palmyra on Monday, killing four soldiers, the Syrian Observatory for Human "
                 "Rights said.", "published": "2024-03-12", "url": "https://apnews.com/a"},
        {"text": "هجوم لداعش قرب تدمر\n\nدمشق-سانا\n\nاستشهد أربعة عسكريين جراء هجوم إرهابي لتنظيم داعش على حاجز "
                 "للجيش قرب مدينة تدمر يوم الاثنين.", "published": "2024-03-11", "url": "https://sana.sy/b"},
        {"text": "Attaque de l'EI près de Palmyre\n\nQuatre soldats syriens ont été tués lundi dans une attaque de "
                 "l'État islamique contre un barrage de l'armée près de Palmyre, selon l'OSDH.",
         "published": "2024-03-12", "url": "https://www.example.fr/c"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(src), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    (ev,) = [e for e in events if e["type"] == "ATTACK"]
    assert ev["date"]["start"] == "2024-03-11"
    assert ev["independent_sources"] == 2 and ev["circular"]       # SANA, and SOHR relayed twice
    outlets = sorted(ch[-1]["name"] for ch in ev["source_chains"])
    assert outlets == ["AP", "SANA", "example.fr"]
