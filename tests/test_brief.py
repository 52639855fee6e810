"""The executive brief (PDF), read back as a reader would: its figures are the `kpis --json`
figures, formatted; Thai reads back exactly; a provincial head's brief names no other province;
data never becomes markup; the same data gives the same bytes; the first page renders.

The data is tests/reports_data.brief_data (tests/test_kpis.hand_made, FY2566 as of 30 Sep 2023,
and a little more), loaded by the `brief_db` (both backends) and `brief_sqlite` fixtures.
"""

import io
import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image

from assets.i18n import t
from data_access import audit, reference
from data_access.cli import main
from data_access.selection import Scope, Selection
from reports import brief
from reports.brief_content import BriefRequest, brief_content
from tests import pdftext
from tests.builder import Dataset
from tests.reports_data import CHIANG_MAI
from tests.test_kpis import EXECUTIVE
from ui import format as fmt
from ui.headline import HEADLINE_KPIS

AS_OF = date(2023, 9, 30)
PROJECT = Path(__file__).resolve().parent.parent
MADE_AT = datetime(2026, 1, 2, 3, 4)
MARKUP = "a*b*_c_ #let $x$ <y> @z [w] `v` \\ = h // ~"


def request(scope=EXECUTIVE, lang="th", made_by="exec", **selection) -> BriefRequest:
    return BriefRequest(Selection((2566,), as_of=AS_OF, **selection), scope, lang, made_by, MADE_AT, False)


def read(db, **kwargs) -> str:
    return pdftext.squashed(read_lines(db, **kwargs))


def read_lines(db, **kwargs) -> str:
    return pdftext.text(brief.brief_pdf(db, request(**kwargs)))


@pytest.fixture
def kpis_json(brief_db, monkeypatch, capsys):
    """The `kpis --json` command's own answer for a selection of FY2566 as of 30 Sep 2023."""
    monkeypatch.setenv("DATABASE_URL", brief_db.url)

    def run(*args):
        assert main(["kpis", "--fy", "2566", "--as-of", "2023-09-30", *args, "--json"]) == 0
        return json.loads(capsys.readouterr().out)

    return run


def formatted(summary: dict) -> set[str]:
    return {fmt.kpi(key, value) for key, value in summary.items()}


def test_every_figure_of_a_province_brief_is_the_kpis_json_value_formatted(brief_db, kpis_json):
    own, region, nation = kpis_json("--province", "50"), kpis_json("--region", "north"), kpis_json()
    lines = read_lines(brief_db, provinces=("50",))
    text = pdftext.squashed(lines)
    for key in HEADLINE_KPIS:
        label, value = t(f"kpi.{key}"), fmt.kpi(key, own[key])
        assert text.count(pdftext.squashed(label + value)) >= 2, key  # its card and its comparison row
        row = label + value + fmt.kpi(key, region[key]) + fmt.kpi(key, nation[key])
        assert pdftext.squashed(row) in text, key
    sentence = t(
        "summary.participants",
        year=2566,
        participants=fmt.number(own["participants"]),
        attainment=t("summary.attainment", value=fmt.percent(own["target_attainment"])),
    )
    assert pdftext.squashed(sentence) in text
    amounts = t(
        "brief.disbursed_of", disbursed=fmt.baht(own["disbursed"]), allocated=fmt.baht(own["allocated"])
    )
    assert pdftext.squashed(amounts) in text
    targets_and_tile = {fmt.percent(v) for v in (0.95, 0.80, 0.90)} | {"67%"}
    percents = set(re.findall(r"\d[\d,]*(?:\.\d+)?%", lines))
    assert percents and percents <= formatted(own) | formatted(region) | formatted(nation) | targets_and_tile
    money = {pdftext.squashed(m) for m in re.findall(r"\d[\d,]*(?:\.\d+)?\s*(?:ล้านบาท|บาท/เดือน|บาท)", lines)}
    assert money and money <= {
        pdftext.squashed(v) for v in formatted(own) | formatted(region) | formatted(nation)
    }


def test_a_national_brief_ranks_provinces_and_lists_those_behind_with_their_own_figures(
    brief_db, kpis_json, monkeypatch
):
    monkeypatch.setenv("DASHBOARD_MIN_N", "1")
    chiang_mai, lamphun, nation = kpis_json("--province", "50"), kpis_json("--province", "51"), kpis_json()
    text = read(brief_db)
    ranked = "เชียงใหม่" + fmt.percent(chiang_mai["skill_use_rate"]) + "·" + t("card.n", n=3)
    assert pdftext.squashed(ranked) in text
    for name, figures in (("ทั้งประเทศ", nation), ("ลำพูน", lamphun), ("เชียงใหม่", chiang_mai)):
        line = f"{name}{fmt.percent(figures['disbursement_rate'])}/เป้าหมาย{fmt.percent(0.9)}"
        assert line in text, name


