"""The people PeerCert knows by role: each role is a Django group with one of these names.

What each role may do is decided where the rule lives (courses/permissions.py grants the authoring
rights, certificates names the supervisors, employers approves the employer tools, evaluations
keeps each evaluator's panel); the names themselves live here, at the bottom of the stack, so
every app spells them the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User

INSTRUCTORS = "Instructors"
REVIEWERS = "Reviewers"
SUPERVISORS = "Supervisors"
EMPLOYERS = "Employers"
# Skills evaluators observe and score practical evaluations (evaluations/); which courses'
# trainees each one rates is data on the evaluator panel, not a group per course.
EVALUATORS = "Evaluators"
# Board reviewers decide applications for certification and appeals (applications/).
BOARD_REVIEWERS = "Board reviewers"
# Program administrators read the outcome dashboards and funder reports (outcomes/): aggregates
# only, never a person's records.
PROGRAM_ADMINISTRATORS = "Program administrators"
# The ethics committee handles complaints: cases, investigation notes (theirs alone),
# hearings and sanctions (discipline/).
ETHICS_COMMITTEE = "Ethics committee"
ROLES = (
    INSTRUCTORS,
    REVIEWERS,
    SUPERVISORS,
    EMPLOYERS,
    EVALUATORS,
    BOARD_REVIEWERS,
    PROGRAM_ADMINISTRATORS,
    ETHICS_COMMITTEE,
)

# One group per course holds the rights on that course's pages and media; Group.name is at most
# 150 characters, so a long course title is cut.
COURSE_INSTRUCTORS_PREFIX = "Course instructors: "


def course_instructors_group_name(course_title: str) -> str:
    return f"{COURSE_INSTRUCTORS_PREFIX}{course_title}"[:150]


def has_role(user: User, *roles: str) -> bool:
    """Whether the user belongs to any of these role groups (one query)."""
    return user.is_authenticated and user.groups.filter(name__in=roles).exists()


__all__ = [
    "BOARD_REVIEWERS",
    "COURSE_INSTRUCTORS_PREFIX",
    "EMPLOYERS",
    "ETHICS_COMMITTEE",
    "EVALUATORS",
    "INSTRUCTORS",
    "PROGRAM_ADMINISTRATORS",
    "REVIEWERS",
    "ROLES",
    "SUPERVISORS",
    "course_instructors_group_name",
    "has_role",
]
