"""Every role's home: what waits for this person, with counts and links. The dashboard shows
one section per role they hold (a supervisor who is also an instructor sees both), the admin's
own dashboard shows the same sections as panels, and a superuser sees them all.

The roof composes; each count comes from its own app's selectors. Queries are fixed per
section, whatever the size of the queues (tests/cms/test_role_homes.py counts them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import roles
from accounts.models import User
from applications.selectors import applicant_counts, board_counts
from assessments.models import Attempt, AttemptState
from certificates import provisional
from certificates.models import Certificate
from certificates.selectors import manager_queues, supervision_waiting_count
from cohorts.selectors import checkins_waiting_count
from continuing_education.selectors import review_counts
from core import generations
from courses.models import Enrollment
from courses.review import awaiting_review_count, returned_drafts
from discipline.selectors import committee_counts
from employers.selectors import EXPIRING_WITHIN_DAYS, access_requests_waiting_count, roster_summary
from evaluations.selectors import queue_for, waiting_for_an_evaluator_count
from outcomes.selectors import home_counts as outcome_home_counts

from .application_home import shows_applications

# An instructor's "new results": attempts graded in their courses this past week.
RESULTS_WINDOW = timedelta(days=7)

SUPERVISOR = "supervisor"
INSTRUCTOR = "instructor"
REVIEWER = "reviewer"
CERTIFICATE_MANAGER = "certificate_manager"
USER_MANAGER = "user_manager"
EMPLOYER = "employer"
EVALUATOR = "evaluator"
OVERSIGHT = "oversight"
BOARD = "board"
APPLICANT = "applicant"
PROGRAMS = "programs"
ETHICS = "ethics"
# In this order on the page.
SECTION_ORDER = (
    OVERSIGHT,
    APPLICANT,
    BOARD,
    ETHICS,
    SUPERVISOR,
    EVALUATOR,
    INSTRUCTOR,
    REVIEWER,
    CERTIFICATE_MANAGER,
    USER_MANAGER,
    EMPLOYER,
    PROGRAMS,
)
# Sections whose work is done in the Wagtail admin: its dashboard shows them as panels.
ADMIN_SECTIONS = frozenset({OVERSIGHT, INSTRUCTOR, REVIEWER, CERTIFICATE_MANAGER, USER_MANAGER})
# The roles whose pages are a person's own queue (sign-off, scoring, a roster): an
# administrator has them only when they hold the role; the overview covers the rest.
# Program administrators' outcome dashboard opens for superusers too, but is a role's home only.
PERSONAL = frozenset({SUPERVISOR, EVALUATOR, EMPLOYER, PROGRAMS})


@dataclass(frozen=True)
class Link:
    text: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class Item:
    key: str  # stable, for the page's ids and for tests
    label: str
    count: int
    url: str  # empty: a count to know, nothing here to open
    # A count of work waiting (highlighted when above 0), or one just to know.
    attention: bool = True
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str
    items: list[Item] = field(default_factory=list)
    url: str = ""  # the section's own page
    url_text: str = ""

    @property
    def waiting(self) -> int:
        return sum(item.count for item in self.items if item.attention)


# --- who holds which role: the groups (cached), the permission check for managers -----------


def role_keys(user: User) -> set[str]:
    if not user.is_authenticated or not user.is_active:
        return set()
    groups = roles.group_names(user)  # cached until anyone's groups change
    keys = set()
    if user.is_superuser:
        keys = set(SECTION_ORDER) - PERSONAL
    if roles.SUPERVISORS in groups:
        keys.add(SUPERVISOR)
    if roles.EVALUATORS in groups:
        keys.add(EVALUATOR)
    if roles.INSTRUCTORS in groups or any(
        name.startswith(roles.COURSE_INSTRUCTORS_PREFIX) for name in groups
    ):
        keys.add(INSTRUCTOR)
    if roles.REVIEWERS in groups:
        keys.add(REVIEWER)
    if roles.EMPLOYERS in groups:
        keys.add(EMPLOYER)
    # The board's queue and a trainee's applications are a person's own: an administrator's
    # overview does not take them on.
    keys -= {BOARD, APPLICANT, ETHICS}
    if roles.BOARD_REVIEWERS in groups:
        keys.add(BOARD)
    # Cases and their notes are the ethics committee's alone (superusers included out).
    if roles.ETHICS_COMMITTEE in groups:
        keys.add(ETHICS)
    if not groups and not user.is_staff and shows_applications(user):
        # A trainee (no role of their own) whose program requires an application: one query
        # (none when cached), asked only of people without a role so role homes keep theirs.
        keys.add(APPLICANT)
    if roles.PROGRAM_ADMINISTRATORS in groups:
        keys.add(PROGRAMS)
    if not user.is_superuser and (user.is_staff or groups):
        # Managers are given permissions, not a group of their own: ask only those who may
        # hold any.
        keys |= _manager_keys(user)
    return keys


# The manager sections and the permission each needs.
MANAGER_PERMISSIONS = {
    CERTIFICATE_MANAGER: "certificates.change_certificate",
    USER_MANAGER: "auth.change_user",
}


def _manager_keys(user: User) -> frozenset[str]:
    """The manager sections the user's permissions open: two queries (their own permissions,
    their groups'), none when cached. Cached as their group names are (accounts.roles), under
    the generations that any change to their groups, their permissions, a group's permissions
    or their account moves on."""
    return generations.cached(
        "roles:managers",
        roles.role_generations(user),
        (user.pk,),
        lambda: frozenset(key for key, perm in MANAGER_PERMISSIONS.items() if user.has_perm(perm)),
    )


def is_trainee(user: User) -> bool:
    """Enrolled in a course or holding a certificate: the trainee part of the dashboard is
    theirs. At most two queries, none when cached: the answer is kept under the person's
    generation, which their enrolments and certificates move on (cms/dashboard_state.py)."""
    return generations.cached(
        "is-trainee",
        (generations.user_name(user.pk),),
        (user.pk,),
        lambda: (
            Enrollment.objects.filter(trainee=user).exists()
            or Certificate.objects.filter(holder=user).exists()
        ),
    )


# --- the sections ---------------------------------------------------------------------------


def _oversight(user: User) -> Section:
    """For administrators: the queues other people work, across the site."""
    return Section(
        OVERSIGHT,
        _("Across the site"),
        _(
            "Work that waits for other people: each entry is signed off by the supervisor it "
            "names, each evaluation scored by an evaluator of its course."
        ),
        [
            Item(
                "supervision",
                _("Supervised-hours entries waiting for their supervisor"),
                supervision_waiting_count(),
                "",
                attention=False,
            ),
            Item(
                "evaluations",
                _("Practical evaluations waiting for an evaluator"),
                waiting_for_an_evaluator_count(),
                "",
                attention=False,
            ),
        ],
    )


def _supervisor(user: User) -> Section:
    waiting = supervision_waiting_count(supervisor=user)
    url = reverse("certificates:supervision_queue")
    return Section(
        SUPERVISOR,
        _("Supervision"),
        _("Supervised-hours entries your trainees logged with you as their supervisor."),
        [Item("entries", _("Entries waiting for your sign-off"), waiting, url)],
        url=url,
        url_text=_("Open the sign-off queue"),
    )


def _evaluator(user: User) -> Section:
    queue = queue_for(user)
    url = reverse("evaluations:home")
    return Section(
        EVALUATOR,
        _("Practical evaluations"),
        _("Observed skills evaluations in the courses you evaluate for."),
        [
            Item("assigned", _("Assigned to you, to schedule or score"), len(queue.assigned), url),
            Item("unassigned", _("Requests nobody has taken yet"), len(queue.unassigned), url),
            Item("second", _("Second ratings wanted"), len(queue.second), url),
        ],
        url=url,
        url_text=_("Open your evaluation queue"),
    )


def _attempt_counts(user: User) -> tuple[int, int]:
    """Essays waiting for a grade (assessments.selectors.grading_queue) and attempts graded
    this past week (results_since_count) in the user's courses, in one query for both (and
    one for the courses they teach)."""
    since = timezone.now() - RESULTS_WINDOW
    counts = (
        Attempt.objects.visible_to_instructor(user)
        .filter(state__in=[AttemptState.NEEDS_GRADING, AttemptState.GRADED])
        .aggregate(
            essays=Count("pk", filter=Q(state=AttemptState.NEEDS_GRADING)),
            results=Count("pk", filter=Q(state=AttemptState.GRADED, graded_at__gte=since)),
        )
    )
    return counts["essays"] or 0, counts["results"] or 0


def _instructor(user: User) -> Section:
    returned, drafts = returned_drafts(user=user)
    essays, results = _attempt_counts(user)
    admin = reverse("wagtailadmin_home")
    return Section(
        INSTRUCTOR,
        _("Teaching"),
        _("Your courses: grading, drafts back from review, and results."),
        [
            Item(
                "essays",
                _("Essays to grade"),
                essays,
                reverse("assessments_admin:queue"),
            ),
            Item(
                "returned",
                _("Drafts returned by review with changes asked"),
                returned,
                admin,
                links=tuple(
                    Link(
                        draft.title,
                        reverse("wagtailadmin_pages:edit", args=[draft.page_id]),
                        draft.comment,
                    )
                    for draft in drafts
                ),
            ),
            Item(
                "results",
                ngettext(
                    "Attempt graded in your courses in the last %(days)d day",
                    "Attempts graded in your courses in the last %(days)d days",
                    RESULTS_WINDOW.days,
                )
                % {"days": RESULTS_WINDOW.days},
                results,
                reverse("assessments_admin:index"),
                attention=False,
            ),
            Item(
                "checkins",
                _("Check-ins to your live sessions waiting for you to confirm"),
                checkins_waiting_count(instructor=user),
                reverse("cohorts:home"),
            ),
        ],
        url=admin,
        url_text=_("Open the admin"),
    )


def _reviewer(user: User) -> Section:
    counts = review_counts(reviewer=user)
    queue = reverse("ce_review_queue")
    return Section(
        REVIEWER,
        _("Review"),
        _("Curriculum waiting for approval, and continuing-education decisions."),
        [
            Item(
                "pages",
                _("Pages awaiting your review"),
                awaiting_review_count(user=user),
                reverse("wagtailadmin_home"),
            ),
            Item("ce_records", _("CE records to decide"), counts.records, queue),
            Item("renewals", _("Renewal applications to decide"), counts.renewals, queue),
            Item("audits", _("Renewals selected for audit"), counts.audits, queue),
        ],
        url=queue,
        url_text=_("Open CE and renewals"),
    )


def _certificate_manager(user: User) -> Section:
    queues = manager_queues()
    return Section(
        CERTIFICATE_MANAGER,
        _("Certificates"),
        _("Issuing that needs a hand, and holders' new legal names."),
        [
            Item(
                "failing",
                _("Certificates whose issuing keeps failing"),
                queues.failing_issuance,
                reverse("certificates_admin_list") + "?status=pending",
            ),
            Item(
                "name_changes",
                _("Name changes to check"),
                queues.name_changes,
                reverse("certificates_name_changes"),
            ),
        ],
        url=reverse("certificates_admin_list"),
        url_text=_("All certificates"),
    )


def _user_manager(user: User) -> Section:
    url = reverse("employer_access_requests")
    return Section(
        USER_MANAGER,
        _("Accounts"),
        _("Organisations asking for the employer tools."),
        [
            Item(
                "access", _("Requests for the employer tools"), access_requests_waiting_count(), url
            )
        ],
        url=url,
        url_text=_("Open employer access"),
    )


def _employer(user: User) -> Section:
    summary = roster_summary(employer=user)
    url = reverse("employers:home")
    return Section(
        EMPLOYER,
        _("Your roster"),
        _("Certificates your organisation follows."),
        [
            Item(
                "followed",
                _("Certificates followed"),
                summary.total,
                url,
                attention=False,
                # Where the roster's systems and records live: no count, no query.
                links=(
                    Link(_("Webhooks and their delivery log"), reverse("employers:webhooks")),
                    Link(_("Verification reports"), reverse("employers:reports")),
                ),
            ),
            Item(
                "expiring",
                _("Expiring within %(days)d days") % {"days": EXPIRING_WITHIN_DAYS},
                summary.expiring_soon,
                url,
            ),
            Item("changed", _("Changed since your last visit"), summary.changed, url),
        ],
        url=url,
        url_text=_("Open your roster"),
    )


def _programs(user: User) -> Section:
    counts = outcome_home_counts()
    url = reverse("outcomes:dashboard")
    return Section(
        PROGRAMS,
        _("Program outcomes"),
        _(
            "How the program performs, in counts of people and hours, with charts and a funder "
            "report. Aggregates only; figures for fewer than 11 people are not shown."
        ),
        [
            Item("versions", _("Program versions reported"), counts.versions, url, attention=False),
            Item("cohorts", _("Cohorts compared"), counts.cohorts, url, attention=False),
        ],
        url=url,
        url_text=_("Open the outcome dashboard"),
    )


def _board(user: User) -> Section:
    counts = board_counts()
    url = reverse("applications:queue")
    return Section(
        BOARD,
        _("Applications for certification"),
        _("Applications waiting for the board's decision, overdue decisions and appeals."),
        [
            Item("waiting", _("Applications waiting for a decision"), counts.waiting, url),
            Item("overdue", _("Decisions past their deadline"), counts.overdue, url),
            Item("appeals", _("Appeals waiting for a different reviewer"), counts.appeals, url),
            *_board_provisional(),
        ],
        url=url,
        url_text=_("Open the board's queue"),
    )


def _board_provisional() -> tuple[Item, ...]:
    counts = provisional.board_counts()
    url = reverse("certificates:provisional_queue")
    return (
        Item(
            "extensions",
            _("Provisional extension requests to decide"),
            counts.extension_requests,
            url,
        ),
        Item(
            "provisional",
            _("Provisional certificates in force (convert when ready)"),
            counts.provisional,
            url,
            attention=False,
        ),
    )


def _ethics(user: User) -> Section:
    counts = committee_counts()
    url = reverse("discipline:cases")
    return Section(
        ETHICS,
        _("Ethics committee"),
        _("Complaints from the public, investigations, hearings and sanctions."),
        [
            Item("new", _("New complaints to open"), counts.new, url),
            Item("open", _("Open cases"), counts.open, url, attention=False),
        ],
        url=url,
        url_text=_("Open the cases"),
    )


def _applicant(user: User) -> Section:
    counts = applicant_counts(user)
    url = reverse("applications:home")
    return Section(
        APPLICANT,
        _("Your application for certification"),
        _("Your program's board decides each certificate: apply with the documents it asks for."),
        [
            Item("to_start", _("Programs waiting for your application"), counts.to_start, url),
            Item("info", _("The board asks you for more information"), counts.action_needed, url),
            Item(
                "in_progress",
                _("Applications in progress"),
                counts.in_progress,
                url,
                attention=False,
            ),
        ],
        url=url,
        url_text=_("Open your applications"),
    )


_BUILDERS = {
    OVERSIGHT: _oversight,
    SUPERVISOR: _supervisor,
    EVALUATOR: _evaluator,
    INSTRUCTOR: _instructor,
    REVIEWER: _reviewer,
    CERTIFICATE_MANAGER: _certificate_manager,
    USER_MANAGER: _user_manager,
    EMPLOYER: _employer,
    BOARD: _board,
    ETHICS: _ethics,
    APPLICANT: _applicant,
    PROGRAMS: _programs,
}


def sections_for(user: User, *, only: frozenset[str] | None = None) -> list[Section]:
    """One section per role the user holds, in SECTION_ORDER (``only``: just these)."""
    held = role_keys(user)
    return [
        _BUILDERS[key](user)
        for key in SECTION_ORDER
        if key in held and (only is None or key in only)
    ]


__all__ = ["ADMIN_SECTIONS", "Item", "Link", "Section", "is_trainee", "role_keys", "sections_for"]
