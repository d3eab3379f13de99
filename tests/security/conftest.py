"""A small world in which every role owns something, for the authorisation tests.

Two trainees (A in course X, B in course Y), one instructor per course, a reviewer, a supervisor
per trainee, two employers and one skills evaluator per course. Every private thing carries a
marker string that must never show up in a response to anyone who is not entitled to it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from tests.conftest import build_course

ROLES = (
    "anonymous",
    "trainee_a",
    "trainee_b",
    "instructor_x",
    "instructor_y",
    "reviewer",
    "supervisor_1",
    "supervisor_2",
    "employer_1",
    "employer_2",
    "evaluator_1",
    "evaluator_2",
    "board",
    "program_admin",
)


@dataclass
class Owned:
    """One private object: what it is, who owns it, what identifies it in a URL, and the strings
    that must not leak from it."""

    kind: str
    key: str  # e.g. "attempt_a_graded"
    owner: str  # a role
    value: object  # the URL kwarg: a primary key or a token
    instance: object
    markers: tuple[str, ...]
    course: str | None = None  # "x" / "y" for course-bound objects
    supervisor: str | None = None
    employer: str | None = None  # the only employer a restricted share link opens for
    evaluator: str | None = None  # the evaluator a practical evaluation is assigned to


@dataclass
class World:
    users: dict[str, object] = field(default_factory=dict)
    objects: list[Owned] = field(default_factory=list)
    courses: dict[str, object] = field(default_factory=dict)
    pages: dict[str, list] = field(default_factory=dict)  # course -> its pages, course first
    private_root: object = None  # the folder of the "private" storage its files were put in

    def of_kind(self, kind: str) -> list[Owned]:
        return [obj for obj in self.objects if obj.kind == kind]

    def user_markers(self, role: str) -> tuple[str, ...]:
        user = self.users[role]
        return (user.email, user.last_name)

    def private_markers(self, role: str) -> tuple[str, ...]:
        """Everything private a role owns: its e-mail and each of its objects' markers."""
        found = [self.users[role].email]
        for obj in self.objects:
            # An instructor's assessments carry their trainees' markers, not the instructor's.
            if obj.owner == role and obj.kind != "assessment":
                found.extend(obj.markers)
        return tuple(dict.fromkeys(found))


@pytest.fixture
def fresh_cache(settings):
    """Rate-limit counters live in the cache: each test gets its own."""
    settings.CACHES = _fresh_caches()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    return tmp_path / "private"


def _user(role: str, first: str, last: str, groups=()):
    from tests.factories import UserFactory

    return UserFactory(
        email=f"{role.replace('_', '.')}@sec-{last.lower()}.example.org",
        first_name=first,
        last_name=last,
        groups=list(groups),
    )


def _live_training(w: World, tree, *, letter: str, tag: str, trainee, role: str) -> None:
    """A cohort of the course, closed to new trainees, taught by its instructor; a hybrid session
    running now (its video link the secret), the trainee's check-in waiting for confirmation,
    and outside training waiting for a reviewer."""
    from cohorts import services as cohort_services
    from cohorts.models import CheckIn, CohortEnrolment
    from tests.factories import TrainingDomainFactory
    from tests.factories.cohorts import make_cohort, make_session, midday_zone
    from tests.factories.continuing_education import PDF_BYTES

    cohort = make_cohort(
        course=tree.course,
        instructors=[w.users[f"instructor_{letter}"]],
        title=f"Cohort of course {letter}",
        enrolment_open=False,
        time_zone=midday_zone(),
    )
    session = make_session(
        cohort=cohort,
        start=timezone.now() - timedelta(hours=1),
        minutes=4 * 60,
        mode="hybrid",
        video_link=f"https://meet.example.org/SESSION-SECRET-{tag}",
        title=f"Session of course {letter}",
    )
    CohortEnrolment.objects.create(
        cohort=cohort, trainee=trainee, status=CohortEnrolment.Status.ENROLLED
    )
    checkin = CheckIn.objects.create(session=session, trainee=trainee)
    record = cohort_services.outside_training_submit(
        trainee=trainee,
        title=f"OUTSIDE-SECRET-{tag} course",
        provider=f"Outside provider {tag}",
        started_on=timezone.localdate() - timedelta(days=20),
        ended_on=timezone.localdate() - timedelta(days=19),
        delivery="in_person",
        hours_by_domain={TrainingDomainFactory(name="Advocacy").pk: Decimal("2")},
        certificate_data=PDF_BYTES,
        certificate_type="application/pdf",
    )
    secret = (f"SESSION-SECRET-{tag}",)
    w.objects += [
        Owned("cohort", f"cohort_{letter}", role, cohort.pk, cohort, (), course=letter),
        Owned("session", f"session_{letter}", role, session.pk, session, secret, course=letter),
        Owned("checkin", f"checkin_{tag.lower()}", role, checkin.pk, checkin, (), course=letter),
        Owned(
            "outside_training",
            f"outside_{tag.lower()}",
            role,
            record.pk,
            record,
            (f"OUTSIDE-SECRET-{tag}",),
        ),
    ]


