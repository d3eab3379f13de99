"""Every URL of the site, read from the URL configuration, and what kind of access each has.

Adding a route without classifying it here makes tests/security/test_authorization_matrix.py
fail: a new page that shows someone's records must say whose records and who else may see them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

OUR_APPS = (
    "cms",
    "accounts",
    "courses",
    "assessments",
    "evaluations",
    "cohorts",
    "certificates",
    "credentials",
    "verification",
    "employers",
    "continuing_education",
    "outcomes",
    "applications",
    "discipline",
)


@dataclass(frozen=True)
class Route:
    pattern: str  # the whole route, e.g. "assessments/attempts/<int:attempt_id>/"
    name: str | None  # with its namespaces, e.g. "assessments:attempt"
    module: str  # where the view is defined
    kwargs: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.name or self.pattern

    @property
    def in_admin(self) -> bool:
        return self.pattern.startswith("admin/")

    @property
    def ours(self) -> bool:
        return self.module.split(".")[0] in OUR_APPS


def _kwargs(pattern) -> tuple[str, ...]:
    return tuple(pattern.regex.groupindex)


def walk(
    patterns=None, prefix: str = "", namespace: str | None = None, kwargs: tuple[str, ...] = ()
) -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                inner,
                kwargs + _kwargs(entry.pattern),
            )
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            module = getattr(callback, "__module__", None) or getattr(
                getattr(callback, "func", None), "__module__", ""
            )
            name = f"{namespace}:{entry.name}" if entry.name and namespace else entry.name
            yield Route(prefix + str(entry.pattern), name, module, kwargs + _kwargs(entry.pattern))


def routes_to_classify() -> list[Route]:
    """Everything outside the Wagtail admin, plus our own views inside it. Wagtail's own admin
    views (page editor, snippets) follow Wagtail's permission model and are checked by
    test_wagtail_admin_* instead."""
    return [route for route in walk() if not route.in_admin or route.ours]


# --- classification ----------------------------------------------------------------------------

# Open to anyone, with the reason it may be.
PUBLIC: dict[str, str] = {
    "healthz": "load-balancer probe: says only which services are up",
    "set_language": "the language switcher (POST): sets the visitor's language cookie, and a "
    "signed-in person's own preferred language; redirects only to a path on this site",
    "applications:letter": "a referee's letter form, by a signed link bound to a random nonce "
    "on the referee's row: opens only that letter's form, once (used, expired or forged: a "
    "clear 410/404 page; tests/applications/test_views.py)",
    "login": "sign-in form; same answer for unknown addresses (test_enumeration)",
    "signup": "sign-up form; same answer for known addresses (test_enumeration)",
    "signup_done": "a fixed 'check your e-mail' page",
    "signup_confirm": "guarded by a one-time HMAC token bound to the pending account",
    "email_change_confirm": "guarded by a random id and an HMAC bound to the account's current "
    "address and password; expires in 3 days",
    "password_reset": "same answer for unknown addresses (test_enumeration)",
    "password_reset_done": "a fixed 'check your e-mail' page",
    "password_reset_confirm": "guarded by Django's one-time reset token",
    "password_reset_complete": "a fixed 'password saved' page",
    "verify_lookup": "public verification (rate limited); shows only DOMAIN.md's public fields",
    "verify_detail": "public verification (rate limited); code has >= 80 random bits",
    "verify_pdf": "the signed certificate PDF, by its unguessable code, as printed on it",
    "verify_pdf_upload": "anyone may check a PDF they hold (rate limited)",
    "verify_report": "a verification report's own check by its random id (100 bits; rate "
    "limited): what it recorded, for which organisation and when",
    "issuer_profile": "issuer's public profile",
    "issuer_ca": "issuer's public root certificate",
    "issuer_jwks": "issuer's public keys",
    "issuer_profile_json": "issuer's public profile (Open Badges)",
    "issuer_did_document": "issuer's DID document: public keys only",
    "issuer_did_document_at_path": "issuer's DID document: public keys only",
    "issuer_jwk": "one of the issuer's public keys",
    "status_list": "signed public status list (bitstring: no names)",
    "achievement_edition": "a program's achievement in another language: the program's rules "
    "and description, no person",
    "favicon": "a redirect to the site's icon",
    "credential_json": "the holder's public credential, by its unguessable code",
    "credential_jwt": "the holder's public credential, by its unguessable code",
    "api_v1:api-root": "JSON API root",
    "api_v1:openapi-json": "OpenAPI schema",
    "api_v1:verify_code": "public verification API (rate limited, keys optional)",
    "api_v1:verify_batch": "public verification API (rate limited, keys optional)",
    r"^api/v1/(?P<rest>(?s:.*))\Z": "JSON 404 for unknown API paths",
    "wagtail_serve": "pages; module and lesson pages refuse anyone not enrolled "
    "(courses.gating.guard_course_content)",
    "wagtaildocs_serve": "a document opens for whoever may open a page linking it "
    "(courses.documents; tests/courses/test_documents.py)",
    "wagtaildocs_authenticate_with_password": "Wagtail's password form for private documents",
    "wagtailcore_authenticate_with_password": "Wagtail's password form for private pages",
    "wagtailcore_login": "Wagtail's sign-in for private pages (the same login form)",
    "issuer_crl": "the issuer root's signed certificate revocation list (public by design)",
    "oid4vci_issuer_metadata": "OpenID4VCI issuer metadata: public by the protocol",
    "oid4vci_authorization_server_metadata": "OAuth server metadata: public by the protocol",
    "oid4vci_token": "answers only a single-use, 10-minute pre-authorized code (hash stored; "
    "rate limited; tests/credentials/test_oid4vci.py)",
    "oid4vci_nonce": "a fresh nonce for a wallet's proof; holds no data",
    "oid4vci_credential": "answers only a 5-minute access token from the token endpoint and a "
    "proof signed with the wallet's key (tests/credentials/test_oid4vci.py)",
    "cohorts:feed": "a person's private calendar, by a 160-bit token derived from the secret "
    "key (only its hash stored); revoked or renewed, it is a 404 (tests/cohorts/test_views.py)",
}

# No object in the URL: the view reads and writes only the signed-in person's own records.
SELF: dict[str, str] = {
    "logout": "POST only; ends the requester's own session",
    "password_change": "own password",
    "password_change_done": "fixed page",
    "dashboard": "own courses, attempts, certificates, CE",
    "applications:home": "own applications for certification, and programs taking them",
    "account": "own name (a certified holder's change waits for an administrator)",
    "account_data": "own records as JSON (tests/cms/test_my_data.py: nobody else's)",
    "assessments:history": "own attempts",
    "certificates:overview": "own certification progress",
    "certificates:supervision": "own supervision log",
    "certificates:supervision_queue": "entries awaiting the requester's own sign-off",
    "continuing_education:activities": "own CE records",
    "continuing_education:submit": "submits an own CE record",
    "continuing_education:transcript": "own transcript",
    "continuing_education:transcript_csv": "own transcript",
    "continuing_education:transcript_pdf": "own transcript",
    "employers:home": "own roster (employers only)",
    "employers:access": "asks for the employer tools for the requester's own account",
    "employers:roster_add": "adds to own roster (employers only)",
    "employers:roster_import": "adds to own roster from a CSV of public codes (employers only)",
    "employers:roster_export": "own roster as CSV (employers only)",
    "employers:bulk": "bulk public verification (employers only)",
    "employers:api_keys": "own API keys (employers only)",
    "employers:webhooks": "own webhook endpoints (employers only); the secret shown once",
    "employers:reports": "own verification reports (employers only)",
    "employers:share": "own share links",
    "evaluations:home": "own evaluations; an evaluator's queue holds only their courses' "
    "trainees they may score (tests/evaluations/test_views.py)",
    "employers:my_transcript_credential": "own transcript as a signed credential",
    "cohorts:home": "own cohorts, the cohorts one teaches (counts, no names), own calendar "
    "address and outside training",
    "cohorts:calendar": "turns the requester's own calendar address on, renews or revokes it",
    "cohorts:outside_new": "submits the requester's own outside training",
}

# The URL names public content (a course, lesson, assessment or program version) and the
# action touches only the requester's own records (enrolment, progress, attempt, attestation).
SELF_ACTIONS: dict[str, str] = {
    "courses:enrol": "enrols the requester",
    "courses:lesson_complete": "the requester's own progress",
    "courses:lesson_incomplete": "the requester's own progress",
    "assessments:start": "starts or resumes the requester's own attempt",
    "certificates:attest": "records the requester's own attestation",
    "evaluations:request": "asks for an evaluation for the requester",
    "applications:start": "starts (or resumes) the requester's own application",
}

# Our views in the Wagtail admin without an object in the URL, and who may open them.
ADMIN_LISTS: dict[str, frozenset[str]] = {
    "assessments_admin:index": frozenset({"instructor_x", "instructor_y", "reviewer"}),
    "assessments_admin:queue": frozenset({"instructor_x", "instructor_y", "reviewer"}),
    # Each instructor exports and imports only their courses' bank and the shared one
    # (test_bank_scoping.py); publishing a question still needs a reviewer.
    "assessments_admin:bank_export": frozenset({"instructor_x", "instructor_y", "reviewer"}),
    "assessments_admin:bank_import": frozenset({"instructor_x", "instructor_y", "reviewer"}),
    # The bank-quality report covers only the questions the user may see (their courses').
    "assessments_admin:bank_quality": frozenset({"instructor_x", "instructor_y", "reviewer"}),
    # The question chooser lists only the user's courses' bank (test_bank_scoping.py).
    "wagtailsnippetchoosers_assessments_question:choose": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    "wagtailsnippetchoosers_assessments_question:choose_results": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    "wagtailsnippetchoosers_assessments_questioncategory:choose": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    "wagtailsnippetchoosers_assessments_questioncategory:choose_results": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    # chosen-multiple takes its ids in the query string (?id=1&id=2): only the user's own rows
    # come back (test_bank_choosers_and_chosen_multiple_return_only_the_users_courses).
    "wagtailsnippetchoosers_assessments_question:chosen_multiple": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    "wagtailsnippetchoosers_assessments_questioncategory:chosen_multiple": frozenset(
        {"instructor_x", "instructor_y", "reviewer"}
    ),
    # Accommodations name trainees: their chooser is for the instructors who give them.
    "wagtailsnippetchoosers_assessments_accommodation:choose": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "wagtailsnippetchoosers_assessments_accommodation:choose_results": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "wagtailsnippetchoosers_assessments_accommodation:chosen_multiple": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "certificates_admin_list": frozenset(),  # certificate managers (superusers) only
    "certificates_name_changes": frozenset(),  # certificate managers (superusers) only
    # Every signed hour with the supervisor's credential: certificate managers only.
    "certificates_supervision_audit": frozenset(),
    # Records a transfer from another board and issues a certificate: certificate managers only.
    "certificates_reciprocity": frozenset(),
    "employer_access_requests": frozenset(),  # user managers (superusers) only
    "ce_review_queue": frozenset({"reviewer"}),
    # Applications name applicants: the board's queue and the exam import are for board
    # reviewers (and superusers).
    "applications:queue": frozenset({"board"}),
    "applications:exam_import": frozenset({"board"}),
    # Provisional certificates in force and extension requests name holders: board reviewers
    # (and superusers) only.
    "certificates:provisional_queue": frozenset({"board"}),
    # Agreement between raters, named per evaluator: reviewers (and superusers).
    "evaluations_calibration": frozenset({"reviewer"}),
    # Outside training names trainees and opens their certificates: reviewers (and superusers).
    "cohorts_outside_queue": frozenset({"reviewer"}),
    # Cohort and session choosers: the instructor's own courses' only (reviewers have no right
    # on cohorts at all).
    "wagtailsnippetchoosers_cohorts_cohort:choose": frozenset({"instructor_x", "instructor_y"}),
    "wagtailsnippetchoosers_cohorts_cohort:choose_results": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "wagtailsnippetchoosers_cohorts_cohort:chosen_multiple": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "wagtailsnippetchoosers_cohorts_session:choose": frozenset({"instructor_x", "instructor_y"}),
    "wagtailsnippetchoosers_cohorts_session:choose_results": frozenset(
        {"instructor_x", "instructor_y"}
    ),
    "wagtailsnippetchoosers_cohorts_session:chosen_multiple": frozenset(
        {"instructor_x", "instructor_y"}
    ),
}


# Pages for one role, without an object in the URL, that show only aggregates: who may open
# them (superusers always may). test_role_pages_open_only_for_their_role_and_name_nobody.
ROLE_PAGES: dict[str, frozenset[str]] = {
    # The outcome dashboard, its CSV files and the funder report: counts of people with the
    # small ones hidden (outcomes/privacy.py), never a name.
    "outcomes:dashboard": frozenset({"program_admin"}),
    "outcomes:table_csv": frozenset({"program_admin"}),
    "outcomes:report_csv": frozenset({"program_admin"}),
    "outcomes:report_pdf": frozenset({"program_admin"}),
}


def owner(obj) -> set[str]:
    return {obj.owner}


def course_instructor(obj) -> set[str]:
    return {f"instructor_{obj.course}"}


def owner_or_course_instructor(obj) -> set[str]:
    return owner(obj) | course_instructor(obj)


def course_instructor_or_reviewer(obj) -> set[str]:
    return course_instructor(obj) | {"reviewer"}


def owner_or_reviewer(obj) -> set[str]:
    return {obj.owner, "reviewer"}


def board_reviewer(obj) -> set[str]:
    return {"board"}


def owner_or_board_reviewer(obj) -> set[str]:
    return {obj.owner, "board"}


def reviewer(obj) -> set[str]:
    return {"reviewer"}


def supervisor(obj) -> set[str]:
    return {obj.supervisor}


def named_employer(obj) -> set[str]:
    return {obj.employer}


def named_employer_if_transcript_shared(obj) -> set[str]:
    """The transcript files of a share link: its employer, and only if the holder ticked
    "include my transcript" (otherwise nobody: 404 like an unknown token)."""
    return named_employer(obj) if obj.instance.include_transcript else set()


def owner_or_evaluator(obj) -> set[str]:
    return {obj.owner, obj.evaluator}


def evaluator(obj) -> set[str]:
    return {obj.evaluator}


def _roster(world, obj) -> dict:
    trainee = world.users[obj.owner]
    return {f"status-{trainee.pk}": "late", f"minutes-{trainee.pk}": "30"}


def nobody(obj) -> set[str]:
    return set()  # superusers only


def _essay_grade(world, obj) -> dict:
    from assessments.models import AttemptQuestion

    aq = AttemptQuestion.objects.filter(attempt_id=obj.value, qtype="essay").first()
    if aq is None:
        return {}
    pk = aq.response.pk
    return {
        "response": pk,
        f"r{pk}-criterion_0": "2",
        f"r{pk}-criterion_1": "2",
        f"r{pk}-comment": "MATRIX",
    }


def _rating(world, obj) -> dict:
    from evaluations.forms import criterion_field

    instrument = obj.instance.pinned_instrument()
    data = {"comment": "MATRIX"}
    data.update({criterion_field(c.pk): "2" for c in instrument.criteria.all()})
    return data


@dataclass(frozen=True)
class Guard:
    """A route whose URL names someone's object."""

    kind: str  # conftest.Owned.kind of the object in the URL
    methods: tuple[str, ...]
    entitled: Callable  # Owned -> roles that may use it (superusers always may)
    data: Callable | dict = field(default_factory=dict)  # a plausible POST body
    queries: tuple[str, ...] = ("",)  # GET variants
    destroys: bool = False  # the owner's request deletes the object