def test_thai_and_english_text_read_back_exactly_as_the_translation_table_has_them(brief_db):
    for lang, province, region in (("th", "เชียงใหม่", "ภาคเหนือ"), ("en", "Chiang Mai", "North")):
        text = read(brief_db, lang=lang, provinces=("50",))
        assert pdftext.squashed(province) in text and pdftext.squashed(region) in text
        for key in (*HEADLINE_KPIS, "title", "project"):
            label = t(f"kpi.{key}" if key in HEADLINE_KPIS else f"brief.{key}", lang)
            assert pdftext.squashed(label) in text, (lang, key)
    assert reference.province_name("50", "th") == "เชียงใหม่"


def test_a_provincial_heads_brief_names_no_other_province(brief_db):
    others = [p for p in reference.provinces() if p.code != "50"]
    national = read(brief_db)
    assert "ลำพูน" in national  # the executive's national brief lists Lamphun: the check can fail
    for lang in ("th", "en"):
        text = read(brief_db, scope=CHIANG_MAI, lang=lang)
        assert pdftext.squashed(reference.province_name("50", lang)) in text
        named = [p.code for p in others if pdftext.squashed(reference.province_name(p.code, lang)) in text]
        assert named == [], lang


def test_markup_characters_in_data_print_as_they_are_written(brief_sqlite):
    assert pdftext.squashed(MARKUP) in read(brief_sqlite, made_by=MARKUP, provinces=("50",))
    content = brief_content(brief_sqlite, request(provinces=("50",)))
    content["header"]["place"] = "จังหวัด " + MARKUP
    content["cards"][0]["label"] = MARKUP + " ชื่อ"
    text = pdftext.squashed(pdftext.text(brief.render(content, MADE_AT)))
    assert pdftext.squashed("จังหวัด " + MARKUP) in text and pdftext.squashed(MARKUP + " ชื่อ") in text


def test_the_same_data_gives_the_same_bytes_and_new_data_new_ones(brief_db):
    first = brief.brief_pdf(brief_db, request())
    assert brief.brief_pdf(brief_db, request()) == first
    Dataset().course("N", province="52", budget=1.0).load(brief_db)  # bumps the data version
    assert brief.brief_pdf(brief_db, request()) != first


def test_a_selection_without_data_says_so(brief_sqlite):
    text = read(brief_sqlite, regions=("south",))
    assert pdftext.squashed(t("empty.no_data")) in text


def test_the_first_page_renders_as_a_page_with_ink(brief_sqlite, tmp_path):
    picture = Image.open(
        io.BytesIO(pdftext.first_page_png(brief.brief_pdf(brief_sqlite, request()), tmp_path))
    )
    grey = picture.convert("L")
    width, height = grey.size
    assert height > width  # A4 portrait
    inked = sum(grey.histogram()[:200])
    assert inked > 0.02 * width * height
    header_blue = picture.convert("RGB").getpixel((width // 2, int(height * 0.05)))
    assert header_blue[2] > header_blue[0]  # the light-blue header band


def test_brief_command_writes_the_pdf_and_audits_it(brief_sqlite, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("DATABASE_URL", brief_sqlite.url)
    out = tmp_path / "brief.pdf"
    args = ["brief", "--fy", "2566", "--province", "เชียงใหม่", "--as-of", "2023-09-30", "--out", str(out)]
    assert main([*args, "--lang", "en"]) == 0
    assert pdftext.squashed("Chiang Mai · FY2566") in pdftext.squashed(pdftext.text(out.read_bytes()))
    entries = audit.entries(brief_sqlite, Scope("admin", "admin"), action="download")
    assert json.loads(entries.iloc[0]["detail"])["file"] == "brief.pdf"
    assert main(["brief", "--fy", "2565,2566", "--out", str(out)]) == 2
    assert "one fiscal year" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("page", "params", "lang"),
    [("pages/overview.py", {}, "th"), ("pages/province.py", {"province": "50", "lang": "en"}, "en")],
)
def test_the_overview_and_province_pages_offer_the_brief(app, page, params, lang):
    at = app(page=page, user="demo_cm" if "province" in params else "demo_exec", **params)
    assert not at.exception
    assert t("download.brief", lang) in [button.label for button in at.get("download_button")]


def test_the_command_line_makes_briefs_and_packs_without_streamlit():
    code = "import sys, data_access.cli, reports.pack, reports.mail; print('streamlit' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"
