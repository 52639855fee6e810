"""The report pack: every unit's brief and workbook, an offline index and a manifest; a rerun on
unchanged data rewrites nothing, changed data replaces files by rename, one failure never stops
the others and makes the command exit non-zero, a provincial head's pack names no other province.

Packs here are made for a two-province staff scope (4 files) to stay fast; `units` is checked for
every kind of scope.
"""

import hashlib
import json
import time
from datetime import date
from pathlib import Path

import pytest

from data_access import reference, users
from data_access.cli import main
from data_access.selection import Scope
from reports import pack
from tests import pdftext
from tests.builder import Dataset
from tests.reports_data import CHIANG_MAI

AS_OF = date(2023, 9, 30)
TWO = Scope("two", "staff", frozenset({"50", "51"}))
FILES = [
    f"province-{code}/{kind}" for code in ("50", "51") for kind in ("brief-2566.pdf", "summary-2566.xlsx")
]


@pytest.fixture
def out(tmp_path):
    """The pack's folder (beside, not holding, the test's SQLite database)."""
    return tmp_path / "pack"


def make(db, out: Path, scope=TWO, lines=None) -> pack.PackResult:
    request = pack.PackRequest(2566, scope, "th", out, AS_OF)
    return pack.make_pack(db, request, (lines if lines is not None else []).append)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file: a rewritten file has a new inode or mtime."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_units_are_the_nation_whole_regions_and_provinces_of_the_scope():
    national = pack.units(Scope("exec", "executive"))
    assert [u.level for u in national].count("nation") == 1
    assert len([u for u in national if u.level == "region"]) == 6
    assert len([u for u in national if u.level == "province"]) == 77
    north = pack.units(Scope.from_codes("north_staff", "staff", "north"))
    assert [u.folder for u in north] == [
        "region-north",
        *(f"province-{c}" for c in sorted(reference.provinces_of_region("north"))),
    ]
    assert [u.folder for u in pack.units(CHIANG_MAI)] == ["province-50"]


def test_a_pack_holds_every_file_an_index_linking_them_and_a_manifest_of_their_hashes(brief_db, out):
    lines = []
    result = make(brief_db, out, lines=lines)
    assert result.counts() == {"written": 4, "unchanged": 0, "failed": 0}
    assert [line.split("] ")[1].split()[0] for line in lines] == FILES  # a progress line per file
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_version"] == brief_db.data_version() and manifest["fiscal_year"] == 2566
    assert [f["path"] for f in manifest["files"]] == FILES
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest()
        assert entry["selection"]["provinces"] == [entry["code"]]
    assert (out / "province-50/brief-2566.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "province-51/summary-2566.xlsx").read_bytes().startswith(b"PK")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{path}"' in index for path in FILES)
    assert "เชียงใหม่" in index and "ลำพูน" in index
    assert "http" not in index and "<script" not in index and "src=" not in index  # offline
    assert (out / "fonts/Sarabun-Regular.ttf").read_bytes() == pack.INDEX_FONTS[0].read_bytes()


def test_a_rerun_on_unchanged_data_rewrites_nothing(brief_sqlite, out):
    make(brief_sqlite, out)
    before = snapshot(out)
    assert make(brief_sqlite, out).counts() == {"written": 0, "unchanged": 4, "failed": 0}
    assert snapshot(out) == before


def test_changed_data_replaces_the_files_it_changes_by_renaming_complete_ones(brief_sqlite, out):
    make(brief_sqlite, out)
    before = snapshot(out)
    time.sleep(1.1)  # the files carry the data's change time to the second: let it be a new one
    Dataset().course("N", province="51").participant("N", "n1", True, 1000).load(brief_sqlite)
    result = make(brief_sqlite, out)
    written = {f.path for f in result.files if f.status == "written"}
    assert written == set(FILES)  # both briefs and workbooks say the new data version
    after = snapshot(out)
    assert all(after[path][0] != before[path][0] for path in FILES)  # new inodes: renamed into place
    assert not [p for p in out.rglob("*.part")]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_version"] == brief_sqlite.data_version()


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "brief.pdf"
    target.write_bytes(b"old")

    def killed(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(pack.os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        pack.write_if_changed(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.pdf"]


def test_one_failed_file_is_reported_and_the_others_are_made(brief_sqlite, out, monkeypatch):
    made = pack.brief_pdf

    def failing(db, request):
        if request.selection.provinces == ("51",):
            raise OSError("disk full")
        return made(db, request)

    monkeypatch.setattr(pack, "brief_pdf", failing)
    result = make(brief_sqlite, out)
    assert [f.path for f in result.failed] == ["province-51/brief-2566.pdf"]
    assert result.counts()["written"] == 3
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["failed"] == [{"path": "province-51/brief-2566.pdf", "error": "OSError: disk full"}]
    assert "province-51/brief-2566.pdf" not in [f["path"] for f in manifest["files"]]


def test_a_provincial_heads_pack_names_no_other_province(brief_db, out):
    make(brief_db, out, scope=CHIANG_MAI)
    assert sorted(p.name for p in out.iterdir()) == ["fonts", "index.html", "manifest.json", "province-50"]
    others = [p for p in reference.provinces() if p.code != "50"]
    written = [
        (out / "index.html").read_text(encoding="utf-8"),
        (out / "manifest.json").read_text(encoding="utf-8"),
        pdftext.squashed(pdftext.text((out / "province-50/brief-2566.pdf").read_bytes())),
    ]
    assert [p.name_th for p in others if any(p.name_th in text for text in written)] == []


def test_the_command_prints_a_line_per_file_and_exits_non_zero_when_anything_failed(
    brief_sqlite, out, monkeypatch, capsys
):
    monkeypatch.setenv("DATABASE_URL", brief_sqlite.url)
    users.add(brief_sqlite, "two", "staff", "50,51", actor="test")
    args = ["report-pack", "--fy", "2566", "--as-of", "2023-09-30", "--out", str(out), "--as", "two"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "[  1/4] province-50/brief-2566.pdf" in out and "4 files, 4 written" in out

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(pack, "brief_pdf", broken)
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "2 failed" in captured.out and "run again to retry" in captured.err


def test_an_unwritable_folder_is_a_clear_error(brief_sqlite, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", brief_sqlite.url)
    (tmp_path / "taken").write_text("a file, not a folder")
    assert main(["report-pack", "--fy", "2566", "--out", str(tmp_path / "taken")]) == 2
    assert "cannot write" in capsys.readouterr().err