GUARDED: dict[str, Guard] = {
    "assessments:attempt": Guard("attempt", ("GET",), owner),
    "assessments:autosave": Guard("attempt", ("POST",), owner),
    "assessments:navigate": Guard("attempt", ("POST",), owner),
    "assessments:summary": Guard("attempt", ("GET",), owner),
    "assessments:submit": Guard("attempt", ("POST",), owner),
    "assessments:review": Guard("attempt", ("GET",), owner_or_course_instructor),
    "certificates:supervision_delete": Guard("supervision_entry", ("POST",), owner, destroys=True),
    "certificates:supervision_review": Guard(
        "supervision_entry", ("POST",), supervisor, {"decision": "sign", "reason": ""}
    ),
    # The holder gives their own certificate up; unticked, the POST changes nothing (400).
    "certificates:relinquish": Guard("certificate", ("GET", "POST"), owner, {"confirm": ""}),
    # The certificate PDF in the other language; an unknown language changes nothing (302 back).
    "certificates:pdf_language": Guard("certificate", ("POST",), owner, {"language": "xx"}),
    "continuing_education:withdraw": Guard("ce_activity", ("POST",), owner, destroys=True),
    "continuing_education:proof": Guard("ce_activity", ("GET",), owner_or_reviewer),
    "continuing_education:renew": Guard("certificate", ("POST",), owner),
    # A verification report is asked for from one's own roster entry only (before the entry
    # is removed by the line below).
    "employers:report_create": Guard("roster_entry", ("POST",), owner),
    "employers:roster_remove": Guard("roster_entry", ("POST",), owner),
    "employers:api_key_revoke": Guard("api_key", ("POST",), owner),
    # Webhooks: an employer's endpoints and their delivery logs are theirs alone.
    "employers:webhook_detail": Guard("webhook_endpoint", ("GET",), owner),
    # Removing is last among the owner's requests: enable and replay need the endpoint.
    "employers:webhook_remove": Guard("webhook_endpoint", ("POST",), owner, destroys=True),
    "employers:webhook_enable": Guard("webhook_endpoint", ("POST",), owner),
    "employers:webhook_replay": Guard("webhook_delivery", ("POST",), owner),
    "employers:share_revoke": Guard("share_link", ("POST",), owner),
    "employers:shared": Guard("share_token", ("GET",), named_employer),
    "employers:shared_transcript_pdf": Guard(
        "share_token", ("GET",), named_employer_if_transcript_shared
    ),
    "employers:shared_transcript_csv": Guard(
        "share_token", ("GET",), named_employer_if_transcript_shared
    ),
    # Instructor tools in the admin: only the instructors of the assessment's course.
    "assessments_admin:grade": Guard("attempt", ("GET", "POST"), course_instructor, _essay_grade),
    "assessments_admin:results": Guard(
        "assessment", ("GET",), course_instructor, queries=("", "?format=csv")
    ),
    "assessments_admin:items": Guard("assessment", ("GET",), course_instructor),
    "assessments_admin:regrade": Guard(
        "assessment", ("GET", "POST"), course_instructor, {"action": "apply"}
    ),
    "wagtailsnippetchoosers_assessments_question:chosen": Guard(
        "question", ("GET",), course_instructor_or_reviewer
    ),
    "wagtailsnippetchoosers_assessments_questioncategory:chosen": Guard(
        "question_category", ("GET",), course_instructor_or_reviewer
    ),
    "wagtailsnippetchoosers_assessments_accommodation:chosen": Guard(
        "accommodation", ("GET",), course_instructor
    ),
    # An evaluation: its trainee and the evaluator it is assigned to (an unassigned request also
    # opens for the course's other evaluators: tests/evaluations/test_views.py).
    "evaluations:detail": Guard("evaluation", ("GET",), owner_or_evaluator),
    "evaluations:withdraw": Guard("evaluation", ("POST",), owner, destroys=True),
    "evaluations:schedule": Guard(
        "evaluation",
        ("POST",),
        evaluator,
        {"mode": "in_person", "scheduled_for": "2099-01-01T10:00", "location": "MATRIX"},
    ),
    "evaluations:score": Guard("evaluation", ("GET", "POST"), evaluator, _rating),
    # Only another evaluator of the course may take a sampled second rating: nobody here.
    "evaluations:take_second": Guard("evaluation", ("POST",), nobody),
    # Live training: a cohort and its sessions are for its enrolled trainees and its instructors
    # (the matrix's cohorts are closed to new trainees); rosters, codes and check-ins for the
    # instructors only; outside training for its trainee and reviewers.
    "cohorts:cohort": Guard("cohort", ("GET",), owner_or_course_instructor),
    "cohorts:join": Guard("cohort", ("POST",), owner_or_course_instructor),
    "cohorts:withdraw": Guard("cohort", ("POST",), owner, destroys=True),
    "cohorts:session": Guard("session", ("GET",), owner_or_course_instructor),
    "cohorts:session_ics": Guard("session", ("GET",), owner_or_course_instructor),
    "cohorts:checkin": Guard("session", ("POST",), owner, {"code": "WRONG1"}),
    "cohorts:roster": Guard("session", ("GET", "POST"), course_instructor, _roster),
    "cohorts:issue_code": Guard("session", ("POST",), course_instructor),
    "cohorts:confirm_checkin": Guard("checkin", ("POST",), course_instructor),
    "cohorts:outside_certificate": Guard("outside_training", ("GET",), owner_or_reviewer),
    "cohorts:outside_withdraw": Guard("outside_training", ("POST",), owner, destroys=True),
    # An application: its applicant's page; the board's review page; documents for both;
    # a referee's uploaded letter for the board only (never the applicant).
    "applications:detail": Guard(
        "application",
        ("GET", "POST"),
        owner,
        {"action": "save", "lived_experience": "yes", "lived_experience_months": "30"},
    ),
    "applications:review": Guard(
        "application",
        ("GET", "POST"),
        board_reviewer,
        {"action": "decide", "decision": "info", "text": "MATRIX"},
    ),
    "applications:document": Guard("application_document", ("GET",), owner_or_board_reviewer),
    # Provisional stages: the holder asks for their own certificate's extension (an empty
    # reason changes nothing: 400); board reviewers decide requests and convert certificates
    # (a decline without a reason changes nothing: 400).
    "certificates:extension_request": Guard(
        "provisional_certificate", ("GET", "POST"), owner, {"reason": ""}
    ),
    "certificates:extension_decide": Guard(
        "extension_request", ("GET", "POST"), board_reviewer, {"decision": "decline", "reason": ""}
    ),
    "certificates:provisional_convert": Guard(
        "provisional_certificate", ("GET", "POST"), board_reviewer
    ),
    "applications:letter_file": Guard("referee_letter", ("GET",), board_reviewer),
    "cohorts_outside_review": Guard(
        "outside_training", ("GET", "POST"), reviewer, {"decision": "decline", "reason": ""}
    ),
    "wagtailsnippetchoosers_cohorts_cohort:chosen": Guard("cohort", ("GET",), course_instructor),
    "wagtailsnippetchoosers_cohorts_session:chosen": Guard("session", ("GET",), course_instructor),
    "certificates_admin_detail": Guard(
        "certificate",
        ("GET", "POST"),
        nobody,
        {
            "action": "status",
            "confirmed": "yes",
            "status-to_status": "revoked",
            "status-reason": "MATRIX",
        },
    ),
    "ce_review_activity": Guard(
        "ce_activity", ("GET", "POST"), reviewer, {"decision": "approve", "reason": ""}
    ),
    "ce_review_renewal": Guard(
        "renewal", ("GET", "POST"), reviewer, {"decision": "approve", "reason": ""}
    ),
}

