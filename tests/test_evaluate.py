"""khabar.evaluate: gold scoring on hand-made outputs, field rules, ACLED scoring on hand-made rows."""
from __future__ import annotations

import json

import pytest

from khabar import evaluate
from khabar.evaluate import (actors_right, date_right, find_span, match_claims, place_right, quantity_right,
                             score_gold, sources_right)

RAW = ("Photo: a convoy on a road (AFP photo)\n"
       "Gunmen attacked a checkpoint in Hasakah on 3 May 2020, killing two guards.\n"
       "Residents said a drone struck a truck near Qamishli.\n"
       "Share this article\n")


def _claim(cid, typ, text, body, **kw):
    s = body.index(text)
    d = {"id": cid, "type": typ, "modality": kw.pop("modality", "asserted"),
         "evidence": {"start": s, "end": s + len(text), "text": text},
         "date": None, "location": None, "origin": None, "destination": None,
         "agent": [], "patient": [], "target": [], "count": None, "fatalities": None, "injured": None,
         "means": None, "persons": [], "sources": []}
    d.update(kw)
    return d


def _write_case(tmp_path, claims, events=None, removed=None, title=None, outlet=None, mentions=()):
    src = tmp_path / "doc1.txt"
    src.write_text(RAW, encoding="utf-8")
    line2 = RAW.index("Gunmen")
    body = RAW[line2:RAW.index("Share")].strip()
    if removed is None:
        removed = [{"start": 0, "end": RAW.index("\n"), "reason": "caption"},
                   {"start": RAW.index("Share"), "end": RAW.index("Share") + 18, "reason": "share"}]
    rep = {"id": "r1", "path": str(src), "url": None, "outlet": outlet, "title": title, "published": None,
           "lang": "en", "removed": removed, "mentions": list(mentions), "text": body,
           "claims": [c(body) for c in claims]}
    out = tmp_path / "out"
    out.mkdir()
    (out / "reports.jsonl").write_text(json.dumps(rep) + "\n", encoding="utf-8")
    (out / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in events or []), encoding="utf-8")
    return out


GOLD_CLAIMS = [
    {"id": "g1", "type": "ATTACK", "evidence": "Gunmen attacked a checkpoint in Hasakah",
     "date": {"value": "2020-05-03", "precision": "day"},
     "location": {"name": "Hasakah", "lat": 36.5, "lon": 40.75, "tolerance_km": 20},
     "origin": None, "destination": None, "agent": ["unidentified"], "patient": [], "target": [],
     "count": None, "fatalities": {"value": 2, "at_least": None, "approx": False, "text": "two guards"},
     "injured": None, "sources": [], "modality": "asserted", "optional": False},
    {"id": "g2", "type": "AIRSTRIKE", "evidence": "a drone struck a truck near Qamishli",
     "date": None, "location": {"name": "Qamishli", "lat": 37.05, "lon": 41.22, "tolerance_km": 20},
     "origin": None, "destination": None, "agent": [], "patient": [], "target": [], "count": None,
     "fatalities": None, "injured": None, "sources": [{"name": "residents", "kind": "residents"}],
     "modality": "reported", "optional": True},
]


def _gold(tmp_path, claims=GOLD_CLAIMS, boilerplate=None, title=None, outlet=None):
    g = {"format": "khabar-gold/1", "documents": [
        {"doc": "doc1.txt", "lang": "en", "title": title, "outlet": outlet,
         "boilerplate": boilerplate if boilerplate is not None else
         ["Photo: a convoy on a road (AFP photo)", "Share this article"],
         "claims": claims}], "same_event": []}
    p = tmp_path / "gold.json"
    p.write_text(json.dumps(g), encoding="utf-8")
    return p


