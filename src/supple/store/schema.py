"""Tables. Every row belongs to an athlete; the schema is changed only by migrations."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

athletes = sa.Table(
    "athletes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(64), nullable=False, unique=True),
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("feed_token", sa.String(64)),
    sa.Index("ix_athletes_feed_token", "feed_token", unique=True),
)

profiles = sa.Table(
    "profiles",
    metadata,
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("run_times", sa.JSON, nullable=False),
    sa.Column("minutes", sa.Integer, nullable=False),
    sa.Column("equipment", sa.JSON, nullable=False),
    sa.Column("priorities", sa.JSON, nullable=False),
    sa.Column("complaints", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("name", sa.String(80), nullable=False, server_default=""),
)

sessions = sa.Table(
    "sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("minutes", sa.Integer, nullable=False),
    sa.Column("total_seconds", sa.Integer, nullable=False),
    sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Index("ix_sessions_athlete_date", "athlete_id", "date"),
)

session_items = sa.Table(
    "session_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("block", sa.Integer, nullable=False),
    sa.Column("region", sa.String(32), nullable=False),
    sa.Column("exercise", sa.String(100), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("regions", sa.JSON, nullable=False),
    sa.Column("sets", sa.Integer, nullable=False),
    sa.Column("reps", sa.Integer),
    sa.Column("hold_seconds", sa.Integer),
    sa.Column("per_side", sa.Boolean, nullable=False),
    sa.Column("static", sa.Boolean, nullable=False),
    sa.Column("seconds", sa.Integer, nullable=False),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("why", sa.Text, nullable=False),
    sa.Column("done", sa.Boolean),
    sa.Column("result_level", sa.Integer),
    sa.Column("result_hold_seconds", sa.Integer),
    sa.Column("control", sa.Integer),
    sa.Column("discomfort", sa.Integer),
    sa.UniqueConstraint("session_id", "position", name="uq_session_items_position"),
    sa.CheckConstraint("control IS NULL OR (control BETWEEN 1 AND 5)", name="ck_session_items_control"),
    sa.CheckConstraint("discomfort IS NULL OR (discomfort BETWEEN 0 AND 10)", name="ck_session_items_discomfort"),
    #: A write reads only the items of the exercises it touches (0009).
    sa.Index("ix_session_items_athlete_exercise", "athlete_id", "exercise"),
)

assessment_results = sa.Table(
    "assessment_results",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("test", sa.String(100), nullable=False),
    sa.Column("side", sa.String(8)),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("side IS NULL OR side IN ('left', 'right')", name="ck_assessment_results_side"),
    sa.Index("ix_assessment_results_athlete_test", "athlete_id", "test", "date"),
)

soreness = sa.Table(
    "soreness",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("region", sa.String(32), nullable=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Column("after_run", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("value BETWEEN 0 AND 10", name="ck_soreness_value"),
    sa.Index("ix_soreness_athlete_date", "athlete_id", "date"),
)

level_history = sa.Table(
    "level_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("exercise", sa.String(100), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("level", sa.Integer, nullable=False),
    sa.Column("decision", sa.String(16), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    #: The session the decision was made after; a later decision for it (new soreness) supersedes this one.
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    #: What the decision was made on when that is one event for many exercises, e.g. ``red-flag:12``.
    sa.Column("cause", sa.String(100)),
    #: The row this decision follows for the same athlete and exercise (0 for the first): at most
    #: one decision can follow another, so two writers cannot record the same decision twice.
    sa.Column("follows", sa.Integer, nullable=False, server_default="0"),
    sa.CheckConstraint("level >= 1", name="ck_level_history_level"),
    sa.CheckConstraint("decision IN ('progress', 'hold', 'regress')", name="ck_level_history_decision"),
    sa.Index("ix_level_history_athlete_exercise", "athlete_id", "exercise"),
    sa.Index("uq_level_history_follows", "athlete_id", "exercise", "follows", unique=True),
)

#: Each exercise's current level and the last decision made on it (0009): kept up to date by every
#: write that can change it, in that write's transaction (``store.level_state``). Worked out
#: again on import, never exported.
exercise_levels = sa.Table(
    "exercise_levels",
    metadata,
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("exercise", sa.String(100), primary_key=True),
    #: The level the next session doses the exercise at.
    sa.Column("level", sa.Integer, nullable=False),
    #: progress, hold or regress, with its reason and cause; NULL when the level is the one the
    #: exercise was last done at and no decision has been made after it (yet).
    sa.Column("decision", sa.String(16)),
    sa.Column("reason", sa.Text),
    sa.Column("cause", sa.String(100)),
    #: The session (and its day) the level was set after.
    sa.Column("session_id", sa.Integer, nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    sa.CheckConstraint(
        "decision IS NULL OR decision IN ('progress', 'hold', 'regress')", name="ck_exercise_levels_decision"
    ),
)

red_flag_reports = sa.Table(
    "red_flag_reports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("flag", sa.String(64), nullable=False),
    sa.Column("complaint", sa.String(100)),
    sa.Column("urgent", sa.Boolean, nullable=False),
    #: ``emergency`` | ``same-day`` | ``soon``: how fast to get seen (KNOWLEDGE.md section 4).
    sa.Column("level", sa.String(16), nullable=False, server_default="soon"),
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    #: When the runner said a clinician had cleared them; NULL while the flag is open.
    sa.Column("cleared_at", sa.DateTime(timezone=True)),
    sa.Column("cleared_on", sa.Date),
    sa.Index("ix_red_flag_reports_athlete_open", "athlete_id", "cleared_at"),
)

session_followups = sa.Table(
    "session_followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    #: The session asked about; one answer each (a new answer replaces the old one).
    sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
    #: How the work felt the next day: ``better`` | ``same`` | ``worse``.
    sa.Column("answer", sa.String(16), nullable=False),
    #: The day the answer was given.
    sa.Column("date", sa.Date, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("answer IN ('better', 'same', 'worse')", name="ck_session_followups_answer"),
    sa.UniqueConstraint("session_id", name="uq_session_followups_session"),
    sa.Index("ix_session_followups_athlete", "athlete_id", "date"),
)

# -- accounts (0007): who may sign in, and how they stay signed in ----------------------------

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    #: Stored lower-cased: one account per address, whatever the case it is typed in.
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("name", sa.String(80), nullable=False, server_default=""),
    #: An argon2id hash in its encoded form (parameters and salt included); never the password.
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    #: The athlete profile the account owns (at most one account per athlete); gone with the athlete's data.
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="ck_users_role"),
    sa.Index("ix_users_athlete", "athlete_id", unique=True),
)

auth_sessions = sa.Table(
    "auth_sessions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    #: sha256 (hex) of the secret the browser or device holds.
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    #: NULL: a paired device of the local athlete on a server with no accounts.
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("label", sa.String(200), nullable=False, server_default=""),
    #: How long the session may sit unused before it ends.
    sa.Column("idle_minutes", sa.Integer, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
    #: The absolute end, however often the session is used.
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("kind IN ('browser', 'device')", name="ck_auth_sessions_kind"),
    sa.Index("ix_auth_sessions_user", "user_id"),
    sa.Index("ix_auth_sessions_athlete", "athlete_id"),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(100), nullable=False, server_default=""),
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("read_only", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_used_at", sa.DateTime(timezone=True)),
    sa.Column("revoked_at", sa.DateTime(timezone=True)),
    sa.Index("ix_api_tokens_user", "user_id"),
)

sign_in_attempts = sa.Table(
    "sign_in_attempts",
    metadata,
    #: ``email:someone@example.org`` or ``addr:192.0.2.1``.
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("last_failure_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("blocked_until", sa.DateTime(timezone=True)),
)

one_time_links = sa.Table(
    "one_time_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("purpose", sa.String(16), nullable=False),
    sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
    #: The role an invitation gives.
    sa.Column("role", sa.String(16)),
    #: The athlete a pairing link signs a device in as.
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
    sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("used_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("purpose IN ('invitation', 'pairing')", name="ck_one_time_links_purpose"),
)

server_options = sa.Table(
    "server_options",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# -- runs (0010): recorded activities, planned runs, training-plan calendars, jobs ----------------

activities = sa.Table(
    "activities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
    #: Minutes east of UTC where it was recorded, when the file says (FIT does).
    sa.Column("local_offset_minutes", sa.Integer),
    #: One of ``core.activity.SPORTS``.
    sa.Column("sport", sa.String(32), nullable=False),
    sa.Column("source_sport", sa.String(100), nullable=False, server_default=""),
    sa.Column("elapsed_seconds", sa.Float, nullable=False),
    sa.Column("moving_seconds", sa.Float),
    sa.Column("distance_m", sa.Float),
    sa.Column("avg_hr", sa.Integer),
    #: The file the figures come from (as shown when imported); empty for a run added by hand.
    sa.Column("source", sa.Text, nullable=False, server_default=""),
    #: fit, gpx, tcx or manual: the format of ``source`` (FIT is preferred when two files are one activity).
    sa.Column("format", sa.String(8), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("format IN ('fit', 'gpx', 'tcx', 'manual')", name="ck_activities_format"),
    sa.CheckConstraint("elapsed_seconds >= 0", name="ck_activities_elapsed"),
    sa.Index("ix_activities_athlete_start", "athlete_id", "start_utc"),
)

#: Every file (or part of a multisport file) an activity was read from: a file imported again is
#: found here by its content hash and stored nothing.
activity_files = sa.Table(
    "activity_files",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    #: sha256 (hex) of the file's bytes, decompressed.
    sa.Column("content_hash", sa.String(64), nullable=False),
    #: The activity's index in the file (0 unless the file is multisport).
    sa.Column("part", sa.Integer, nullable=False),
    sa.Column("activity_id", sa.Integer, sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
    sa.Column("path", sa.Text, nullable=False, server_default=""),
    sa.Column("format", sa.String(8), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("athlete_id", "content_hash", "part", name="uq_activity_files_hash_part"),
    sa.Index("ix_activity_files_activity", "activity_id"),
)

#: Training-plan calendars (iCalendar feeds or files) the runner subscribed to.
calendars = sa.Table(
    "calendars",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("name", sa.String(200), nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("fetched_at", sa.DateTime(timezone=True)),
    #: How the last fetch went, in words.
    sa.Column("status", sa.Text, nullable=False, server_default=""),
    #: Per-event reasons of the last fetch (taken as a run or not, and why).
    sa.Column("report", sa.JSON),
    sa.Column("etag", sa.String(255)),
    sa.Index("ix_calendars_athlete", "athlete_id"),
)

planned_runs = sa.Table(
    "planned_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("date", sa.Date, nullable=False),
    #: Local time of day, when known.
    sa.Column("at", sa.Time),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("distance_m", sa.Float),
    sa.Column("minutes", sa.Integer),
    sa.Column("title", sa.String(200), nullable=False, server_default=""),
    #: manual (added by hand) or calendar (from ``calendar_id``'s feed, event ``event_uid``).
    sa.Column("source", sa.String(16), nullable=False),
    sa.Column("calendar_id", sa.Integer, sa.ForeignKey("calendars.id", ondelete="CASCADE")),
    sa.Column("event_uid", sa.String(255)),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('easy', 'long', 'workout', 'race')", name="ck_planned_runs_kind"),
    sa.CheckConstraint("source IN ('manual', 'calendar')", name="ck_planned_runs_source"),
    sa.UniqueConstraint("athlete_id", "calendar_id", "event_uid", "date", name="uq_planned_runs_event"),
    sa.Index("ix_planned_runs_athlete_date", "athlete_id", "date"),
)

#: Long work (an import) and its progress; not exported with the athlete (deleted with them).
jobs = sa.Table(
    "jobs",
    metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    #: What the job does (e.g. ``runs.import``); ``params`` says with what.
    sa.Column("kind", sa.String(40), nullable=False),
    #: What the runner sees it as, e.g. the uploaded file's name.
    sa.Column("title", sa.String(300), nullable=False, server_default=""),
    sa.Column("params", sa.JSON, nullable=False),
    #: queued, running, done or failed.
    sa.Column("state", sa.String(12), nullable=False),
    sa.Column("total", sa.Integer, nullable=False, server_default="0"),
    sa.Column("done", sa.Integer, nullable=False, server_default="0"),
    sa.Column("report", sa.JSON),
    sa.Column("error", sa.Text),
    #: How many times a worker has started it (a job whose worker died is started again).
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    #: Last sign of life from the worker running it; a running job silent for long is taken over.
    sa.Column("heartbeat_at", sa.DateTime(timezone=True)),
    sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_jobs_state"),
    sa.Index("ix_jobs_athlete_created", "athlete_id", "created_at"),
    sa.Index("ix_jobs_state_created", "state", "created_at"),
)

job_files = sa.Table(
    "job_files",
    metadata,
    sa.Column("job_id", sa.String(36), sa.ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)