# Wagtail's admin media API, served through our scoped views (courses/media.py): who sees which
# upload depends on the collection and the pages linking it, which the matrix's one-object
# world cannot express; each role is checked in
# test_media_api_choosers_and_document_downloads_keep_to_ones_own_course.
CHECKED_ELSEWHERE: dict[str, str] = {
    f"wagtailadmin_api:{kind}:{view}": "scoped to uploads the user may choose (courses/media.py)"
    for kind in ("documents", "images")
    for view in ("listing", "detail", "find")
} | {
    # The URL holds the certificate's public code, which the matrix's world fills with ids; the
    # view looks the certificate up among the requester's own (holder=request.user), 404 else.
    "add_to_wallet": "the holder's own certificate only (tests/credentials/test_oid4vci.py)",
    # Signing needs issuer keys, which the matrix's world does not make; who may open it is
    # tested in tests/employers/test_transcript_credential.py.
    "employers:shared_transcript_credential": "the named employer of a transcript share only",
    # Reports are signed, and the matrix's world has no issuer keys to sign them with: the
    # download is the requesting employer's own only (tests/employers/test_reports.py).
    "employers:report_pdf": "the requesting employer's own report only",
}

# The ethics committee's cases: its members only — not other staff, not superusers outside the
# committee (the matrix assumes superusers may open everything), so tests/discipline/
# test_views.py checks every role, superuser included.
CHECKED_ELSEWHERE |= {
    "discipline:cases": "ethics committee only (tests/discipline/test_views.py)",
    "discipline:case": "ethics committee only; investigation notes never shown to anyone else "
    "(tests/discipline/test_views.py)",
}
PUBLIC |= {
    "discipline:new": "public complaint intake (rate limited); shows nothing back",
    "discipline:received": "a fixed 'thank you' page",
}

CLASSIFIED: set[str] = (
    set(PUBLIC)
    | set(SELF)
    | set(SELF_ACTIONS)
    | set(ADMIN_LISTS)
    | set(ROLE_PAGES)
    | set(GUARDED)
    | set(CHECKED_ELSEWHERE)
)
