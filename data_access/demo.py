"""Deterministic, realistic demo data: FY2564–2568 (2568 part-way), 77 provinces, 8 skills.

Streams in batches of courses, so 5,000,000 participants never sit in memory at once. The same
seed and size always give the same database. What makes it realistic enough to show:
- incomes before and gains after differ by region, skill category and year;
- a dozen provinces disburse late, some follow up few of their completers;
- FY2568 stops at the demo's as-of date: later courses have no participants yet, recent
  completers have no follow-up yet, some completers have two follow-ups (the latest counts);
- the ministry's labour figures beside them (labour/demo.py).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
from sqlalchemy import Connection, delete, select

from data_access import bulk, derived, fiscal, pii, reference, vocabularies
from data_access.db import Database, bump_data_version, get_meta, set_meta
from data_access.labour import demo as labour_demo
from data_access.schema import (
    allocations,
    course_outcome,
    courses,
    disbursement_daily,
    disbursements,
    field_staff,
    followups,
    import_batches,
    labour_values,
    participant_outcome,
    participants,
    targets,
    users,
)

FISCAL_YEARS = (2564, 2565, 2566, 2567, 2568)
AS_OF = date(2025, 5, 15)  # FY2568, half-way through Q3
DEFAULT_PARTICIPANTS = 100_000
MEAN_COURSE_SIZE = 20
MIN_COURSE_SIZE = 8
BATCH_COURSES = 2_500

# Cabinet's cumulative quarterly disbursement targets (fractions of the allocation).
QUARTER_TARGETS = {
    2564: (0.30, 0.52, 0.75, 1.0),
    2565: (0.30, 0.52, 0.77, 1.0),
    2566: (0.32, 0.54, 0.77, 1.0),
    2567: (0.30, 0.54, 0.77, 1.0),
    2568: (0.32, 0.54, 0.77, 1.0),
}

SKILLS = [s.code for s in reference.SKILL_CATEGORIES]
UNIT_COST = dict(zip(SKILLS, (2500, 3000, 2800, 3500, 3800, 4500, 4000, 3000), strict=True))
GAIN_MEAN = dict(zip(SKILLS, (1200, 1800, 1100, 1500, 2200, 2600, 2400, 1600), strict=True))
USES_SKILL = dict(zip(SKILLS, (0.82, 0.85, 0.74, 0.80, 0.88, 0.86, 0.78, 0.80), strict=True))
REGION_INCOME = {"north": 5200, "northeast": 4800, "central": 7500, "east": 7000, "west": 5500, "south": 6500}
REGION_GAIN = {"north": 0, "northeast": -300, "central": 600, "east": 400, "west": -100, "south": 200}
# Skill mix per region: a region's weight multiplies each skill's base share.
REGION_SKILL_TILT = {
    "north": {"AGR": 1.6, "CRAFT": 1.8},
    "northeast": {"AGR": 2.0, "SEW": 1.4},
    "central": {"DIGITAL": 1.8, "SERVICE": 1.5, "BEAUTY": 1.3},
    "east": {"REPAIR": 1.7, "SERVICE": 1.3},
    "west": {"AGR": 1.4, "FOOD": 1.4},
    "south": {"FOOD": 1.7, "SERVICE": 1.4},
}
# Share of courses starting in each fiscal month (October first).
START_MONTH_SHARE = np.array([4, 6, 5, 10, 12, 13, 13, 12, 10, 7, 5, 3], dtype=float)
OCCUPATIONS = vocabularies.codes(vocabularies.OCCUPATIONS)
# Shares of each occupation after training, for people who use the skill and who do not.
OCCUPATION_SHARES = {True: [0.62, 0.33, 0.0, 0.05], False: [0.1, 0.35, 0.45, 0.1]}
GENDER_SHARES = {"F": 0.6, "M": 0.39, "X": 0.01}
VOLUNTEER, GRADUATE, STAFF = vocabularies.codes(vocabularies.COLLECTORS)
SKILL_COURSE, EMPLOYMENT_COURSE = vocabularies.codes(vocabularies.ACTIVITIES)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    scope: str
    display_name: str


# Offered on the sign-in page in demo mode only (never with a password).
DEMO_USERS = (
    DemoAccount("demo_exec", "executive", "", "ผู้บริหาร (สาธิต)"),
    DemoAccount("demo_cm", "provincial", "50", "แรงงานจังหวัดเชียงใหม่ (สาธิต)"),
    DemoAccount("demo_north_staff", "staff", "north", "เจ้าหน้าที่ภาคเหนือ (สาธิต)"),
    DemoAccount("demo_admin", "admin", "", "ผู้ดูแลระบบ (สาธิต)"),
)


@dataclass(frozen=True)
class ProvinceTraits:
    weight: float
    completion: float
    followup: float
    late_disburser: bool
    volunteer_share: float


def generate(
    db: Database,
    participants_total: int = DEFAULT_PARTICIPANTS,
    seed: int = 2568,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Replace all submitted data with demo data of about `participants_total` participants."""
    rng = np.random.default_rng(seed)
    key = pii.citizen_id_key()
    traits = _province_traits(rng)
    plan = _course_plan(rng, traits, participants_total)
    with db.engine.begin() as conn:
        _clear(conn)
        done = 0
        with bulk.loading(conn, [participants, disbursements]):
            for batch in _course_batches(rng, plan, traits, key):
                for table, columns, rows in batch:
                    bulk.insert_rows(conn, table, columns, rows)
                done += sum(len(rows) for table, _, rows in batch if table is participants)
                if progress:
                    progress(done, participants_total)
            bulk.insert_rows(conn, allocations, *_allocations(rng, plan))
            bulk.insert_rows(conn, targets, *_targets(plan))
            bulk.insert_rows(conn, field_staff, *_field_staff(rng, traits))
            bulk.insert_rows(conn, labour_values, *labour_demo.rows(seed))
            bulk.reset_sequences(conn, [courses, participants, followups, disbursements, allocations])
            derived.rebuild(conn)
        _ensure_demo_users(conn)
        set_meta(conn, "demo", "true")
        set_meta(conn, "data_as_of", AS_OF.isoformat())
        set_meta(conn, pii.FINGERPRINT_META, pii.key_fingerprint(key))
        bump_data_version(conn)