def test_perfect_prediction_scores_full_marks(tmp_path):
    out = _write_case(tmp_path, [lambda b: _claim(
        "c1", "ATTACK", "Gunmen attacked a checkpoint", b, date={"start": "2020-05-03", "end": "2020-05-03",
                                                               "precision": "day"},
        location={"id": "x", "name": "Hasakah", "lat": 36.51, "lon": 40.74, "precision": "city"},
        agent=[{"id": "unidentified", "name": "gunmen"}],
        fatalities={"value": 2, "at_least": None, "approx": False, "text": "two"})])
    s = score_gold(_gold(tmp_path), out)
    assert s["reports"]["right"] == 1 and s["language"]["rate"] == 1.0
    assert s["claims"]["tp"] == 1 and s["claims"]["fp"] == 0 and s["claims"]["fn"] == 0
    assert s["claims"]["f1"] == 1.0
    for f in ("date", "location", "places", "agent", "fatalities", "sources", "modality"):
        assert s["fields"][f]["rate"] == 1.0, f
    assert s["boilerplate_removed"] == {"right": 2, "total": 2, "rate": 1.0}
    assert s["body_lines_removed"] == 0


def test_gold_places_are_looked_for_among_place_mentions(tmp_path):
    near = {"start": 0, "end": 7, "text": "Hasakah", "kind": "place", "id": "x", "lat": 36.52, "lon": 40.76}
    far = {**near, "lat": 37.05, "lon": 41.22}
    s = score_gold(_gold(tmp_path), _write_case(tmp_path, [], mentions=[near]))
    assert s["place_mentions"] == {"right": 1, "total": 1, "rate": 1.0}     # g2 is optional
    out2 = tmp_path / "second"
    out2.mkdir()
    s2 = score_gold(_gold(out2), _write_case(out2, [], mentions=[far]))
    assert s2["place_mentions"]["right"] == 0
    assert s2["documents"][0]["places_not_found"] == ["g1.location"]


def test_wrong_type_is_a_false_positive_and_a_miss(tmp_path):
    out = _write_case(tmp_path, [lambda b: _claim("c1", "KILL", "Gunmen attacked a checkpoint", b)])
    s = score_gold(_gold(tmp_path), out)
    assert (s["claims"]["tp"], s["claims"]["fp"], s["claims"]["fn"]) == (0, 1, 1)
    assert s["claims"]["precision"] == 0.0 and s["claims"]["recall"] == 0.0


def test_prediction_matching_an_optional_claim_is_neither_true_nor_false(tmp_path):
    out = _write_case(tmp_path, [lambda b: _claim("c1", "AIRSTRIKE", "a drone struck a truck", b)])
    s = score_gold(_gold(tmp_path), out)
    assert (s["claims"]["tp"], s["claims"]["fp"], s["claims"]["fn"]) == (0, 0, 1)


def test_place_and_date_match_without_overlapping_evidence(tmp_path):
    out = _write_case(tmp_path, [lambda b: _claim(
        "c1", "ATTACK", "killing two guards", b,
        date={"start": "2020-05-03", "end": "2020-05-03", "precision": "day"},
        location={"id": "x", "name": "H", "lat": 36.5, "lon": 40.7, "precision": "city"})])
    s = score_gold(_gold(tmp_path), out)
    assert s["claims"]["tp"] == 1


def test_one_to_one_matching_leaves_the_second_prediction_false(tmp_path):
    out = _write_case(tmp_path, [lambda b: _claim("c1", "ATTACK", "Gunmen attacked a checkpoint in Hasakah", b),
                                 lambda b: _claim("c2", "ATTACK", "Gunmen attacked", b)])
    s = score_gold(_gold(tmp_path), out)
    assert (s["claims"]["tp"], s["claims"]["fp"]) == (1, 1)
    assert s["documents"][0]["false"] == ["c2:ATTACK"]


def test_unremoved_boilerplate_and_removed_body_line_are_counted(tmp_path):
    body_start = RAW.index("Gunmen")
    body_end = RAW.index(".\n", body_start) + 1
    out = _write_case(tmp_path, [], removed=[{"start": body_start, "end": body_end, "reason": "caption"}])
    s = score_gold(_gold(tmp_path), out)
    assert s["boilerplate_removed"] == {"right": 0, "total": 2, "rate": 0.0}
    assert s["body_lines_removed"] == 1


