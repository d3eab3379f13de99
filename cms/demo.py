"""Demo data, built step by step by each app; `seed_demo` runs them in order."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from modelsearch.backends import get_search_backends
from wagtail.models import Locale, Page, Site

from accounts.models import User
from applications.demo import seed_applications
from assessments.demo import seed_assessments
from assessments.models import AssessmentPage, Attempt, Question
from certificates.demo import seed_board_demo, seed_certification, seed_reciprocity_demo
from certificates.models import Certificate, ProgramVersion, SupervisionEntry
from cohorts.demo import seed_cohorts
from cohorts.models import Cohort, Session
from continuing_education.demo import seed_ce
from continuing_education.models import CEActivity, RenewalApplication
from courses.demo import SPANISH, seed_curriculum, seed_spanish_curriculum, translate_page
from courses.demo_people import seed_course_people
from courses.models import CoursePage, LessonPage, ModulePage
from discipline.demo import seed_discipline
from employers.demo import seed_employer, seed_integrations
from employers.models import RosterEntry, ShareLink
from evaluations.demo import seed_evaluations
from evaluations.models import Evaluation, Instrument
from outcomes.demo import seed_outcomes

from .models import HomePage

DEMO_ACCOUNTS = [
    # email, first, last, role description
    ("trainee@example.org", "Jordan", "Rivera", "trainee, enrolled, part-way through the course"),
    ("certified@example.org", "Sam", "Okafor", "trainee who holds an issued, valid certificate"),
    (
        "instructor@example.org",
        "Morgan",
        "Lee",
        "instructor (authors modules and questions, grades essays)",
    ),
    (
        "reviewer@example.org",
        "Avery",
        "Chen",
        "reviewer (approves content, CE submissions, renewals)",
    ),
    ("employer@example.org", "Casey", "Nguyen", "employer (bulk verification, roster)"),
    ("admin@example.org", "Robin", "Patel", "superuser"),
    ("supervisor@example.org", "Taylor", "Brooks", "supervisor (signs off supervised hours)"),
    ("evaluator@example.org", "Dana", "Whitfield", "skills evaluator (practical evaluations)"),
    (
        "evaluator2@example.org",
        "Priya",
        "Raman",
        "second skills evaluator (scores evaluations evaluator@ second-rates)",
    ),
    (
        "programs@example.org",
        "Jamie",
        "Alvarez",
        "program administrator (outcome dashboards, funder reports)",
    ),
    (
        "board@example.org",
        "Harper",
        "Quinn",
        "board reviewer (applications, appeals, provisional stages)",
    ),
    ("ethics@example.org", "Noor", "Haddad", "ethics committee (complaints, sanctions)"),
]


HOME_TEXT = {
    "en": (
        "Training and certification for peer recovery specialists",
        "<p>Learn the skills of peer support, pass your assessments, log supervised "
        "practice and earn a certificate employers can check in seconds.</p>",
    ),
    SPANISH: (
        "Formación y certificación para especialistas en recuperación entre pares",
        "<p>Aprenda las habilidades del apoyo entre pares, apruebe sus pruebas, registre su "
        "práctica supervisada y obtenga un certificado que los empleadores pueden comprobar "
        "en segundos.</p>",
    ),
}


def seed_site() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        heading, text = HOME_TEXT["en"]
        home = HomePage(title="PeerCert", slug="peercert", hero_heading=heading, hero_text=text)
        root.add_child(instance=home)
        home.save_revision().publish()
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="PeerCert",
        )
        return home
    old_root = site.root_page if site.root_page_id != home.pk else None
    # Where the demo is served (SITE_URL, from PORT in `make demo`): Wagtail builds the links
    # in its workflow e-mails and its "view live" buttons from the site's hostname and port.
    site.hostname, site.port, site.root_page, site.site_name = hostname, port, home, "PeerCert"
    site.save()
    if old_root is not None and not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
        old_root.delete()  # Wagtail's "Welcome" page from the initial migration
    return home


def site_address() -> tuple[str, int]:
    """The hostname and port of SITE_URL (the default port of its scheme when it names none)."""
    url = urlsplit(settings.SITE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def seed_accounts(*, password: str) -> dict[str, User]:
    users = {}
    for email, first, last, _role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=first, last_name=last)
        user.set_password(password)
        if email == "admin@example.org":
            user.is_staff = True
            user.is_superuser = True
        user.save()
        users[email] = user
    return users


def seed_spanish_site(*, home: HomePage) -> HomePage:
    """The Spanish home page: a translation of the English one (Wagtail serves it at /es/)."""
    heading, text = HOME_TEXT[SPANISH]
    spanish = Locale.objects.get(language_code=SPANISH)
    home_es, _created = translate_page(home, spanish, hero_heading=heading, hero_text=text)
    return home_es


class _DeferredTask:
    """Stands in for an indexing task while seeding: remembers what it was asked to index,
    once per object, and leaves the work to `indexing_at_the_end`."""

    def __init__(self, task, pending: dict):
        self.task, self.pending = task, pending

    def enqueue(self, *args, **kwargs):
        self.pending.setdefault((self.task, args, tuple(sorted(kwargs.items()))), None)


@contextmanager
def indexing_at_the_end() -> Iterator[None]:
    """Wagtail's reference index and the search index, brought up to date once per object
    when seeding is done rather than after every save: seeding saves most objects several times
    (created, revision saved, published, translated), and each save re-indexed the object. The
    reference index tasks run as the signal handlers would have run them, in the order of the
    first save; the search index gets each model's objects in one batch (_search_index_in_bulk).
    Both read the objects as seeding left them (so an object changed later by a queryset update,
    which sends no signal, is indexed as it ends up). Deletions are still handled at once."""
    import modelsearch.signal_handlers as search_signals
    import wagtail.signal_handlers as wagtail_signals

    pending: dict = {}
    swapped = [
        (search_signals, "insert_or_update_object_task"),
        (wagtail_signals, "update_reference_index_task"),
    ]
    originals = [getattr(module, name) for module, name in swapped]
    for (module, name), task in zip(swapped, originals, strict=True):
        setattr(module, name, _DeferredTask(task, pending))
    try:
        yield
    finally:
        for (module, name), task in zip(swapped, originals, strict=True):
            setattr(module, name, task)
    search_task, _reference_task = originals
    searched: dict[tuple[str, str], list[str]] = {}
    for task, args, kwargs in pending:
        if task is search_task and not kwargs:
            app_label, model_name, pk = args
            searched.setdefault((app_label, model_name), []).append(pk)
        else:
            task.enqueue(*args, **dict(kwargs))
    _search_index_in_bulk(searched)


def _search_index_in_bulk(pks_by_model: dict[tuple[str, str], list[str]]) -> None:
    """What modelsearch's insert_or_update_object_task does for one object, for all of a
    model's at once: each object's indexed instance (a page's specific one), if it is among its
    class's indexed objects, added to every auto-updated backend with one add_bulk per class, as
    `update_index` adds them. Object by object the index's title norms were recomputed after
    every one of the 442 objects seeding indexes (5.8 s of a profiled seeding; now once a class)."""
    for (app_label, model_name), pks in pks_by_model.items():
        model = apps.get_model(app_label, model_name)
        by_class: dict[type, list] = {}
        for obj in model.objects.filter(pk__in=pks):
            indexed = obj.get_indexed_instance()
            if indexed is not None:
                by_class.setdefault(type(indexed), []).append(indexed)
        for cls, objects in by_class.items():
            kept = set(
                cls.get_indexed_objects()
                .filter(pk__in=[obj.pk for obj in objects])
                .values_list("pk", flat=True)
            )
            objects = [obj for obj in objects if obj.pk in kept]
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(cls, objects)


@contextmanager
def one_hash_per_password() -> Iterator[None]:
    """Every demo account gets the same printed password: hashed once (the hashers are slow on
    purpose, a quarter of a second or more each) and the hash given to every account."""
    import django.contrib.auth.base_user as base_user

    make_password = base_user.make_password
    hashes: dict = {}

    def make_password_once(password, *args, **kwargs):
        if args or kwargs or not isinstance(password, str):
            return make_password(password, *args, **kwargs)
        if password not in hashes:
            hashes[password] = make_password(password)
        return hashes[password]

    base_user.make_password = make_password_once
    try:
        yield
    finally:
        base_user.make_password = make_password


def seed_all(*, password: str) -> list[str]:
    with indexing_at_the_end(), one_hash_per_password():
        return _seed_all(password=password)


def _seed_all(*, password: str) -> list[str]:
    home = seed_site()
    course = seed_curriculum(home=home)
    # The Spanish tree: home, course index, course and every module translated so far.
    seed_spanish_site(home=home)
    spanish_lines = seed_spanish_curriculum(course=course)
    users = seed_accounts(password=password)
    seed_course_people(course=course, users=users)
    seed_assessments(course=course, users=users)
    # Before certification: the program version asks for a practical evaluation, and the
    # certified trainee's pass must be there before their certificate.
    seed_evaluations(course=course, users=users)
    extra_lines = seed_certification(course=course, users=users)
    extra_lines += seed_ce(users=users, password=password)
    extra_lines += seed_employer(users=users)
    extra_lines += seed_integrations(users=users)  # billing rules, a webhook, a report
    # Last: the live hours of certified@ and renewal@ (made by seed_ce) and trainee@'s cohort.
    seed_cohorts(course=course, users=users)
    # A state board that decides applications: one application in each state.
    extra_lines += seed_applications(users=users, password=password)
    seed_outcomes(users=users)
    # Board operations: supervisors on file, a provisional certificate, the ethics committee.
    extra_lines += seed_board_demo(course=course, users=users, password=password)
    extra_lines += seed_reciprocity_demo(course=course, users=users, password=password)
    extra_lines += seed_discipline(users=users)
    extra_lines += spanish_lines
    # One summary line per kind, then the site and every login together (renewal@ comes from
    # the CE demo), then the links worth opening.
    logins = [f"Demo login: {email} / {password} — {role}" for email, _f, _l, role in DEMO_ACCOUNTS]
    logins += [line for line in extra_lines if line.startswith(LOGIN_PREFIX)]
    links = [line for line in extra_lines if not line.startswith(LOGIN_PREFIX)]
    return [*summary(), f"Site: {settings.SITE_URL}/", *logins, *links]


LOGIN_PREFIX = "Demo login: "


def summary() -> list[str]:
    """What the demo holds, one line per kind (counts of the whole database: a second run
    shows the same)."""
    count = _count_phrase
    english, spanish = Locale.get_default(), Locale.objects.filter(language_code=SPANISH).first()
    return [
        "Curriculum: "
        + ", ".join(
            [
                count(CoursePage.objects.filter(locale=english).count(), "course"),
                count(ModulePage.objects.filter(locale=english).count(), "module"),
                count(LessonPage.objects.filter(locale=english).count(), "lesson"),
            ]
        )
        + "; in Spanish: "
        + ", ".join(
            [
                count(ModulePage.objects.filter(locale=spanish).count(), "module"),
                count(LessonPage.objects.filter(locale=spanish).count(), "lesson"),
            ]
        ),
        "Assessments: "
        + ", ".join(
            [
                count(
                    AssessmentPage.objects.filter(locale=english).count(),
                    "quiz or exam",
                    "quizzes and exams",
                ),
                count(Question.objects.count(), "question"),
                count(Attempt.objects.count(), "attempt"),
            ]
        )
        + "; in Spanish: "
        + count(
            AssessmentPage.objects.filter(locale=spanish).count(),
            "quiz or exam",
            "quizzes and exams",
        ),
        "Practical evaluations: "
        + ", ".join(
            [
                count(Instrument.objects.count(), "instrument"),
                count(Evaluation.objects.count(), "evaluation"),
            ]
        ),
        "Certification: "
        + ", ".join(
            [
                count(ProgramVersion.objects.count(), "program version"),
                count(
                    Certificate.objects.issued().count(),
                    "certificate issued",
                    "certificates issued",
                ),
                count(
                    SupervisionEntry.objects.count(),
                    "supervised-hours entry",
                    "supervised-hours entries",
                ),
            ]
        ),
        "Continuing education: "
        + ", ".join(
            [
                count(CEActivity.objects.count(), "CE record"),
                count(RenewalApplication.objects.count(), "renewal application"),
            ]
        ),
        "Live sessions: "
        + ", ".join(
            [
                count(Cohort.objects.count(), "cohort"),
                count(Session.objects.count(), "session"),
            ]
        ),
        "Employers: "
        + ", ".join(
            [
                count(RosterEntry.objects.count(), "roster entry", "roster entries"),
                count(ShareLink.objects.count(), "share link"),
            ]
        ),
    ]


def _count_phrase(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