def _applications(w: World) -> None:
    """Each trainee's submitted application for a version that requires one: a document, a
    referee whose uploaded letter is in, and one still waiting."""
    from django.core.files.base import ContentFile

    from applications.models import Application, ApplicationDocument, Referee
    from tests.factories.applications import ApplicationPolicyFactory

    policy = ApplicationPolicyFactory()
    for role in ("trainee_a", "trainee_b"):
        tag = role[-1].upper()
        application = Application.objects.create(
            applicant=w.users[role],
            version=policy.version,
            status=Application.Status.AWAITING_REFEREES,
            submitted_at=timezone.now(),
        )
        document = ApplicationDocument(
            application=application, kind="identity", content_type="application/pdf", size=9
        )
        document.file.save("upload", ContentFile(b"%PDF-1.4\n"), save=True)
        letter = Referee(
            application=application,
            name=f"REFEREE-NAME-{tag}",
            email=f"referee.{tag.lower()}@example.org",
            is_supervisor=True,
            received_at=timezone.now(),
            content_type="application/pdf",
        )
        letter.letter_file.save("upload", ContentFile(b"%PDF-1.4\nLETTER"), save=True)
        Referee.objects.create(
            application=application, name=f"WAITING-REFEREE-{tag}", email="w@example.org"
        )
        w.objects += [
            Owned(
                "application",
                f"application_{role}",
                role,
                application.pk,
                application,
                (f"REFEREE-NAME-{tag}", f"WAITING-REFEREE-{tag}"),
            ),
            Owned("application_document", f"document_{role}", role, document.pk, document, ()),
            Owned("referee_letter", f"letter_{role}", role, letter.pk, letter, ()),
        ]