def test_removed_title_and_lone_label_are_not_body_lines(tmp_path):
    raw_title_line = RAW.index("Residents")
    end = RAW.index("\n", raw_title_line)
    out = _write_case(tmp_path, [], removed=[{"start": raw_title_line, "end": end, "reason": "title"}],
                      title=RAW[raw_title_line:end])
    s = score_gold(_gold(tmp_path, title=RAW[raw_title_line:end]), out)
    assert s["body_lines_removed"] == 0
    assert s["title"]["rate"] == 1.0


def test_outlet_and_title_compare_case_and_space_folded(tmp_path):
    out = _write_case(tmp_path, [], title="A  TITLE’s here", outlet="press tv")
    s = score_gold(_gold(tmp_path, title="a title's here", outlet="Press TV"), out)
    assert s["title"]["rate"] == 1.0 and s["outlet"]["rate"] == 1.0
    out2 = tmp_path / "o2"
    out2.mkdir()
    rec = json.loads((out / "reports.jsonl").read_text())
    rec["outlet"] = "SANA"
    (out2 / "reports.jsonl").write_text(json.dumps(rec) + "\n")
    s2 = score_gold(_gold(tmp_path, title="a title's here", outlet="Press TV"), out2)
    assert s2["outlet"]["rate"] == 0.0


def test_missing_report_counts_every_required_claim_as_missed(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    (out / "reports.jsonl").write_text("")
    s = score_gold(_gold(tmp_path), out)
    assert s["reports"] == {"right": 0, "total": 1, "rate": 0.0}
    assert s["claims"]["fn"] == 1


def test_same_event_pairs_across_reports(tmp_path):
    body_a = "Gunmen attacked a checkpoint in Hasakah."
    body_b = "Des hommes armés ont attaqué un poste à Hassaké."
    docs, reps = [], []
    for name, body, ev in (("a.txt", body_a, "Gunmen attacked"), ("b.txt", body_b, "ont attaqué un poste")):
        (tmp_path / name).write_text(body)
        docs.append({"doc": name, "lang": "en", "title": None, "outlet": None, "boilerplate": [],
                     "claims": [{"id": name[0] + "1", "type": "ATTACK", "evidence": ev, "optional": False}]})
        reps.append({"id": "r" + name[0], "path": str(tmp_path / name), "lang": "en", "removed": [], "text": body,
                     "claims": [_claim("c1", "ATTACK", ev, body)]})
    gold = tmp_path / "g.json"
    gold.write_text(json.dumps({"documents": docs, "same_event": [["a1", "b1"]]}))
    for together, f1 in ((True, 1.0), (False, 0.0)):
        out = tmp_path / f"out{together}"
        out.mkdir()
        (out / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reps))
        evs = ([{"id": "e1", "claims": ["ra#c1", "rb#c1"]}] if together else
               [{"id": "e1", "claims": ["ra#c1"]}, {"id": "e2", "claims": ["rb#c1"]}])
        (out / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in evs))
        s = score_gold(gold, out)
        assert s["same_event"]["f1"] == f1


def test_find_span_exact_folded_and_fuzzy():
    text = "Il a dit : « L’attaque a eu lieu vers minuit », selon des sources."
    assert find_span("L’attaque a eu lieu", text) == (text.index("L’attaque"), text.index("L’attaque") + 19)
    s = find_span("l'attaque a eu lieu", text)
    assert s is not None and text[s[0]:s[1]] == "L’attaque a eu lieu"
    s = find_span("l'attaque a eu  lieu vers minuits", text)
    assert s is not None and "minuit" in text[s[0]:s[1]]
    assert find_span("une phrase absente du texte entier", text) is None


