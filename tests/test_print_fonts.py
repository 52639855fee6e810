"""The brief's fonts (reports/fonts): static/fonts' Sarabun with aligned tone-mark anchors, so that
every Thai text the dashboard prints reads back from the PDF as written (reports/print_fonts)."""

import json

import typst

from assets.i18n import table
from data_access import reference
from reports import print_fonts
from tests import pdftext


def test_the_committed_fonts_are_what_the_generator_makes(tmp_path):
    for made in print_fonts.write(tmp_path):
        assert made.read_bytes() == (print_fonts.PRINT_FONTS / made.name).read_bytes(), made.name


def test_every_translation_and_name_reads_back_as_written_in_regular_and_bold():
    names = [
        *(name for p in reference.provinces() for name in (p.name_th, p.name_en)),
        *(r.name_th for r in reference.REGIONS),
        *(s.name_th for s in reference.SKILL_CATEGORIES),
        "สูงขึ้น สิ่งประดิษฐ์ ปั้น กิ๊ก ตั๋ว ฟื้น ฝั่ง น้ำ ผู้ใช้",
    ]
    texts = [*names, *(row[lang] for row in table().values() for lang in ("th", "en"))]
    source = (
        '#set page(width: auto, height: auto)\n#set text(font: "Sarabun", lang: "th")\n'
        "#let texts = json(bytes(sys.inputs.texts))\n"
        '#for t in texts [#t \\ ]\n#for t in texts [#text(weight: "bold", t) \\ ]\n'
    )
    pdf = typst.compile(
        source.encode(),
        font_paths=[str(print_fonts.PRINT_FONTS)],
        ignore_system_fonts=True,
        sys_inputs={"texts": json.dumps(texts, ensure_ascii=False)},
    )
    read = pdftext.squashed(pdftext.text(pdf))
    assert [text for text in texts if pdftext.squashed(text) not in read] == []
