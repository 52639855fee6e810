"""Tables, and nothing else. Migrations in `data_access/migrations` follow this file.

Three kinds of table:
- reference (regions, provinces, skill categories), written by migrations;
- submitted data (courses … targets, labour_values), written by the importer and the demo
  generator;
- derived (participant_outcome, course_outcome, income_distribution, outcome_breakdown,
  disbursement_daily, disbursement_monthly), rebuilt from submitted data inside the same
  transaction by `data_access.derived`, so that pages read thousands of aggregated rows instead
  of millions of participants (participant_outcome is only the step the others are built from).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from data_access import measures

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Money = Numeric(16, 2)
# SQLite has no BIGINT autoincrement: keep 64-bit ids on PostgreSQL, INTEGER (rowid) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")

# --- reference -------------------------------------------------------------------------------

regions = Table(
    "regions",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name_th", String(64), nullable=False),
    Column("name_en", String(64), nullable=False),
)

provinces = Table(
    "provinces",
    metadata,
    Column("code", String(2), primary_key=True),
    Column("name_th", String(64), nullable=False),
    Column("name_en", String(64), nullable=False),
    Column("region_code", String(16), ForeignKey("regions.code"), nullable=False),
)

skill_categories = Table(
    "skill_categories",
    metadata,
    Column("code", String(16), primary_key=True),
    Column("name_th", String(64), nullable=False),
    Column("name_en", String(64), nullable=False),
)

# --- submitted data ------------------------------------------------------------------------

import_batches = Table(
    "import_batches",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("file_name", String(255), nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("username", String(128), nullable=False),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    Column("province_codes", Text, nullable=False, default=""),
    Column("row_counts", Text, nullable=False, default="{}"),  # JSON: sheet -> {new, updated}
)

courses = Table(
    "courses",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("course_code", String(64), nullable=False, unique=True),
    Column("fiscal_year", SmallInteger, nullable=False),
    Column("province_code", String(2), ForeignKey("provinces.code"), nullable=False),
    Column("skill_code", String(16), ForeignKey("skill_categories.code"), nullable=False),
    Column("course_name", String(255), nullable=False),
    Column("start_date", Date),
    Column("end_date", Date),
    Column("hours", Integer),
    Column("target_participants", Integer),
    Column("budget_planned", Money),
    Column("activity_type", String(16), nullable=False, default="skill"),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    Index(None, "fiscal_year", "province_code"),
)

disbursements = Table(
    "disbursements",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("course_id", Id, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False),
    Column("date", Date, nullable=False),
    Column("amount", Money, nullable=False),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    Index(None, "course_id", "date"),
)

allocations = Table(
    "allocations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("fiscal_year", SmallInteger, nullable=False),
    Column("province_code", String(2), ForeignKey("provinces.code"), nullable=False),
    Column("round", String(32), nullable=False, default=""),
    Column("date", Date),
    Column("amount", Money, nullable=False),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    Index(None, "fiscal_year", "province_code"),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("course_id", Id, ForeignKey("courses.id", ondelete="CASCADE"), nullable=False),
    Column("citizen_hash", LargeBinary(32), nullable=False),
    Column("gender", String(1)),  # M / F / X
    Column("birth_year", SmallInteger),  # BE
    Column("completed", Boolean, nullable=False),
    Column("income_before", Money),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    UniqueConstraint("course_id", "citizen_hash"),
    Index(None, "citizen_hash"),
)

followups = Table(
    "followups",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("participant_id", Id, ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("followup_date", Date, nullable=False),
    Column("uses_skill", Boolean, nullable=False),
    Column("occupation", String(16)),  # self_employed / employed / not_working / other
    Column("income_after", Money),
    Column("collector", String(16)),  # volunteer / graduate / staff
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    UniqueConstraint("participant_id", "followup_date"),
)

field_staff = Table(
    "field_staff",
    metadata,
    Column("fiscal_year", SmallInteger, primary_key=True),
    Column("province_code", String(2), ForeignKey("provinces.code"), primary_key=True),
    Column("labour_volunteers", Integer, nullable=False, default=0),
    Column("labour_graduates", Integer, nullable=False, default=0),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
)

targets = Table(
    "targets",
    metadata,
    Column("fiscal_year", SmallInteger, primary_key=True),
    Column("province_code", String(3), primary_key=True),  # a DOPA code, or ALL for the country
    Column("metric", String(32), primary_key=True),
    Column("value", Float, nullable=False),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
)

labour_values = Table(
    "labour_values",
    metadata,
    # The ministry's labour-market figures (DESIGN §9): one value per place, indicator and period.
    Column("province_code", String(3), primary_key=True),  # a DOPA code, or ALL for the country
    Column("indicator", String(32), primary_key=True),  # data_access/labour/catalogue.py
    Column("period", String(7), primary_key=True),  # 2566Q1 (calendar quarter) or 2566-03 (month)
    Column("year", SmallInteger, nullable=False),  # BE calendar year
    Column("quarter", SmallInteger, nullable=False),  # calendar quarter (a month's own quarter)
    Column("month", SmallInteger),  # calendar month; empty for a quarterly indicator
    Column("value", Float, nullable=False),
    Column("source", String(128), nullable=False, default=""),
    Column("batch_id", Id, ForeignKey("import_batches.id")),
    Index(None, "indicator", "period"),
)

# --- derived -------------------------------------------------------------------------------

participant_outcome = Table(
    "participant_outcome",
    metadata,
    Column("participant_id", Id, primary_key=True),
    Column("course_id", Id, nullable=False, index=True),
    Column("fiscal_year", SmallInteger, nullable=False),
    Column("province_code", String(2), nullable=False),
    Column("skill_code", String(16), nullable=False),
    Column("activity_type", String(16), nullable=False),
    Column("completed", Boolean, nullable=False),
    Column("income_before", Money),
    Column("followup_date", Date),
    Column("uses_skill", Boolean),
    Column("occupation", String(16)),
    Column("income_after", Money),
    Column("collector", String(16)),
    Index(None, "fiscal_year", "province_code"),
)

# One column per measure (data_access/measures.py), in the measures' order.
MEASURE_TYPES = {"people": Integer, "baht": Money, "baht_squared": Float}

course_outcome = Table(
    "course_outcome",
    metadata,
    Column("course_id", Id, primary_key=True),
    Column("fiscal_year", SmallInteger, nullable=False),
    Column("province_code", String(2), nullable=False),
    Column("skill_code", String(16), nullable=False),
    Column("activity_type", String(16), nullable=False),
    *(Column(m.name, MEASURE_TYPES[m.unit], nullable=False) for m in measures.MEASURES),
    # Follow-ups (any, not only the latest) dated before the course ended: a data-quality check.
    Column("followups_before_end", Integer, nullable=False),
    Column("earliest_followup_before_end", Date),
    Index(None, "fiscal_year", "province_code"),
)


def _partition_columns() -> list[Column]:
    return [
        Column("fiscal_year", SmallInteger, primary_key=True),
        Column("province_code", String(2), primary_key=True),
        Column("skill_code", String(16), primary_key=True),
        Column("activity_type", String(16), primary_key=True),
    ]


# course_outcome summed per partition (a few thousand rows, against one per course): what a KPI
# table reads, unless it counts only the courses started by a date (the same point last year).
partition_outcome = Table(
    "partition_outcome",
    metadata,
    *_partition_columns(),
    Column("courses", Integer, nullable=False),
    *(Column(m.name, MEASURE_TYPES[m.unit], nullable=False) for m in measures.MEASURES),
)


# Per partition, each distribution of measures.DISTRIBUTIONS as (value, people): exact medians.
income_distribution = Table(
    "income_distribution",
    metadata,
    *_partition_columns(),
    Column("figure", String(16), primary_key=True),
    Column("value", Money, primary_key=True),
    Column("people", Integer, nullable=False),
)

# Per partition, each breakdown of measures.BREAKDOWNS: people per answer.
outcome_breakdown = Table(
    "outcome_breakdown",
    metadata,
    *_partition_columns(),
    Column("breakdown", String(16), primary_key=True),
    Column("answer", String(16), primary_key=True),
    Column("people", Integer, nullable=False),
)

disbursement_daily = Table(
    "disbursement_daily",
    metadata,
    Column("fiscal_year", SmallInteger, primary_key=True),
    Column("province_code", String(2), primary_key=True),
    Column("skill_code", String(16), primary_key=True),
    Column("activity_type", String(16), primary_key=True),
    Column("date", Date, primary_key=True),
    Column("amount", Money, nullable=False),
    Index(None, "date"),  # the as-of month's days (data_access.disbursed)
)

# disbursement_daily summed per calendar month: whole months before an as-of date read here.
disbursement_monthly = Table(
    "disbursement_monthly",
    metadata,
    *_partition_columns(),
    Column("year", SmallInteger, primary_key=True),
    Column("month", SmallInteger, primary_key=True),
    Column("amount", Money, nullable=False),
)

# Labour forecasts (data_access/labour/forecasts.py): computed from labour_values once per version
# of the labour figures (meta `labour_forecast_version`), not inside the import's transaction,
# because fitting every place and indicator takes tens of seconds.
labour_forecasts = Table(
    "labour_forecasts",
    metadata,
    Column("place", String(16), primary_key=True),  # a province code, a region code or ALL
    Column("indicator", String(32), primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("step", SmallInteger, nullable=False),  # periods after the last one of the history
    Column("estimate", Float, nullable=False),
    Column("low", Float, nullable=False),  # the 80 % interval
    Column("high", Float, nullable=False),
)

labour_forecast_fits = Table(
    "labour_forecast_fits",
    metadata,
    Column("place", String(16), primary_key=True),
    Column("indicator", String(32), primary_key=True),
    Column("method", String(32), nullable=False),
    Column("mase", Float),  # rolling-origin backtest; empty when the series is too short
    Column("coverage", Float),
    Column("points", Integer, nullable=False),  # backtest points checked
    Column("reconciled", Boolean, nullable=False),
)

# --- the app's own -------------------------------------------------------------------------

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(128), nullable=False, unique=True),
    Column("display_name", String(255), nullable=False, default=""),
    Column("email", String(255), unique=True),
    Column("role", String(16), nullable=False),  # executive / provincial / staff / admin
    Column("scope", Text, nullable=False, default=""),  # province or region codes; "" = all
    Column("password_hash", String(255)),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("username", String(128), nullable=False),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False, default=""),  # JSON: selection, file, outcome
    Column("rows", Integer),
)

report_recipients = Table(
    "report_recipients",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("province_code", String(2), ForeignKey("provinces.code"), nullable=False),
    Column("email", String(254), nullable=False),
    Column("name", String(255), nullable=False, default=""),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # What was last delivered: a digest of the files sent, so an unchanged pack is not sent again
    # and a failed send (last_error set, digest unchanged) is tried again on the next run.
    Column("sent_digest", String(64)),
    Column("sent_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("tried_at", DateTime(timezone=True)),
    UniqueConstraint("province_code", "email"),
)

# A signed-in browser: the cookie holds a random token, the table only its SHA-256 (DESIGN §7).
# A row starts with a one-time hand-over code the page trades for the cookie (data_access.sessions).
user_sessions = Table(
    "user_sessions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("username", String(128), ForeignKey("users.username"), nullable=False, index=True),
    Column("method", String(16), nullable=False),  # password / demo
    Column("token_hash", String(64), unique=True),
    Column("handover_hash", String(64), unique=True),
    Column("handover_until", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_reason", String(16)),  # sign_out / expired / disabled / password / demo_ended
)