def labelled_demo(db: Database) -> bool:
    """Whether what the database shows must be labelled as demo data (wholly or in part)."""
    return db.meta("demo") in ("true", "mixed")


def offers_demo_sign_in(db: Database) -> bool:
    """Password-less demo accounts only while the database holds nothing but demo data."""
    return db.meta("demo") == "true"


def mark_mixed(conn: Connection) -> bool:
    """A real submission entered the demo database: from now on it is labelled as mixed and the
    password-less demo sign-in is off (PDPA: real data needs real accounts). True if it changed."""
    if get_meta(conn, "demo") != "true":
        return False
    set_meta(conn, "demo", "mixed")
    return True


def _clear(conn: Connection) -> None:
    for table in (
        participant_outcome,
        course_outcome,
        disbursement_daily,
        followups,
        participants,
        disbursements,
        courses,
        allocations,
        targets,
        field_staff,
        labour_values,
        import_batches,
    ):
        conn.execute(delete(table))


def _ensure_demo_users(conn: Connection) -> None:
    existing = set(conn.execute(select(users.c.username)).scalars())
    for account in DEMO_USERS:
        if account.username not in existing:
            conn.execute(
                users.insert().values(
                    username=account.username,
                    display_name=account.display_name,
                    role=account.role,
                    scope=account.scope,
                    created_at=datetime.now(UTC),
                )
            )


def _province_traits(rng: np.random.Generator) -> dict[str, ProvinceTraits]:
    codes = [p.code for p in reference.provinces()]
    late = set(rng.choice(codes, size=12, replace=False))
    low_followup = set(rng.choice(codes, size=10, replace=False))
    traits = {}
    for code in codes:
        weight = float(rng.lognormal(0, 0.45)) * (2.5 if code == "10" else 1.0)
        traits[code] = ProvinceTraits(
            weight=weight,
            completion=float(rng.uniform(0.88, 0.985)),
            followup=float(rng.uniform(0.45, 0.65) if code in low_followup else rng.uniform(0.8, 0.97)),
            late_disburser=code in late,
            volunteer_share=float(rng.uniform(0.35, 0.7)),
        )
    return traits


