"""khabar.clean: scraped-page debris out, body kept, every removal recorded against the raw text."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from khabar.clean import classify_line, clean
from khabar.model import Report

FR_BODY = ("Des combattants ont attaqué un poste de contrôle près de la ville de Hassaké dans la nuit de "
           "dimanche à lundi, selon des sources locales citées par plusieurs médias de la région.")
FR_BODY2 = ("Les forces de sécurité ont ensuite bouclé le quartier et procédé à plusieurs arrestations, "
            "a indiqué un responsable local qui a requis l'anonymat.")
EN_BODY = ("Gunmen attacked a checkpoint near the town of Hasakah late on Sunday, local sources said, "
           "adding that two guards were wounded in the exchange of fire that followed.")
AR_BODY = "قالت مصادر محلية إن مسلحين هاجموا حاجزا قرب مدينة الحسكة ليلة الأحد، ما أدى إلى إصابة عنصرين من الحراس."


class Ctx:
    """A context whose outlet lookup maps any footer name to a canonical one."""
    detector = None

    def outlet_name(self, name):
        return {"ARABIC EXAMPLE NEWS": "Example News"}.get(name.strip(), name.strip())


def _clean(raw, **kw):
    rep = Report(raw=raw, **kw)
    return clean(rep, Ctx())


def _reasons(rep):
    return [(r.reason, rep.raw[r.start:r.end]) for r in rep.removed]


def test_removed_offsets_index_the_raw_text_and_body_is_kept():
    raw = f"{FR_BODY}\n\nLire aussi : Un autre article sur un autre sujet\n\n{FR_BODY2}\n"
    rep = _clean(raw)
    assert _reasons(rep) == [("read-also", "Lire aussi : Un autre article sur un autre sujet")]
    for r in rep.removed:
        assert rep.raw[r.start:r.end] == r.text
    assert rep.text == f"{FR_BODY}\n\n{FR_BODY2}"


def test_read_also_in_each_language():
    assert classify_line("Read also: The war in numbers") == "read-also"
    assert classify_line("À lire aussi – Les combats reprennent") == "read-also"
    assert classify_line("اقرأ أيضاً: تطورات الوضع في الحسكة") == "read-also"
    assert classify_line("Lire aussiement n'est pas un mot") is None


def test_share_lines_and_share_button_rows():
    assert classify_line("Partager cet article") == "share"
    assert classify_line("Facebook | Twitter | WhatsApp") == "share"
    assert classify_line("فيسبوك تويتر واتساب") == "share"
    assert classify_line("Twitter said it suspended the account of the group on Monday") is None


def test_captions_and_credits():
    assert classify_line("Des combattants dans la ville. ©AFP") == "caption"
    assert classify_line("Smoke rises over the town (AFP photo)") == "caption"
    assert classify_line("Des soldats à un poste. (Photo d'archives)") == "caption"
    assert classify_line("مقاتلون في ريف الحسكة (أرشيف)") == "caption"
    assert classify_line(EN_BODY) is None


def test_lone_label_is_removed_but_a_short_sentence_is_not():
    assert classify_line("Politique") == "label"
    assert classify_line("Moyen-Orient") == "label"
    assert classify_line("Il est mort.") is None


def test_text_file_title_followed_by_blank_line():
    rep = _clean(f"Attaque contre un poste à Hassaké\n\n{FR_BODY}\n\n{FR_BODY2}\n")
    assert rep.title == "Attaque contre un poste à Hassaké"
    assert ("title", "Attaque contre un poste à Hassaké") in _reasons(rep)
    assert rep.text.startswith("Des combattants")


def test_text_file_title_followed_directly_by_a_long_paragraph():
    rep = _clean(f"هجوم على حاجز قرب الحسكة\n{AR_BODY}\n{AR_BODY}\n")
    assert rep.title == "هجوم على حاجز قرب الحسكة"
    assert "هجوم على حاجز" not in rep.text


def test_first_sentence_is_not_a_title():
    rep = _clean(f"Une source a fait part d'un nouveau plan.\n{FR_BODY}\n")
    assert rep.title is None and rep.removed == []


def test_html_repeated_h1_title_is_removed():
    html = ("<html><head><title>Clashes near Hasakah | Example</title></head><body><article>"
            "<h1>Clashes near Hasakah</h1>"
            f"<p>{EN_BODY}</p><p>{EN_BODY.replace('Sunday', 'Monday')}</p></article></body></html>")
    rep = Report(raw=html, path="x.html", _html=html)
    clean(rep, Ctx())
    assert rep.title == "Clashes near Hasakah"
    assert ("title", "Clashes near Hasakah") in _reasons(rep)
    assert rep.text.startswith("Gunmen attacked")


def test_known_title_repeated_in_record_text_is_removed():
    rep = _clean(f"Clashes near Hasakah\n{EN_BODY}\n", title="Clashes near Hasakah")
    assert _reasons(rep) == [("title", "Clashes near Hasakah")]
    assert rep.text == EN_BODY


def test_english_caption_inside_french_article_without_marker():
    caption = "A fighter stands guard at a checkpoint on the road to the city"
    raw = f"Attaque contre un poste à Hassaké\n\n{caption}\n\n{FR_BODY}\n\n{FR_BODY2}\n"
    rep = _clean(raw)
    assert ("caption", caption) in _reasons(rep)
    assert caption not in rep.text and FR_BODY in rep.text


def test_foreign_line_next_to_a_caption_is_a_caption():
    raw = (f"{FR_BODY}\n\nUn combattant à un poste. ©AFP\nA fighter at a post near the town of Hasakah\n\n"
           f"{FR_BODY2}\n")
    rep = _clean(raw)
    reasons = dict((t, r) for r, t in _reasons(rep))
    assert reasons.get("A fighter at a post near the town of Hasakah") == "caption"


def test_same_language_lede_after_title_is_kept():
    lede = "Les combats ont repris dimanche dans la région"
    rep = _clean(f"Attaque contre un poste à Hassaké\n\n{lede}\n\n{FR_BODY}\n")
    assert lede in rep.text


def test_foreign_paragraph_in_body_is_kept():
    raw = f"{FR_BODY}\n\n{EN_BODY}\n\n{FR_BODY2}\n"
    rep = _clean(raw)
    assert rep.removed == [] and EN_BODY in rep.text


def test_source_footer_gives_the_canonical_outlet():
    rep = _clean(f"{EN_BODY}\n\nShare this article\nSOURCE: ARABIC EXAMPLE NEWS")
    assert rep.outlet == "Example News"
    assert _reasons(rep) == [("share", "Share this article"), ("footer", "SOURCE: ARABIC EXAMPLE NEWS")]
    assert rep.text == EN_BODY


def test_footer_keeps_an_outlet_already_known():
    rep = _clean(f"{EN_BODY}\nSource: Other News", outlet="Known Outlet")
    assert rep.outlet == "Known Outlet"
    assert rep.text == EN_BODY


def test_removed_spans_yield_no_claims_or_dates(pipeline):
    caption = "Des combattants lors d'une attaque à Qamichli le 2 mars 2019. ©AFP"
    raw = f"{caption}\n\n{FR_BODY}\n"
    rep = pipeline.process(Report(raw=raw, path="x.txt"))
    assert caption not in rep.text
    assert all("2019" not in (d.text or "") for d in rep.dates)
    assert all("Qamichli" not in c.evidence.text for c in rep.claims)
    assert all(m.text != "Qamichli" for m in rep.mentions)


def test_wire_photo_credits_end_a_caption():
    assert classify_line("A man walks past a shop in the city, March 3, 2020. REUTERS/Jane Doe") == "caption"
    assert classify_line("Fighters at a post (Photo by John Doe/AFP via Getty Images)") == "caption"
    assert classify_line("The attack was claimed by the SDF/YPG") is None


def test_tags_newsletter_and_copyright_lines():
    assert classify_line("Tags: Syrie, Hassaké, Daech") == "boilerplate"
    assert classify_line("Mots-clés : Syrie, Irak") == "boilerplate"
    assert classify_line("© 2021 Exemple Info. Tous droits réservés.") in ("caption", "boilerplate")
    assert classify_line("جميع الحقوق محفوظة لموقع المثال 2021") == "boilerplate"
    assert classify_line("Subscribe to our newsletter for daily updates") == "boilerplate"


def test_read_also_marker_alone_takes_the_headline_below():
    raw = f"{FR_BODY}\n\nLire aussi :\nLes combats reprennent dans l'est du pays\n\n{FR_BODY2}\n"
    rep = _clean(raw)
    assert _reasons(rep) == [("read-also", "Lire aussi :"),
                             ("read-also", "Les combats reprennent dans l'est du pays")]
    assert rep.text == f"{FR_BODY}\n\n{FR_BODY2}"


def test_footer_followed_by_debris_still_names_the_outlet():
    rep = _clean(f"{EN_BODY}\n\nSource: ARABIC EXAMPLE NEWS\nShare this article\nFacebook Twitter")
    assert rep.outlet == "Example News"
    assert [r for r, _ in _reasons(rep)] == ["footer", "share", "share"]
    assert rep.text == EN_BODY


def test_body_after_a_source_line_means_it_is_no_footer():
    raw = f"{EN_BODY}\nSource: a local official\n{EN_BODY}"
    rep = _clean(raw)
    assert rep.outlet is None and rep.removed == []


def test_question_headline_standing_alone_is_a_title():
    rep = _clean(f"Retrait américain : lutte antiterroriste ou faux-semblant ?\n\n{FR_BODY}\n")
    assert rep.title == "Retrait américain : lutte antiterroriste ou faux-semblant ?"
    rep2 = _clean(f"Qui a attaqué le poste ?\n{FR_BODY}\n")
    assert rep2.title is None


def test_html_copyright_year_is_not_taken_for_the_published_date():
    body = f"<p>{EN_BODY}</p><p>{EN_BODY.replace('Sunday', 'Monday')}</p>"
    html = f"<html><body><article><h1>Clashes near Hasakah</h1>{body}</article><footer>© 2020 Example</footer></body></html>"
    rep = Report(raw=html, path="x.html", _html=html)
    clean(rep, Ctx())
    assert rep.published is None
    meta = '<meta property="article:published_time" content="2021-04-14T10:00:00Z">'
    html2 = html.replace("<html>", f"<html><head>{meta}</head>")
    rep2 = Report(raw=html2, path="y.html", _html=html2)
    clean(rep2, Ctx())
    assert rep2.published == "2021-04-14"


class GazCtx(Ctx):
    """A context with a gazetteer that knows one outlet."""

    class Gaz:
        def outlet(self, name):
            if "observatory" in name.lower() or name.strip() == "SOHR":
                return {"id": "sohr", "name": "SOHR", "aliases": ["Syrian Observatory for Human Rights", "SOHR"]}
            return None

    def get_gazetteer(self):
        return self.Gaz()


def test_outlet_masthead_is_not_the_title():
    raw = f"Syrian Observatory for Human Rights\n\nClashes near Hasakah leave two dead\n\n{EN_BODY}\n"
    rep = clean(Report(raw=raw), GazCtx())
    assert _reasons(rep)[0] == ("label", "Syrian Observatory for Human Rights")
    assert rep.outlet == "SOHR" and rep.title == "Clashes near Hasakah leave two dead"


def test_headline_naming_an_outlet_is_still_the_title():
    raw = f"Observatory reports clashes near Hasakah\n\n{EN_BODY}\n"
    rep = clean(Report(raw=raw), GazCtx())
    assert rep.title == "Observatory reports clashes near Hasakah" and rep.outlet is None


def test_short_masthead_gives_the_outlet_too():
    rep = clean(Report(raw=f"SOHR\n\n{EN_BODY}\n"), GazCtx())
    assert rep.outlet == "SOHR" and _reasons(rep) == [("label", "SOHR")]


def test_share_on_rows_in_each_language():
    for line in ("Share on Facebook | Share on Twitter", "Partager sur Facebook - Partager sur X",
                 "شارك على فيسبوك | شارك على تويتر"):
        assert classify_line(line) == "share", line
    assert classify_line("The group shared on Facebook a video of the attack.") is None


def test_dateline_agency_becomes_the_reports_outlet():
    from khabar.pipeline import Context
    ctx = Context()
    for text, outlet in (("QAMISHLI, Syria (Reuters) - A Turkish drone struck a car near Qamishli on Monday.", "Reuters"),
                         ("BEYROUTH (AFP) — Des frappes ont visé Raqqa lundi, selon l'OSDH.", "AFP"),
                         ("دمشق (سانا) - قصفت القوات التركية محيط بلدة تل رفعت.", "SANA"),
                         # a country and a date between the place and the agency
                         ("ERBIL, Iraq, May 14 (Reuters) - Two drones struck near Erbil airport.", "Reuters"),
                         ("ALEP, Syrie, 2 avril (AFP) — Des obus sont tombés sur un quartier.", "AFP")):
        rep = clean(Report(raw=text), ctx)
        assert rep.outlet == outlet and rep.text.startswith(text.split()[0])
    # a parenthesis that is no agency names no outlet
    assert clean(Report(raw="Turkey (Ankara) - a long sentence about the talks held there on Monday."), ctx).outlet is None


@pytest.mark.parametrize("url, outlet", [
    ("https://www.reuters.com/world/middle-east/x", "Reuters"),
    ("https://english.almayadeen.net/news/politics/y", "al-Mayadeen"),
    ("https://www.example-news.com/2024/03/10/z.html", "example-news.com"),
    ("file:///tmp/report.txt", None),
    ("not a url", None),
])
def test_the_site_of_a_report_is_its_outlet_when_the_text_names_none(url, outlet):
    from khabar.clean import url_outlet
    assert url_outlet(url) == outlet


def test_an_outlet_named_in_the_text_wins_over_the_site():
    import khabar
    rep = khabar.extract("BEYROUTH (AFP) — Des combats ont éclaté près de Raqqa.", url="https://www.example-news.com/a")
    assert rep.outlet == "AFP"
    rep = khabar.extract("Des combats ont éclaté près de Raqqa.", url="https://www.example-news.com/a")
    assert rep.outlet == "example-news.com"


@pytest.mark.parametrize("line, agency", [
    ("دمشق-سانا", "سانا"), ("Deir ez-Zor - SANA", "SANA"), ("Idlib — AFP", "AFP"),
    ("Un convoi américain a quitté al-Chaddadi.", None), ("L'armée a pris Tal-Abyad", None),
])
def test_a_dateline_line_is_a_short_place_and_a_dash_not_a_hyphen_in_a_name(line, agency):
    from khabar.clean import DATELINE
    m = DATELINE.match(line)
    assert (m.group(1) or m.group(2) if m else None) == agency


def _words_all_share_words(low: str) -> bool:
    # the plain definition the share-row regex stands for: the words between separators
    from khabar.clean import SEPARATORS, _share_words
    return _share_words().issuperset(SEPARATORS.sub(" ", low).split())


_SHARE_PIECES = ["facebook", "twitter", "e-mail", "mail", "partager", "sur", "copy", "link", "x", "xx",
                 "tweeter", "tweet", "شارك", "على", "lien", "le", "les", "print", "printed"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_SHARE_PIECES), st.sampled_from([" ", " | ", "/", "·", " - ", "–", ",", ":", "\t"]),
                          st.text(max_size=3)), max_size=12))
@example(["facebook", " ", "twitter"])
def test_share_row_regex_is_the_share_word_test(pieces):
    from khabar.clean import _share_words_row
    low = "".join(pieces).casefold()
    assert (_share_words_row().fullmatch(low) is not None) == _words_all_share_words(low)


def _pattern_pieces(*keys):
    from khabar.clean import _patterns
    pats = [p for k in keys for p in _patterns().get(k, ())]
    return st.sampled_from(pats + [p.upper() for p in pats] + [p.replace("'", "’") for p in pats] + ["", "ß", "ﬁ", "İ"])


@settings(max_examples=300, deadline=None)
@given(_pattern_pieces("read_also", "caption_start", "boilerplate_start"),
       st.text(st.characters(max_codepoint=0x2100), min_size=150, max_size=260),
       _pattern_pieces("caption_end"))
@example("Lire aussi", " : " + "x" * 250, "")
@example("ß" * 5, "y" * 210, "©AFP")
def test_a_long_line_is_judged_on_its_folded_ends_as_on_the_whole_folded_line(start, middle, end):
    import khabar.clean as clean_module
    line = start + middle + end
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clean_module, "LONG_LINE", 10 ** 9)     # every line folded whole
        whole = classify_line(line)
    assert classify_line(line) == whole


# -- a scraped page's header and trailing lists ------------------------------------------------

FR_PAGE = ("Accueil > International > Proche-Orient\n\n"
           "Syrie : deux combattants tués dans une embuscade près de Hassaké\n\n"
           "Par Julien Martin avec AFP\n"
           "Publié le 05/03/2026 à 09h12, mis à jour le 06/03/2026 à 11h40\n\n"
           "Partager sur Facebook\nCopier le lien\n\n"
           f"{FR_BODY}\n\n"
           "Newsletter\nL'essentiel de l'actualité du Proche-Orient dans votre boîte mail\nS'inscrire\n\n"
           f"{FR_BODY2}\n\n"
           "Les plus lus\n1. Liban : une frappe vise un village du Sud\nIrak : les élections reportées à l'automne\n")


def test_a_scraped_pages_header_and_widgets_go_and_date_the_report():
    rep = _clean(FR_PAGE)
    reasons = dict((t, r) for r, t in _reasons(rep))
    assert reasons["Accueil > International > Proche-Orient"] == "navigation"
    assert rep.title == "Syrie : deux combattants tués dans une embuscade près de Hassaké"
    assert reasons["Par Julien Martin avec AFP"] == "byline"
    assert reasons["Copier le lien"] == "share"
    assert reasons["L'essentiel de l'actualité du Proche-Orient dans votre boîte mail"] == "boilerplate"
    assert reasons["1. Liban : une frappe vise un village du Sud"] == "read-also"
    assert reasons["Irak : les élections reportées à l'automne"] == "read-also"
    # the publication line dates the report (day first, as French pages print it), not its update
    assert rep.published == "2026-03-05"
    assert rep.text == f"{FR_BODY}\n\n{FR_BODY2}"
    # a partner agency after "avec" is not the page's outlet
    assert rep.outlet is None


def test_the_list_under_a_most_read_marker_stops_at_the_body():
    raw = f"{EN_BODY}\n\nMost read\nIsrael strikes targets in southern Lebanon\nTalks resume in Geneva\n\n{EN_BODY}\n"
    rep = _clean(raw)
    assert [t for r, t in _reasons(rep)] == ["Most read", "Israel strikes targets in southern Lebanon",
                                            "Talks resume in Geneva"]
    assert rep.text.count(EN_BODY) == 2


@pytest.mark.parametrize("line, date", [
    ("Published March 4, 2026 10:42 GMT | Updated March 5, 2026", "2026-03-04"),
    ("Updated: 2026-03-04 08:00", "2026-03-04"),
    ("نشر في 04 آذار 2026", "2026-03-04"),
    ("Publié le 4 mars 2026 à 12h00", "2026-03-04"),
    ("Mis à jour le 04.03.2026", "2026-03-04"),
])
def test_publication_lines_in_each_language(line, date):
    assert classify_line(line) == "published"
    rep = _clean(f"{line}\n\n{EN_BODY}\n")
    assert rep.published == date and rep.text == EN_BODY


def test_a_report_keeps_its_own_publication_date():
    rep = _clean(f"Published March 4, 2026\n\n{EN_BODY}\n", published="2026-03-01")
    assert rep.published == "2026-03-01"


def test_body_lines_that_open_like_header_lines_stay():
    for line in ("Updated figures from the ministry show 12 people were killed.",
                 "By Tuesday, the army had retaken the town of Hasakah, the ministry said.",
                 "Par ailleurs, les forces kurdes ont arrêté trois suspects.",
                 "The road from Hasakah / Qamishli / Amuda was cut on Monday.",
                 "Il a déclaré « Nous » » aux journalistes"):
        assert classify_line(line) is None, line


@pytest.mark.parametrize("line", ["Home / World / Middle East", "Accueil > Monde", "الرئيسية > أخبار > سوريا",
                                  "News › Middle East › Syria"])
def test_breadcrumbs_are_navigation(line):
    assert classify_line(line) == "navigation"


def test_a_byline_names_the_outlet_it_writes_for():
    from khabar.pipeline import Context
    rep = clean(Report(raw=f"By Sara Khalil and John Morrison, Reuters\n\n{EN_BODY}\n"), Context())
    assert rep.outlet == "Reuters" and rep.text == EN_BODY
    assert classify_line("بقلم فريق التحرير") == "byline"


def test_photographer_credits_written_name_first():
    assert classify_line("Des habitants près de Hassaké, en février 2025. DELIL SOULEIMAN / AFP") == "caption"


def test_the_publication_line_dates_relative_days(pipeline):
    raw = f"Publié le 12/02/2026 à 14h32\n\n{FR_BODY}\n"
    rep = pipeline.process(Report(raw=raw, path="x.txt"))
    assert rep.published == "2026-02-12"
    # "dans la nuit de dimanche à lundi": the night before the last Monday before publication
    assert rep.claims and rep.claims[0].date is not None and rep.claims[0].date.start.startswith("2026-02")


@pytest.mark.parametrize("line, reason", [
    ("Skip to main content", "boilerplate"),
    ("Aller au contenu principal", "boilerplate"),
    ("We use cookies to improve your experience. By continuing to browse, you agree.", "boilerplate"),
    ("Comments (3)", "boilerplate"),
    ("Laisser un commentaire", "boilerplate"),
    ("أضف تعليق", "boilerplate"),
    ("March 5, 2026", "published"),
    ("Jeudi 5 mars 2026 à 10h30", "published"),
    ("الخميس 5 آذار 2026 - 10:30", "published"),
    ("Kurdish official Leila Hassan (@LeilaHassan) March 4, 2026: they shelled our villages", "embed"),
    ("They shelled our villages pic.twitter.com/abc123", "embed"),
])
def test_page_furniture_lines(line, reason):
    assert classify_line(line) == reason


@pytest.mark.parametrize("line", ["Attack on 5 March 2026", "Comments by the minister on 3 March were not reported.",
                                  "Le 5 mars 2026, trois civils ont été tués."])
def test_lines_with_a_date_and_more_are_no_date_lines(line):
    assert classify_line(line) is None


def test_a_date_line_dates_the_report_and_the_title_follows_a_skip_link():
    rep = _clean(f"Skip to main content\n\nTurkish shelling hits villages near Kobani\n\nMarch 5, 2026\n\n{EN_BODY}\n")
    assert rep.title == "Turkish shelling hits villages near Kobani"
    assert rep.published == "2026-03-05" and rep.text == EN_BODY


def test_a_dateline_after_a_section_label_names_the_outlet():
    from khabar.pipeline import Context
    rep = clean(Report(raw=f"سوريا\n\nمقتل مدنيين بانفجار عبوة في ريف درعا\n\nدرعا-سانا\n\n{AR_BODY}\n"), Context())
    assert rep.outlet == "SANA"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Ab dمشق(),.-–—:'’\n1")), max_size=40),
       st.integers(0, 5), st.integers(0, 45))
@example("DAMASCUS, Syria (AP) — text", 0, 30)
@example("دمشق-سانا", 0, 9)
@example("Damascus - SANA\n", 0, 16)
@example("Un convoi a quitté al-Chaddadi, hier.", 0, 37)
def test_dateline_is_the_pattern_on_the_slice(text, start, end):
    # the pre-check skips no slice the pattern matches
    from khabar.clean import DATELINE, dateline
    got, want = dateline(text, start, end), DATELINE.match(text[start:end])
    assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a \n\r\u2028\u0645")), max_size=30))
@example("")
@example("\n")
@example("a\n\nb")
def test_lines_are_the_non_empty_matches_of_line(raw):
    from khabar.clean import LINE, _lines
    assert _lines(raw) == [(m.start(), m.end(), m.group()) for m in LINE.finditer(raw) if m.end() > m.start()]
