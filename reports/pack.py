"""The report pack (`report-pack`): for the nation, each region and each province in the user's
scope, the executive brief and the summary workbook of one fiscal year, with an offline index.html
linking them and a manifest.json (each file's SHA-256, selection and the data version).

Same data, same files: every file is dated with the time its data version was made, so it is the
same bytes on every run; it is compared with what is on disk and written only when it differs —
to a temporary name in the same folder, then renamed over the old one — so a rerun on unchanged
data rewrites nothing and a reader never sees half a file. One file's failure is reported and never
stops the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from assets.i18n import t
from data_access import audit, demo, exporter, fiscal, reference
from data_access.config import PROJECT_ROOT
from data_access.db import Database
from data_access.selection import Scope, Selection
from reports.brief import TEMPLATES, brief_pdf
from reports.brief_content import BriefRequest

MANIFEST = "manifest.json"
INDEX = "index.html"
KINDS = ("brief", "summary")
# The index's own font, beside it: a reader's machine may have no Thai font, and nothing is fetched.
INDEX_FONTS = tuple(PROJECT_ROOT / "static" / "fonts" / f"Sarabun-{w}.ttf" for w in ("Regular", "Bold"))


@dataclass(frozen=True)
class Unit:
    """One place the pack reports on: the nation (code ALL), a region or a province."""

    level: str
    code: str

    @property
    def folder(self) -> str:
        return "nation" if self.level == "nation" else f"{self.level}-{self.code}"

    def name(self, lang: str) -> str:
        if self.level == "nation":
            return t("place.nation", lang)
        return (reference.region_name if self.level == "region" else reference.province_name)(self.code, lang)

    def selection(self, fiscal_year: int, as_of: date) -> Selection:
        where = {"region": {"regions": (self.code,)}, "province": {"provinces": (self.code,)}}
        return Selection((fiscal_year,), as_of=as_of, **where.get(self.level, {}))


def units(scope: Scope) -> list[Unit]:
    """The nation (for a national scope), every region wholly in the scope, every province in it."""
    found = [Unit("nation", "ALL")] if scope.is_national else []
    for region in reference.REGIONS:
        if all(scope.allows(code) for code in reference.provinces_of_region(region.code)):
            found.append(Unit("region", region.code))
    return found + [Unit("province", p.code) for p in reference.provinces() if scope.allows(p.code)]


@dataclass(frozen=True)
class PackRequest:
    fiscal_year: int
    scope: Scope
    lang: str
    out: Path
    as_of: date


@dataclass
class PackFile:
    unit: Unit
    kind: str
    path: str  # relative to the pack's folder, with /
    status: str = "failed"  # written, unchanged or failed
    sha256: str = ""
    size: int = 0
    error: str = ""


@dataclass
class PackResult:
    files: list[PackFile] = field(default_factory=list)

    @property
    def failed(self) -> list[PackFile]:
        return [f for f in self.files if f.status == "failed"]

    def counts(self) -> dict[str, int]:
        return {
            status: sum(f.status == status for f in self.files)
            for status in ("written", "unchanged", "failed")
        }


def made_at(db: Database, as_of: date) -> datetime:
    """The time the data version was made, else the as-of date's midnight in Thailand."""
    changed = db.data_changed_at()
    return changed or datetime.combine(as_of, datetime.min.time(), tzinfo=fiscal.BANGKOK)


def file_name(kind: str, fiscal_year: int) -> str:
    return f"{kind}-{fiscal_year}.{'pdf' if kind == 'brief' else 'xlsx'}"


def make_pack(db: Database, request: PackRequest, progress: Callable[[str], None] = print) -> PackResult:
    when, is_demo = made_at(db, request.as_of), demo.labelled_demo(db)
    result = PackResult()
    todo = [(unit, kind) for unit in units(request.scope) for kind in KINDS]
    for number, (unit, kind) in enumerate(todo, start=1):
        started = time.perf_counter()
        item = PackFile(unit, kind, f"{unit.folder}/{file_name(kind, request.fiscal_year)}")
        try:
            data = _build(db, request, unit, kind, when, is_demo)
            item.status = "written" if write_if_changed(request.out / item.path, data) else "unchanged"
            item.sha256, item.size = hashlib.sha256(data).hexdigest(), len(data)
        except Exception as error:  # noqa: BLE001 - one file's failure is reported, never stops the rest
            item.error = f"{type(error).__name__}: {error}"
        result.files.append(item)
        seconds = time.perf_counter() - started
        line = f"[{number:>3}/{len(todo)}] {item.path:<32} {item.status:<9} {seconds:5.1f} s {item.error}"
        progress(line.rstrip())
    write_if_changed(request.out / MANIFEST, manifest(db, request, result, when))
    write_if_changed(request.out / INDEX, index_html(db, request, result, when))
    for font in INDEX_FONTS:
        write_if_changed(request.out / "fonts" / font.name, font.read_bytes())
    audit.log(
        db,
        request.scope.username,
        "report_pack",
        {"fiscal_year": request.fiscal_year, "lang": request.lang, **result.counts()},
        rows=len(result.files),
    )
    return result


def _build(db, request: PackRequest, unit: Unit, kind: str, when: datetime, is_demo: bool) -> bytes:
    selection = unit.selection(request.fiscal_year, request.as_of)
    user = request.scope.username
    if kind == "brief":
        return brief_pdf(db, BriefRequest(selection, request.scope, request.lang, user, when, is_demo))
    return exporter.summary_workbook(
        db, exporter.Request(selection, request.scope, request.lang, user, when, is_demo)
    )


def write_if_changed(path: Path, data: bytes) -> bool:
    """Writes `data` to `path` unless the file already holds exactly it; True if written."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def manifest(db: Database, request: PackRequest, result: PackResult, when: datetime) -> bytes:
    """The pack's contents; nothing in it changes unless the data or the files do."""
    scope = request.scope
    body = {
        "fiscal_year": request.fiscal_year,
        "lang": request.lang,
        "as_of": request.as_of.isoformat(),
        "data_version": db.data_version(),
        "data_changed_at": when.isoformat(),
        "made_by": scope.username,
        "scope": "all" if scope.is_national else sorted(scope.provinces),
        "files": [
            {
                "path": f.path,
                "kind": f.kind,
                "level": f.unit.level,
                "code": f.unit.code,
                "name": f.unit.name(request.lang),
                "selection": audit.selection_detail(f.unit.selection(request.fiscal_year, request.as_of)),
                "sha256": f.sha256,
                "bytes": f.size,
            }
            for f in result.files
            if f.status != "failed"
        ],
        "failed": [{"path": f.path, "error": f.error} for f in result.failed],
    }
    return (json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


_pages = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), keep_trailing_newline=True
)


def index_html(db: Database, request: PackRequest, result: PackResult, when: datetime) -> bytes:
    """One offline page (no script, no CDN) linking every unit's files."""
    lang = request.lang
    rows = {}
    for f in result.files:
        rows.setdefault(f.unit, {"name": f.unit.name(lang), "level": f.unit.level, "files": {}})["files"][
            f.kind
        ] = f
    page = _pages.get_template(INDEX).render(
        lang=lang,
        t=lambda key, **values: t(key, lang, **values),
        fiscal_year=request.fiscal_year,
        as_of=fiscal.be_date(request.as_of, lang),
        made=fiscal.be_time(when, lang),
        data_version=db.data_version(),
        rows=list(rows.values()),
    )
    return page.encode()