@dataclass
class CoursePlan:
    """Every course's fixed attributes, as parallel arrays (a few hundred thousand at most)."""

    fiscal_year: np.ndarray
    province: np.ndarray
    skill: np.ndarray
    start: np.ndarray  # datetime64[D]
    end: np.ndarray
    size: np.ndarray  # participants (0 for courses after the as-of date)
    target: np.ndarray
    budget: np.ndarray
    activity: np.ndarray


def _course_plan(rng, traits, participants_total) -> CoursePlan:
    codes = np.array(list(traits))
    province_p = np.array([t.weight for t in traits.values()])
    province_p /= province_p.sum()
    year_p = np.array([0.18, 0.19, 0.2, 0.21, 0.22])
    # Every province runs at least one course a year; the rest follow province size.
    every = len(codes) * len(FISCAL_YEARS)
    n_courses = max(every, int(round(participants_total / MEAN_COURSE_SIZE / 0.9)))
    fy = np.concatenate(
        [np.repeat(FISCAL_YEARS, len(codes)), rng.choice(FISCAL_YEARS, size=n_courses - every, p=year_p)]
    )
    province = np.concatenate(
        [np.tile(codes, len(FISCAL_YEARS)), rng.choice(codes, size=n_courses - every, p=province_p)]
    )
    region_of = {p.code: p.region for p in reference.provinces()}
    skill = np.empty(n_courses, dtype=object)
    for region, tilt in REGION_SKILL_TILT.items():
        mask = np.array([region_of[c] == region for c in province])
        p = np.array([tilt.get(s, 1.0) for s in SKILLS])
        skill[mask] = rng.choice(SKILLS, size=int(mask.sum()), p=p / p.sum())
    month = rng.choice(12, size=n_courses, p=START_MONTH_SHARE / START_MONTH_SHARE.sum())
    fy_start = np.array([np.datetime64(fiscal.fiscal_year_bounds(int(y))[0]) for y in FISCAL_YEARS])
    start_base = fy_start[np.searchsorted(FISCAL_YEARS, fy)]
    start = start_base + (month * 30.4 + rng.integers(0, 28, n_courses)).astype("timedelta64[D]")
    end = start + rng.integers(2, 11, n_courses).astype("timedelta64[D]")
    started = start <= np.datetime64(AS_OF)
    size = np.zeros(n_courses, dtype=np.int64)
    n_started = int(started.sum())
    floor = MIN_COURSE_SIZE if participants_total >= MIN_COURSE_SIZE * n_started else 0
    even = np.full(n_started, 1 / n_started)
    size[started] = floor + rng.multinomial(participants_total - floor * n_started, even)
    target = np.maximum(
        10, np.round(np.where(started, size, MEAN_COURSE_SIZE) * rng.uniform(0.95, 1.15, n_courses))
    )
    unit = np.array([UNIT_COST[s] for s in skill]) * rng.uniform(0.85, 1.15, n_courses)
    budget = np.round(target * unit, -2)
    activity = np.where(rng.random(n_courses) < 0.08, EMPLOYMENT_COURSE, SKILL_COURSE)
    order = np.lexsort((start, province, fy))
    return CoursePlan(
        fy[order],
        province[order],
        skill[order],
        start[order],
        end[order],
        size[order],
        target[order].astype(int),
        budget[order],
        activity[order],
    )


def _course_batches(rng, plan: CoursePlan, traits, key) -> Iterator[list]:
    n = len(plan.fiscal_year)
    person = 0
    as_of = np.datetime64(AS_OF)
    seq: dict[tuple[int, str], int] = {}
    for lo in range(0, n, BATCH_COURSES):
        hi = min(lo + BATCH_COURSES, n)
        course_rows = []
        for i in range(lo, hi):
            fy, prov, skill = int(plan.fiscal_year[i]), str(plan.province[i]), str(plan.skill[i])
            seq[(fy, prov)] = seq.get((fy, prov), 0) + 1
            name = reference.skill_by_code()[skill].name_th
            course_rows.append(
                (
                    i + 1,
                    f"{fy}-{prov}-{seq[(fy, prov)]:04d}",
                    fy,
                    prov,
                    skill,
                    f"หลักสูตร{name} รุ่นที่ {seq[(fy, prov)]}",
                    _d(plan.start[i]),
                    _d(plan.end[i]),
                    int(rng.integers(18, 61)),
                    int(plan.target[i]),
                    float(plan.budget[i]),
                    str(plan.activity[i]),
                )
            )
        people, follow = _people(rng, plan, traits, key, lo, hi, person, as_of)
        person += len(people)
        yield [
            (courses, COURSE_COLUMNS, course_rows),
            (
                disbursements,
                ("course_id", "date", "amount"),
                _disbursements(rng, plan, traits, lo, hi, as_of),
            ),
            (participants, PARTICIPANT_COLUMNS, people),
            (followups, FOLLOWUP_COLUMNS, follow),
        ]