def _provisional(w: World) -> None:
    """Each trainee's provisional certificate (a Texas-like version: 6 months, one extension)
    with an extension request waiting for the board, its reason private."""
    from certificates.models import ProvisionalExtensionRequest
    from tests.factories.certificates import CertificateFactory, ProgramVersionFactory

    version = ProgramVersionFactory(
        provisional_validity_months=6, provisional_extensions_allowed=1, validity_months=24
    )
    for role in ("trainee_a", "trainee_b"):
        tag = role[-1].upper()
        trainee = w.users[role]
        certificate = CertificateFactory(
            holder=trainee,
            holder_name=trainee.get_full_name(),
            version=version,
            stage="provisional",
            serial=f"PRS-PRV-{tag}0000001",
            expires_on=timezone.localdate() + timedelta(days=60),
        )
        request = ProvisionalExtensionRequest.objects.create(
            certificate=certificate, holder_reason=f"EXTENSION-SECRET-{tag}"
        )
        w.objects += [
            Owned(
                "provisional_certificate",
                f"provisional_{role}",
                role,
                certificate.pk,
                certificate,
                (),
            ),
            Owned(
                "extension_request",
                f"extension_{role}",
                role,
                request.pk,
                request,
                (f"EXTENSION-SECRET-{tag}",),
            ),
        ]


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, tmp_path_factory) -> World:
    """The world, built once per test module (and test process) instead of once per test: about
    a second and a half of factories and services each time, 18 times in the matrix alone.

    It is built inside a transaction that stays open while the module runs. Each test's own
    transaction (pytest-django's, as in a TestCase) is then a savepoint inside it, so whatever a
    test changes is rolled back to this world before the next test; the outer transaction is
    rolled back when the module is done. Its pages and questions are indexed and logged as an
    editor's saves are (tests/factories/pages.py): the searches, usage and history views must
    have another course's content to hide. The private files it uploads (proofs, letters) stay
    in a folder of the module's; Django's cache is the module's own while it is built and each
    test's own afterwards (`world`).

    Defined here and not in a test module, so pytest-xdist may still spread a module's tests
    over its processes (tests/conftest.py keeps modules with module state of their own
    together): each process builds the world once for the tests it is given."""
    from django.conf import settings
    from django.db import transaction
    from django.test.utils import override_settings

    from tests.demo_snapshot import clear_caches
    from tests.factories.pages import as_editor_saves

    private = tmp_path_factory.mktemp("security-private")
    outer = transaction.atomic()
    # As a TestCase's own: durable blocks in the services may run inside it.
    outer._from_testcase = True
    entered = False
    try:
        with (
            django_db_blocker.unblock(),
            override_settings(
                CACHES=_fresh_caches(),
                STORAGES=_with_private_storage(settings.STORAGES, private),
            ),
        ):
            outer.__enter__()
            entered = True
            with as_editor_saves():
                built = build_world(_course_index())
        built.private_root = private
        yield built
    finally:
        if entered:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)
        clear_caches()


@pytest.fixture
def world(module_world, db, settings) -> World:
    """The module's world for one test: its rows as built (the test's changes are rolled back
    after it), its own lists to add to, its users read afresh (a user instance caches its
    permissions), its private files' folder, and a cache of its own (rate-limit counters, and
    nothing remembering another test's answers)."""
    from accounts.models import User
    from tests.demo_snapshot import clear_caches

    settings.CACHES = _fresh_caches()
    settings.STORAGES = _with_private_storage(settings.STORAGES, module_world.private_root)
    clear_caches()
    users = User.objects.in_bulk([user.pk for user in module_world.users.values()])
    return World(
        users={role: users[user.pk] for role, user in module_world.users.items()},
        objects=list(module_world.objects),
        courses=dict(module_world.courses),
        pages={letter: list(pages) for letter, pages in module_world.pages.items()},
        private_root=module_world.private_root,
    )


def _fresh_caches() -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"security-{uuid.uuid4()}",
        }
    }


def _with_private_storage(storages: dict, location) -> dict:
    return {
        **storages,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }


def _course_index():
    """tests/conftest.py's `home` and `course_index` fixtures, which are per test."""

    from tests.factories import CourseIndexPageFactory
    from tests.module_data import home_page

    return CourseIndexPageFactory(parent=home_page())