def test_date_rules_follow_gold_precision():
    assert date_right({"value": "2021-04-13", "precision": "day"}, {"start": "2021-04-13"}) is True
    assert date_right({"value": "2021-04-13", "precision": "day"}, {"start": "2021-04-14"}) is False
    assert date_right({"value": "2017-12", "precision": "month"}, {"start": "2017-12-20"}) is True
    assert date_right({"value": "2017-12", "precision": "month"}, {"start": "2018-01-02"}) is False
    assert date_right({"value": "2020-01-01/2020-01-16", "precision": "range"},
                      {"start": "2020-01-10", "end": "2020-01-20"}) is True
    assert date_right({"value": None, "precision": "range"}, {"start": "2020-01-10"}) is None
    assert date_right({"value": "2021-04-13", "precision": "day"}, None) is False


def test_place_agent_quantity_rules():
    gold = {"lat": 36.0, "lon": 40.75, "tolerance_km": 35}
    assert place_right(gold, {"lat": 36.2, "lon": 40.8}) is True       # ~23 km
    assert place_right(gold, {"lat": 36.6, "lon": 40.8}) is False      # ~67 km
    assert place_right(None, {"lat": 1, "lon": 1}) is None
    assert actors_right(["sdf"], [{"id": "actor:sdf"}, {"id": "ypg"}]) is True
    assert actors_right(["sdf", "ypg"], [{"id": "sdf"}]) is False
    assert actors_right([], [{"id": "sdf"}]) is None
    assert quantity_right({"value": None, "at_least": 20}, {"value": None, "at_least": 20, "text": "dozens"})
    assert not quantity_right({"value": 4, "at_least": None}, {"value": 5, "at_least": None, "text": "5"})
    assert quantity_right({"value": None, "at_least": None, "text": "a number"},
                          {"value": None, "at_least": None, "text": "a number of"})
    assert not quantity_right({"value": None, "at_least": None, "text": "a number"}, None)


def test_sources_need_same_kinds_in_order_and_close_names():
    gold = [{"name": "sources locales", "kind": "local"}, {"name": "al-Mayadeen", "kind": "media"}]
    assert sources_right(gold, [{"name": "des sources locales", "kind": "local"},
                                {"name": "al-Mayadeen TV", "kind": "state-media"}])
    assert not sources_right(gold, [{"name": "al-Mayadeen", "kind": "media"},
                                    {"name": "sources locales", "kind": "local"}])
    assert not sources_right(gold, gold[:1])
    assert not sources_right(gold, [{"name": "sources locales", "kind": "local"}, {"name": "SANA", "kind": "media"}])
    assert sources_right([], [])


def test_source_names_of_one_known_outlet_match():
    gold = [{"name": "Observatoire syrien des droits de l'homme", "kind": "ngo"}]
    assert sources_right(gold, [{"name": "SOHR", "kind": "ngo"}])
    assert not sources_right(gold, [{"name": "SANA", "kind": "ngo"}])