def _columns(table, leave_out=("batch_id",)) -> tuple[str, ...]:
    """The columns the generator writes, in the schema's order."""
    return tuple(c.name for c in table.columns if c.name not in leave_out)


COURSE_COLUMNS = _columns(courses)
PARTICIPANT_COLUMNS = _columns(participants)
FOLLOWUP_COLUMNS = _columns(followups, ("id", "batch_id"))


def _d(value: np.datetime64) -> date:
    return value.astype("datetime64[D]").astype(date)


def _people(rng, plan, traits, key, lo, hi, first_person, as_of):
    sizes = plan.size[lo:hi]
    course_idx = np.repeat(np.arange(lo, hi), sizes)
    m = len(course_idx)
    if m == 0:
        return [], []
    ids = first_person + np.arange(m) + 1
    region = np.array([reference.province_by_code()[c].region for c in plan.province[course_idx]])
    prov = plan.province[course_idx]
    skill = plan.skill[course_idx]
    year_step = plan.fiscal_year[course_idx] - FISCAL_YEARS[0]
    completion = np.array([traits[c].completion for c in prov])
    completed = rng.random(m) < completion
    base = np.array([REGION_INCOME[r] for r in region], dtype=float)
    income_before = np.round(rng.lognormal(np.log(base), 0.35), -2)
    income_known = rng.random(m) > 0.01
    gender = rng.choice(list(GENDER_SHARES), size=m, p=list(GENDER_SHARES.values()))
    birth = rng.integers(2500, 2546, m)
    hashes = _citizen_hashes(ids, key)
    people = [
        (int(i), int(c) + 1, h, g, int(b), bool(done), float(inc) if known else None)
        for i, c, h, g, b, done, inc, known in zip(
            ids, course_idx, hashes, gender, birth, completed, income_before, income_known, strict=True
        )
    ]
    # Follow-ups: 60–120 days after the course, if that date has come and the province follows up.
    end = plan.end[course_idx]
    first = end + rng.integers(60, 121, m).astype("timedelta64[D]")
    p_follow = np.array([traits[c].followup for c in prov])
    followed = completed & (first <= as_of) & (rng.random(m) < p_follow)
    second = first + rng.integers(90, 181, m).astype("timedelta64[D]")
    twice = followed & (second <= as_of) & (rng.random(m) < 0.15)
    p_use = np.array([USES_SKILL[s] for s in skill]) + 0.01 * year_step
    gain_mean = np.array([GAIN_MEAN[s] + REGION_GAIN[r] for s, r in zip(skill, region, strict=True)])
    gain_mean = gain_mean * (1 + 0.05 * year_step)
    volunteer = np.array([traits[c].volunteer_share for c in prov])
    rows = []
    for visit, when, mask in (
        ("first", first, followed & ~twice),
        ("early", first, twice),
        ("latest", second, twice),
    ):
        idx = np.flatnonzero(mask)
        k = len(idx)
        uses = rng.random(k) < p_use[idx]
        progress = 0.6 if visit == "early" else 1.0
        gain = np.where(uses, rng.normal(gain_mean[idx] * progress, 900), rng.normal(-150, 700))
        after = np.maximum(0, np.round(income_before[idx] + gain, -2))
        occupation = np.where(
            uses,
            rng.choice(OCCUPATIONS, size=k, p=OCCUPATION_SHARES[True]),
            rng.choice(OCCUPATIONS, size=k, p=OCCUPATION_SHARES[False]),
        )
        draw = rng.random(k)
        collector = np.where(
            draw < volunteer[idx], VOLUNTEER, np.where(draw < volunteer[idx] + 0.3, GRADUATE, STAFF)
        )
        rows += [
            (int(ids[j]), _d(when[j]), bool(u), str(o), float(a), str(c))
            for j, u, o, a, c in zip(idx, uses, occupation, after, collector, strict=True)
        ]
    return people, rows


