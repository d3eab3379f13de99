"""Discipline's daily task: the retention rule for closed case files."""

from datetime import date

from .services import purge_due


def retention_due(*, today: date) -> int:
    return purge_due(today=today)
