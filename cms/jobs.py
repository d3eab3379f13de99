"""The scheduler's jobs (registered in cms/scheduler.py): plain values in, call the service."""

from __future__ import annotations

from datetime import date


def daily_jobs(day: str | None = None) -> dict[str, int]:
    """The site's daily run (cms/daily.py), once a day."""
    from cms.daily import run_daily  # jobs import what they run when they run (the convention)

    return run_daily(today=date.fromisoformat(day) if day else None).counts