def _citizen_hashes(ids: np.ndarray, key: bytes) -> list[bytes]:
    """Valid 13-digit IDs made from person numbers, hashed the way imported IDs are."""
    body = 1_000_000_000_000 + (ids * 7_919_113) % 100_000_000_000
    digits = np.array([(body // 10 ** (11 - k)) % 10 for k in range(12)])
    weights = np.arange(13, 1, -1)[:, None]
    check = (11 - (digits * weights).sum(axis=0) % 11) % 10
    ids13 = (body * 10 + check).astype(str)
    inner = hmac.new(key, digestmod=hashlib.sha256)
    out = []
    for cid in ids13:
        h = inner.copy()
        h.update(cid.encode())
        out.append(h.digest())
    return out


def _disbursements(rng, plan, traits, lo, hi, as_of):
    rows = []
    for i in range(lo, hi):
        if plan.size[i] == 0:
            continue
        late = traits[str(plan.province[i])].late_disburser
        budget = float(plan.budget[i])
        first = plan.start[i] - np.timedelta64(int(rng.integers(0, 11)), "D")
        delay = int(rng.integers(60, 200)) if late else int(rng.integers(5, 41))
        second = plan.end[i] + np.timedelta64(delay, "D")
        share = float(rng.uniform(0.9, 1.0))
        for when, amount in ((first, 0.4 * budget), (second, (share - 0.4) * budget)):
            if when <= as_of:
                rows.append((i + 1, _d(when), round(amount, 2)))
    return rows


def _allocations(rng, plan):
    totals: dict[tuple[int, str], float] = {}
    for fy, prov, budget in zip(plan.fiscal_year, plan.province, plan.budget, strict=True):
        totals[(int(fy), str(prov))] = totals.get((int(fy), str(prov)), 0.0) + float(budget)
    rows = []
    for (fy, prov), total in sorted(totals.items()):
        amount = round(total * float(rng.uniform(1.0, 1.06)), -3)
        start = fiscal.fiscal_year_bounds(fy)[0]
        rows.append(
            (fy, prov, "1", start + timedelta(days=int(rng.integers(14, 60))), round(amount * 0.65, 2))
        )
        rows.append((fy, prov, "2", date(start.year + 1, 2, 1), round(amount * 0.35, 2)))
    return ("fiscal_year", "province_code", "round", "date", "amount"), rows


def _targets(plan):
    planned: dict[tuple[int, str], int] = {}
    for fy, prov, target in zip(plan.fiscal_year, plan.province, plan.target, strict=True):
        planned[(int(fy), str(prov))] = planned.get((int(fy), str(prov)), 0) + int(target)
    rows = []
    for fy in FISCAL_YEARS:
        provinces = [p.code for p in reference.provinces()]
        year_total = 0
        for prov in provinces:
            value = round(planned.get((fy, prov), 0) * 1.03, -1)
            year_total += value
            rows += _target_rows(fy, prov, value)
        rows += _target_rows(fy, reference.NATIONAL, year_total)
    return ("fiscal_year", "province_code", "metric", "value"), rows


def _target_rows(fy: int, prov: str, participants_target: float) -> list[tuple]:
    quarters = QUARTER_TARGETS[fy]
    return [
        (fy, prov, "participants", float(participants_target)),
        (fy, prov, "skill_use_rate", 0.80),
        (fy, prov, "income_gain", 1500.0),
        *[(fy, prov, f"disbursement_q{q}", quarters[q - 1]) for q in (1, 2, 3, 4)],
    ]


def _field_staff(rng, traits):
    rows = []
    for fy in FISCAL_YEARS:
        for code, t in traits.items():
            scale = t.weight
            rows.append(
                (
                    fy,
                    code,
                    int(20 + 60 * scale * rng.uniform(0.8, 1.2)),
                    int(5 + 15 * scale * rng.uniform(0.8, 1.2)),
                )
            )
    return ("fiscal_year", "province_code", "labour_volunteers", "labour_graduates"), rows