def test_details_list_wrong_fields_with_gold_and_predicted_values(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    out = _write_case(tmp_path, [lambda b: _claim(
        "c1", "ATTACK", "Gunmen attacked a checkpoint", b,
        sources=[{"name": "SANA", "kind": "state-media", "id": "sana"}])])
    s = score_gold(_gold(tmp_path), out)
    wrong = {x["field"]: x for x in s["documents"][0]["wrong"]}
    assert wrong["sources"]["predicted"] == "SANA [state-media]" and wrong["sources"]["gold"] == "-"
    assert wrong["date"]["gold"] == "2020-05-03 (day)"
    evaluate.print_scores(s, details=True)
    printed = capsys.readouterr().out
    assert "wrong fields on matched claims" in printed and "SANA [state-media]" in printed


def test_match_claims_prefers_larger_overlap():
    text = "Gunmen attacked a checkpoint. Gunmen attacked a village."
    gold = [{"id": "g1", "type": "ATTACK", "evidence": "Gunmen attacked a village"}]
    preds = [_claim("c1", "ATTACK", "Gunmen attacked a checkpoint", text),
             {**_claim("c2", "ATTACK", "attacked a village", text)}]
    pairs, _ = match_claims(gold, preds, text)
    assert pairs == [(0, 1)]


def test_print_scores_json_and_table(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = _write_case(tmp_path, [])
    s = score_gold(_gold(tmp_path), out)
    evaluate.print_scores(s, as_json=True)
    assert json.loads(capsys.readouterr().out)["kind"] == "gold"
    evaluate.print_scores(s)
    text = capsys.readouterr().out
    assert "claims recall" in text and "boilerplate removed" in text


class _FakePipeline:
    """Stands in for Pipeline: turns 'killed N' notes into one ATTACK claim with N dead."""

    def process(self, rep):
        import re

        from khabar.model import Claim, DateValue, Evidence, Place, Quantity
        m = re.search(r"killed (\d+)", rep.raw)
        if m:
            rep.claims = [Claim(id="c1", type="ATTACK", evidence=Evidence(0, 5, rep.raw[:5]),
                                date=DateValue("2019-03-03", "2019-03-03", "day"),
                                location=Place("p", "P", 36.5, 40.75, "city"),
                                agent=[{"id": "islamic-state", "name": "IS"}],
                                fatalities=Quantity(value=int(m.group(1))))]
        rep.text = rep.raw
        return rep


def test_score_acled_definitions_on_hand_made_rows(tmp_path):
    rows = [
        {"id": "A1", "event_date": "2019-03-03", "time_precision": 1, "actor1": "Islamic State (Syria)",
         "actor2": "QSD: Syrian Democratic Forces", "assoc_actor_1": None, "assoc_actor_2": None,
         "latitude": 36.5, "longitude": 40.75, "geo_precision": 1, "notes": "On 3 March 2019, IS killed 2 men.",
         "fatalities": 2, "fatalities_unknown_coded": False},
        {"id": "A2", "event_date": "2019-03-04", "time_precision": 1, "actor1": "Military Forces of Syria (2000-)",
         "actor2": None, "assoc_actor_1": None, "assoc_actor_2": None,
         "latitude": 37.0, "longitude": 41.2, "geo_precision": 2, "notes": "On 4 March 2019, nothing happened.",
         "fatalities": 0, "fatalities_unknown_coded": False},
    ]
    f = tmp_path / "acled.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows))
    s = evaluate.score_acled(f, pipeline=_FakePipeline())
    assert s["rows"] == 2
    assert s["violent"] == {"right": 1, "total": 2, "rate": 0.5}
    assert s["date"] == {"right": 1, "total": 2, "rate": 0.5}
    assert s["fatalities"]["right"] == 2 and s["fatalities_pos"] == {"right": 1, "total": 1, "rate": 1.0}
    # A1: islamic-state found, sdf not; A2: syrian-army not found
    assert s["actor"] == {"right": 0, "total": 2, "rate": 0.0}
    assert s["actor_pairs"] == {"right": 1, "total": 3, "rate": pytest.approx(1 / 3)}
    assert s["geo1_10km"] == {"right": 1, "total": 1, "rate": 1.0}
    assert s["geo_25km"]["right"] == 1 and s["geo_25km"]["total"] == 2
    split = {**rows[0], "id": "A3", "fatalities": 3,
             "notes": "On 3 March 2019, IS killed 6 men. Total fatalities 6 split between the two locations."}
    f2 = tmp_path / "split.jsonl"
    f2.write_text(json.dumps(split) + "\n")
    assert evaluate.score_acled(f2, pipeline=_FakePipeline())["fatalities"]["right"] == 1
    s1 = evaluate.score_acled(f, pipeline=_FakePipeline(), limit=1)
    assert s1["rows"] == 1


def test_unusable_gold_or_outdir_or_acled_is_a_clear_error(tmp_path):
    from khabar.errors import KhabarError
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(KhabarError) as e:
        score_gold(bad, out)
    assert e.value.code == "E_EVAL" and "documents" in e.value.message
    with pytest.raises(KhabarError) as e:
        score_gold(_gold(tmp_path), out)
    assert "reports.jsonl" in e.value.message
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "X1"}\n')
    with pytest.raises(KhabarError) as e:
        evaluate.score_acled(rows, pipeline=_FakePipeline())
    assert e.value.code == "E_EVAL" and "line 1" in e.value.message
