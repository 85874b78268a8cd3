from khabar.read import decode, read


def test_decode_detects_cp1256_arabic():
    text = "قالت مصادر محلية إن اشتباكات عنيفة اندلعت في ريف الحسكة الجنوبي"
    assert decode(text.encode("cp1256")) == text


def test_decode_utf16_and_bom():
    assert decode("Hassaké".encode("utf-16")) == "Hassaké"
    assert decode(b"\xef\xbb\xbfbonjour") == "bonjour"


def test_jsonl_bad_line_is_rejected_and_the_rest_read(tmp_path):
    f = tmp_path / "r.jsonl"
    f.write_text('{"text": "Des combats ont eu lieu."}\n{"text": \n{"title": 3, "text": "x"}\n', encoding="utf-8")
    items = list(read([f]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Report", "Rejected", "Rejected"]
    assert "line 2" in items[1].reason and "'title' must be a string" in items[2].reason