def build_world(course_index) -> World:
    from assessments import services as assessment_services
    from assessments.models import AttemptQuestion
    from continuing_education.services import ce_activity_submit
    from courses.permissions import (
        EMPLOYERS_GROUP,
        SUPERVISORS_GROUP,
        ensure_role_groups,
    )
    from courses.services import course_add_instructor
    from employers.services import api_keys as employer_api_keys
    from employers.services import roster as employer_roster
    from employers.services import share_links as employer_share_links
    from employers.services import webhooks as employer_webhooks
    from evaluations.models import CourseEvaluator, Evaluation
    from evaluations.services import evaluation_schedule
    from tests.assessments.conftest import make_assessment
    from tests.factories import (
        AccommodationFactory,
        EnrollmentFactory,
        QuestionCategoryFactory,
        QuestionFactory,
        TrainingDomainFactory,
    )
    from tests.factories.certificates import CertificateFactory, SupervisionEntryFactory
    from tests.factories.continuing_education import PDF_BYTES, RenewalApplicationFactory
    from tests.factories.evaluations import make_instrument

    groups = ensure_role_groups(course_index=course_index)
    supervisors, _ = Group.objects.get_or_create(name=SUPERVISORS_GROUP)
    employers, _ = Group.objects.get_or_create(name=EMPLOYERS_GROUP)
    w = World()
    w.users = {
        "trainee_a": _user("trainee_a", "Ada", "Quillfeather"),
        "trainee_b": _user("trainee_b", "Bo", "Marchbanks"),
        "instructor_x": _user("instructor_x", "Ines", "Xanthopoulos"),
        "instructor_y": _user("instructor_y", "Ivo", "Ysselmuiden"),
        "reviewer": _user("reviewer", "Rae", "Vantongeren", [groups["Reviewers"]]),
        "supervisor_1": _user("supervisor_1", "Sol", "Oyelaran", [supervisors]),
        "supervisor_2": _user("supervisor_2", "Sam", "Pettigrew", [supervisors]),
        "employer_1": _user("employer_1", "Eli", "Fairweather", [employers]),
        "employer_2": _user("employer_2", "Eve", "Gallowglass", [employers]),
        "evaluator_1": _user("evaluator_1", "Ona", "Wexley", [groups[roles.EVALUATORS]]),
        "evaluator_2": _user("evaluator_2", "Otto", "Brannagh", [groups[roles.EVALUATORS]]),
        # Decides applications for certification (applications/).
        "board": _user("board", "Bea", "Okonkwo-Lindqvist", [groups[roles.BOARD_REVIEWERS]]),
        # Reads the outcome dashboards: aggregates only, nobody's records.
        "program_admin": _user(
            "program_admin", "Pia", "Hollingworth", [groups[roles.PROGRAM_ADMINISTRATORS]]
        ),
    }
    from tests.factories import UserFactory

    # Named, not left to Faker: a name is a marker that must not show where it should not, and
    # a drawn one could be a word the pages hold anyway (a superuser drawn "Lang" was "shown"
    # by the outcomes dashboard's "Language" column).
    w.users["superuser"] = UserFactory(
        email="root@sec-admin.example.org",
        first_name="Rosalind",
        last_name="Thistlewood",
        is_superuser=True,
        is_staff=True,
    )
    domain = TrainingDomainFactory(name="Ethical Responsibility")
    today = timezone.localdate()

    for letter, trainee_role, instructor_role, supervisor_role, evaluator_role in (
        ("x", "trainee_a", "instructor_x", "supervisor_1", "evaluator_1"),
        ("y", "trainee_b", "instructor_y", "supervisor_2", "evaluator_2"),
    ):
        tag = trainee_role[-1].upper()  # "A" / "B"
        tree = build_course(
            course_index,
            modules=1,
            lessons=1,
            title=f"Course {letter.upper()}",
            slug=f"course-{letter}",
        )
        w.courses[letter] = tree.course
        course_add_instructor(course=tree.course, user=w.users[instructor_role])
        trainee = w.users[trainee_role]
        EnrollmentFactory(trainee=trainee, course=tree.course)
        essay_quiz, _ = make_assessment(
            tree.modules[0], types=["single", "essay"], title=f"Essay quiz {letter.upper()}"
        )
        single_quiz, _ = make_assessment(
            tree.modules[0], types=["single"], title=f"Single quiz {letter.upper()}"
        )
        w.pages[letter] = [tree.course, tree.modules[0], tree.lessons[0][0], essay_quiz]

        # A graded-by-hand attempt waiting in the grading queue, and one in progress.
        graded = assessment_services.attempt_start(trainee=trainee, assessment=essay_quiz)
        essay = AttemptQuestion.objects.get(attempt=graded, qtype="essay")
        essay_answer = f"ESSAY-SECRET-{tag} I would call 988 with them."
        assessment_services.attempt_save(attempt=graded, answers={essay.pk: [essay_answer]})
        graded = assessment_services.attempt_submit(attempt=graded)
        in_progress = assessment_services.attempt_start(trainee=trainee, assessment=single_quiz)
        for key, attempt in (("graded", graded), ("in_progress", in_progress)):
            w.objects.append(
                Owned(
                    "attempt",
                    f"attempt_{tag.lower()}_{key}",
                    trainee_role,
                    attempt.pk,
                    attempt,
                    (essay_answer,),
                    course=letter,
                )
            )
        for quiz in (essay_quiz, single_quiz):
            # Its results name the course's trainees and show their answers.
            w.objects.append(
                Owned(
                    "assessment",
                    f"assessment_{letter}_{quiz.pk}",
                    instructor_role,
                    quiz.pk,
                    quiz,
                    (trainee.email, trainee.last_name, essay_answer),
                    course=letter,
                )
            )
        # The course's own question bank: only its instructors (and reviewers) may reach it.
        category = QuestionCategoryFactory(
            name=f"Bank of course {letter.upper()}", course=tree.course
        )
        question = QuestionFactory(
            category=category,
            key=f"bank-question-{letter}",
            text=f"QUESTION-SECRET-{letter.upper()} what comes first?",
        )
        w.objects.append(
            Owned(
                "question",
                f"question_{letter}",
                instructor_role,
                question.pk,
                question,
                (f"QUESTION-SECRET-{letter.upper()}",),
                course=letter,
            )
        )
        w.objects.append(
            Owned(
                "question_category",
                f"question_category_{letter}",
                instructor_role,
                category.pk,
                category,
                (f"Bank of course {letter.upper()}",),
                course=letter,
            )
        )
        accommodation = AccommodationFactory(
            trainee=trainee, assessment=essay_quiz, extra_minutes=17
        )
        w.objects.append(
            Owned(
                "accommodation",
                f"accommodation_{tag.lower()}",
                trainee_role,
                accommodation.pk,
                accommodation,
                (),
                course=letter,
            )
        )

        entry = SupervisionEntryFactory(
            trainee=trainee,
            supervisor=w.users[supervisor_role],
            domain=domain,
            date=today - timedelta(days=3),
        )
        w.objects.append(
            Owned(
                "supervision_entry",
                f"supervision_{tag.lower()}",
                trainee_role,
                entry.pk,
                entry,
                (),
                supervisor=supervisor_role,
            )
        )

        activity = ce_activity_submit(
            holder=trainee,
            title=f"CE-SECRET-{tag} workshop",
            provider=f"PROVIDER-SECRET-{tag}",
            date=today - timedelta(days=10),
            hours=Decimal("3"),
            delivery_mode="live_in_person",
            allocations={},
            proof_data=PDF_BYTES,
            proof_type="application/pdf",
        )
        w.objects.append(
            Owned(
                "ce_activity",
                f"ce_{tag.lower()}",
                trainee_role,
                activity.pk,
                activity,
                (f"CE-SECRET-{tag}", f"PROVIDER-SECRET-{tag}"),
            )
        )

        certificate = CertificateFactory(
            holder=trainee, holder_name=trainee.get_full_name(), serial=f"PRS-SEC-{tag}0000001"
        )
        w.objects.append(
            Owned(
                "certificate",
                f"certificate_{tag.lower()}",
                trainee_role,
                certificate.pk,
                certificate,
                (),
            )
        )
        # A practical evaluation scheduled by video with the course's evaluator.
        CourseEvaluator.objects.create(evaluator=w.users[evaluator_role], course=tree.course)
        instrument = make_instrument(course=tree.course, skill=f"Skill of course {letter}")
        evaluation = Evaluation.objects.create(
            trainee=trainee,
            instrument=instrument,
            revision_id=instrument.live_revision_id,
            requested_at=timezone.now() - timedelta(days=2),
        )
        evaluation_schedule(
            evaluator=w.users[evaluator_role],
            evaluation_id=evaluation.pk,
            mode=Evaluation.Mode.VIDEO,
            scheduled_for=timezone.now() + timedelta(days=1),
            video_link=f"https://meet.example.org/VIDEO-SECRET-{tag}",
        )
        evaluation.refresh_from_db()
        w.objects.append(
            Owned(
                "evaluation",
                f"evaluation_{tag.lower()}",
                trainee_role,
                evaluation.pk,
                evaluation,
                (f"VIDEO-SECRET-{tag}",),
                course=letter,
                evaluator=evaluator_role,
            )
        )

        _live_training(w, tree, letter=letter, tag=tag, trainee=trainee, role=trainee_role)

        renewal = RenewalApplicationFactory(certificate=certificate, reason=f"RENEWAL-SECRET-{tag}")
        w.objects.append(
            Owned(
                "renewal",
                f"renewal_{tag.lower()}",
                trainee_role,
                renewal.pk,
                renewal,
                (f"RENEWAL-SECRET-{tag}",),
            )
        )

    for employer_role, trainee_role in (("employer_1", "trainee_a"), ("employer_2", "trainee_b")):
        tag = employer_role[-1]
        employer = w.users[employer_role]
        certificate = next(o.instance for o in w.of_kind("certificate") if o.owner == trainee_role)
        entry = employer_roster.roster_add(
            employer=employer, code=certificate.code, label=f"ROSTER-SECRET-E{tag}"
        )
        w.objects.append(
            Owned(
                "roster_entry",
                f"roster_e{tag}",
                employer_role,
                entry.pk,
                entry,
                (f"ROSTER-SECRET-E{tag}",),
            )
        )
        key, _secret = employer_api_keys.api_key_create(
            employer=employer, name=f"KEY-SECRET-E{tag}"
        )
        w.objects.append(
            Owned(
                "api_key",
                f"api_key_e{tag}",
                employer_role,
                key.pk,
                key,
                (f"KEY-SECRET-E{tag}", key.prefix),
            )
        )
        # A webhook endpoint and one delivery in its log (employers/webhook_views.py).
        endpoint = employer_webhooks.endpoint_create(
            employer=employer,
            url=f"https://hooks.example.org/HOOK-URL-E{tag}",
            description=f"HOOK-SECRET-E{tag}",
        )
        w.objects.append(
            Owned(
                "webhook_endpoint",
                f"webhook_endpoint_e{tag}",
                employer_role,
                endpoint.pk,
                endpoint,
                (f"HOOK-SECRET-E{tag}", f"HOOK-URL-E{tag}", endpoint.secret),
            )
        )
        delivery = endpoint.deliveries.create(
            message_id=f"msg_HOOKMSG{tag}",
            event_type="certificate.revoked",
            event_key=f"matrix-{tag}",
            certificate=certificate,
            body="{}",
            state="failed",
        )
        w.objects.append(
            Owned(
                "webhook_delivery",
                f"webhook_delivery_e{tag}",
                employer_role,
                delivery.pk,
                delivery,
                (f"msg_HOOKMSG{tag}",),
            )
        )
        trainee = w.users[trainee_role]
        link, token = employer_share_links.share_link_create(
            holder=trainee,
            label=f"SHARE-SECRET-{trainee_role[-1].upper()}",
            employer_email=employer.email,
            include_transcript=trainee_role == "trainee_a",
        )  # B's shares the record only
        w.objects.append(
            Owned(
                "share_link",
                f"share_{trainee_role}",
                trainee_role,
                link.pk,
                link,
                (f"SHARE-SECRET-{trainee_role[-1].upper()}",),
            )
        )
        # The same link by its token: what the holder sends to that one employer.
        w.objects.append(
            Owned(
                "share_token",
                f"share_token_{trainee_role}",
                trainee_role,
                token,
                link,
                (),
                employer=employer_role,
            )
        )
    _applications(w)
    _provisional(w)
    return w
