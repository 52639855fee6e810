"""Demo data: deterministic, covering every province, year and skill, with a year in progress."""

from datetime import date

import pytest
from sqlalchemy import func, select

from data_access import demo, kpis, vocabularies
from data_access.db import Database
from data_access.schema import courses, field_staff, followups, participants, targets
from data_access.selection import Scope, Selection

EVERYONE = Scope("x", "executive")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    db.migrate()
    demo.generate(db, participants_total=4000, seed=11)
    yield db
    db.dispose()


def scalar(db, query):
    with db.engine.connect() as conn:
        return conn.execute(query).scalar()


def test_exact_participant_count(demo_db):
    assert scalar(demo_db, select(func.count()).select_from(participants)) == 4000


def test_all_provinces_years_and_skills_present(demo_db):
    assert scalar(demo_db, select(func.count(func.distinct(courses.c.province_code)))) == 77
    assert scalar(demo_db, select(func.count(func.distinct(courses.c.skill_code)))) == 8
    years = sorted(
        scalar(demo_db, select(func.group_concat(func.distinct(courses.c.fiscal_year)))).split(",")
    )
    assert years == ["2564", "2565", "2566", "2567", "2568"]


def test_fy2568_is_in_progress(demo_db):
    later = select(func.count()).select_from(courses).where(courses.c.start_date > demo.AS_OF)
    assert scalar(demo_db, later) > 0
    joined = (
        select(func.count())
        .select_from(participants.join(courses, courses.c.id == participants.c.course_id))
        .where(courses.c.start_date > demo.AS_OF)
    )
    assert scalar(demo_db, joined) == 0
    assert demo_db.meta("data_as_of") == demo.AS_OF.isoformat()
    assert demo_db.meta("demo") == "true"


def test_some_people_have_two_followups_and_some_none(demo_db):
    per_person = (
        select(followups.c.participant_id, func.count().label("n"))
        .group_by(followups.c.participant_id)
        .subquery()
    )
    assert scalar(demo_db, select(func.count()).where(per_person.c.n == 2)) > 0
    summary = kpis.kpi_summary(demo_db, Selection(fiscal_years=(2566,), as_of=demo.AS_OF), EVERYONE)
    assert 0.6 < summary["followup_coverage"] < 1.0


def test_targets_and_field_staff_for_every_province_and_year(demo_db):
    rows = select(func.count()).select_from(targets).where(targets.c.metric == "participants")
    assert scalar(demo_db, rows) == 5 * 78  # 77 provinces and the country, five years
    assert scalar(demo_db, select(func.count()).select_from(field_staff)) == 5 * 77


def test_outcomes_differ_by_skill(demo_db):
    table = kpis.kpi_table(demo_db, Selection(fiscal_years=(2566,), as_of=demo.AS_OF), EVERYONE, ("skill",))
    gains = table.set_index("skill")["income_gain_mean"]
    assert gains["REPAIR"] > gains["CRAFT"]


def test_same_seed_same_data(tmp_path):
    results = []
    for name in ("one", "two"):
        db = Database(f"sqlite:///{tmp_path / name}.db")
        db.migrate()
        demo.generate(db, participants_total=1500, seed=3)
        results.append(
            kpis.kpi_summary(db, Selection(fiscal_years=(2567,), as_of=date(2025, 5, 15)), EVERYONE)
        )
        db.dispose()
    assert results[0] == results[1]


def test_the_demo_draws_only_the_vocabularies_codes():
    assert set(demo.GENDER_SHARES) == set(vocabularies.codes(vocabularies.GENDERS))
    assert sum(demo.GENDER_SHARES.values()) == pytest.approx(1.0)
