"""Every role against every object that belongs to someone else, on every route that names one.

The routes come from the URL configuration (tests/security/routes.py); a route nobody has
classified fails test_every_route_is_classified. For each guarded route, each object of its kind
and each role not entitled to that object, every method is tried (POSTs with a plausible body)
and must be refused — 403 or 404, a redirect to sign in for anonymous visitors, and in the
Wagtail admin its own refusals (a redirect to the admin's sign-in or home page) — without the
owner's e-mail, name or any of the object's text in the response, and without changing anything.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import pytest
from django.db.models import QuerySet
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from tests.factories.pages import as_editor_saves
from tests.security.conftest import ROLES
from tests.security.routes import (
    ADMIN_LISTS,
    CLASSIFIED,
    GUARDED,
    PUBLIC,
    ROLE_PAGES,
    SELF,
    SELF_ACTIONS,
    routes_to_classify,
    walk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_and_questions_indexed():
    """Factory-made pages and questions are indexed and logged as an editor's saves are
    (tests/factories/pages.py): the searches, usage and history views here must have another
    course's content to hide, or their "shows nothing of it" would pass on an empty index."""
    with as_editor_saves():
        yield


# --- the inventory -------------------------------------------------------------------------------


def test_every_route_is_classified():
    unclassified = sorted(r.key for r in routes_to_classify() if r.key not in CLASSIFIED)
    assert not unclassified, (
        "Routes the authorisation matrix does not know. Add each to tests/security/routes.py: "
        "PUBLIC (with the reason anyone may open it), SELF, SELF_ACTIONS, ADMIN_LISTS, or "
        f"GUARDED (the object in its URL and who may use it): {unclassified}"
    )


def test_the_classification_names_only_routes_that_exist():
    existing = {r.key for r in walk()}
    assert not sorted(CLASSIFIED - existing)


def test_each_route_is_classified_once():
    groups = [
        set(PUBLIC),
        set(SELF),
        set(SELF_ACTIONS),
        set(ADMIN_LISTS),
        set(ROLE_PAGES),
        set(GUARDED),
    ]
    for i, first in enumerate(groups):
        for second in groups[i + 1 :]:
            assert not first & second


def test_a_route_with_an_object_in_its_url_is_guarded_or_explained():
    """SELF and ADMIN_LISTS are for URLs without ids; anything with one must say whose it is."""
    by_key = {r.key: r for r in routes_to_classify()}
    for key in list(SELF) + list(ADMIN_LISTS) + list(ROLE_PAGES):
        assert not by_key[key].kwargs, f"{key} takes {by_key[key].kwargs}: classify it as GUARDED"
    for key in GUARDED:
        assert by_key[key].kwargs, f"{key} has no object in its URL"


# --- helpers -----------------------------------------------------------------------------------


class _SignedInClients(dict):
    """A client per role, signed in when the role is first asked for: most tests here use a few
    of the fifteen, and each sign-in writes a session and the user's last login."""

    def __init__(self, world):
        super().__init__(anonymous=Client())
        self.users = world.users

    def __missing__(self, role: str) -> Client:
        client = Client()
        client.force_login(self.users[role])
        self[role] = client
        return client


def clients_for(world) -> dict[str, Client]:
    return _SignedInClients(world)


def body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", "replace")


@functools.cache
def _kwargs_by_route() -> dict[str, tuple[str, ...]]:
    """Each route's URL keywords, read off the URL configuration once per process: walking all
    of it for every guarded route (60 of them) took about a second of each process's time."""
    found: dict[str, tuple[str, ...]] = {}
    for route in walk():
        found.setdefault(route.key, route.kwargs)  # the first, as next(...) picked it
    return found


def _only_kwarg(name: str) -> str:
    """The one keyword of a guarded route's URL."""
    [kwarg] = _kwargs_by_route()[name]
    return kwarg


def url_for(name: str, obj) -> str:
    return reverse(name, kwargs={_only_kwarg(name): obj.value})


LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
ADMIN_PREFIXES = (
    "assessments_admin:",
    "certificates_admin",
    "ce_review",
    "cohorts_outside",
    "wagtailsnippetchoosers",
)


def refusal_problem(response, *, role: str, admin: bool) -> str | None:
    """None when the response is a refusal, else what is wrong with it."""
    status = response.status_code
    if status in (403, 404):
        return None
    if status == 302:
        location = urlsplit(response["Location"]).path
        if location in LOGIN_PATHS and (role == "anonymous" or admin):
            return None  # sign in first / the admin is not for you
        if admin and location == reverse("wagtailadmin_home"):
            return None  # Wagtail's "you do not have permission" redirect
        return f"redirects to {response['Location']}"
    return f"status {status}"


def no_store_problem(response, *, role: str) -> str | None:
    """None when the response may not be stored by a cache (or is to an anonymous visitor),
    else what is wrong with it. Every response to a signed-in person must be no-store
    (test_private_responses.py): the tests here check it on the responses they get anyway, and
    that test sends only the requests none of them sends (`no_store_checked_here`)."""
    if role == "anonymous" or "no-store" in response.get("Cache-Control", ""):
        return None
    return f"{response.status_code} Cache-Control={response.get('Cache-Control')!r}"


def _plain(values: dict) -> dict:
    """Many-to-many values (a cohort's instructors) come as querysets, which never compare
    equal: compare their ids."""
    return {
        key: sorted(row.pk for row in value) if isinstance(value, QuerySet) else value
        for key, value in values.items()
    }


def snapshot(world) -> dict:
    """The stored state of every private object: nothing a refused request did may change it."""
    state = {}
    for obj in world.objects:
        model = type(obj.instance)
        row = model.objects.filter(pk=obj.instance.pk).first()
        state[obj.key] = None if row is None else _plain(model_to_dict(row))
    return state


def request(client, method: str, url: str, data: dict):
    if method == "GET":
        return client.get(url)
    return client.post(url, data)


# --- the matrix --------------------------------------------------------------------------------


# Each role is refused 141 to 176 requests in this world (trainees the fewest: they own the most).
MIN_REFUSED_PER_ROLE = 100


def refused_requests(world, role: str):
    """Every request `role` must be refused: on each guarded route, each object of its kind the
    role is not entitled to, each method (and GET variant). Yields (what it is, method, URL,
    POST body, whether the route is in the admin, the strings that must not leak)."""
    for name, guard in GUARDED.items():
        admin = name.startswith(ADMIN_PREFIXES)
        for obj in world.of_kind(guard.kind):
            if role in guard.entitled(obj):
                continue
            data = guard.data
            if callable(data):
                data = data(world, obj) if "POST" in guard.methods else {}
            base = url_for(name, obj)
            # What must not leak: the owner's identity and the object's own text.
            secrets = world.user_markers(obj.owner) + obj.markers
            for method in guard.methods:
                for query in guard.queries if method == "GET" else ("",):
                    where = f"{role} {method} {base}{query} ({name}, {obj.key})"
                    yield where, method, base + query, data, admin, secrets


def test_the_matrix_tries_every_guarded_route_and_every_role(world):
    """What the per-role tests below try, counted without sending it: every guarded route is
    tried by someone, every role tries something, and the matrix is as big as it should be
    (routes x objects x roles x methods)."""
    tried = {role: list(refused_requests(world, role)) for role in ROLES}
    routes = {
        where.rsplit("(", 1)[1].split(",")[0] for rows in tried.values() for where, *_ in rows
    }
    assert routes == set(GUARDED)
    assert all(tried.values()), [role for role, rows in tried.items() if not rows]
    assert sum(len(rows) for rows in tried.values()) > 500


# One test per role rather than one for all: the same requests, in pieces that pytest-xdist can
# hand to either process (the whole matrix took 20 s in one test).
@pytest.mark.parametrize("role", ROLES)
def test_no_role_can_open_or_change_what_belongs_to_someone_else(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    before = snapshot(world)
    problems: list[str] = []
    checked = 0
    for where, method, url, data, admin, secrets in refused_requests(world, role):
        response = request(client, method, url, data)
        checked += 1
        problem = refusal_problem(response, role=role, admin=admin)
        if problem:
            problems.append(f"{where}: {problem}")
        if method == "GET":
            problem = no_store_problem(response, role=role)
            if problem:
                problems.append(f"{where}: {problem}")
        text = body(response)
        problems.extend(
            f"{where}: response contains {secret!r}"
            for secret in secrets
            if secret and secret in text
        )
    print(f"authorisation matrix: {checked} refused requests checked for {role}")
    assert checked > MIN_REFUSED_PER_ROLE  # the matrix really ran for this role
    assert not problems, "\n".join(problems)
    after = snapshot(world)
    changed = [key for key in before if before[key] != after[key]]
    assert not changed, f"refused requests changed {changed}"


def entitled_requests(world, name: str):
    """The GETs of a guarded route that those entitled to its objects may open: (role, URL)."""
    guard = GUARDED[name]
    for obj in world.of_kind(guard.kind):
        for role in sorted(guard.entitled(obj) | {"superuser"}):
            if name.startswith("employers:shared") and role == "superuser":
                continue  # a restricted link opens for its one employer only, by design
            if role == "superuser" and not name.startswith(ADMIN_PREFIXES):
                continue  # superusers use the admin, not other people's trainee pages
            for query in guard.queries:
                yield role, url_for(name, obj) + query


# One test per route, for pytest-xdist to share out (27 s for all of them in one test).
@pytest.mark.parametrize(
    "name", [name for name, guard in GUARDED.items() if "GET" in guard.methods]
)
def test_those_entitled_can_open_what_they_are_entitled_to(world, name):
    """The other side of the matrix: the same URLs work for the right people, so the refusals
    above are refusals and not typos."""
    clients = {}
    problems, opened = [], 0
    for role, url in entitled_requests(world, name):
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(world.users[role])
        response = clients[role].get(url)
        opened += 1
        if response.status_code not in (200, 302) or (
            response.status_code == 302 and urlsplit(response["Location"]).path in LOGIN_PATHS
        ):
            problems.append(f"{role} GET {url} ({name}): {response.status_code}")
        problem = no_store_problem(response, role=role)
        if problem:
            problems.append(f"{role} GET {url} ({name}): {problem}")
    assert opened, f"nobody in this world may open {name}: the test checks nothing"
    assert not problems, "\n".join(problems)


def test_owners_can_still_act_on_their_own_objects(world):
    """POST-only routes, run last because they change things: the owner's request is accepted
    (a redirect or JSON, never 403/404)."""
    clients = clients_for(world)
    problems = []
    for name, guard in sorted(GUARDED.items(), key=lambda item: item[1].destroys):
        if guard.methods != ("POST",):
            continue
        for obj in world.of_kind(guard.kind):
            for role in sorted(guard.entitled(obj)):
                data = guard.data(world, obj) if callable(guard.data) else guard.data
                response = clients[role].post(url_for(name, obj), data)
                if response.status_code in (403, 404) or response.status_code >= 500:
                    problems.append(f"{role} POST {name} {obj.key}: {response.status_code}")
    assert not problems, "\n".join(problems)


# --- pages without ids: each shows only the requester's own records ----------------------------

# Who may legitimately see which other person's e-mail on their own pages.
SHOWN_ON_OWN_PAGES = {
    # A trainee typed the employer's address when restricting a share link.
    ("trainee_a", "employer_1"),
    ("trainee_b", "employer_2"),
}


# Every page without an id but those that change something when opened.
OWN_PAGES = [name for name in SELF if name not in ("logout", "employers:roster_add")]


# One test per role, for pytest-xdist to share out (43 s for all roles in one test).
@pytest.mark.parametrize("role", ROLES)
def test_own_pages_show_nobody_elses_private_records(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    problems = []
    for name in OWN_PAGES:
        response = client.get(reverse(name))
        problem = no_store_problem(response, role=role)
        if problem:
            problems.append(f"{role} GET {name}: {problem}")
        if role == "anonymous":
            problem = refusal_problem(response, role=role, admin=False)
            if problem:
                problems.append(f"anonymous GET {name}: {problem}")
            continue
        if response.status_code >= 500:
            problems.append(f"{role} GET {name}: {response.status_code}")
        text = body(response)
        for other in world.users:
            if other in (role, "superuser") or (role, other) in SHOWN_ON_OWN_PAGES:
                continue
            problems.extend(
                f"{role} GET {name}: shows {secret!r} of {other}"
                for secret in world.private_markers(other)
                if secret in text
            )
    assert not problems, "\n".join(problems)


def test_actions_on_public_content_need_a_signed_in_person(world):
    anonymous = Client()
    course = world.courses["x"]
    lesson = world.pages["x"][2]
    assessment = world.pages["x"][3]
    urls = {
        "courses:enrol": reverse("courses:enrol", args=[course.pk]),
        "courses:lesson_complete": reverse("courses:lesson_complete", args=[lesson.pk]),
        "courses:lesson_incomplete": reverse("courses:lesson_incomplete", args=[lesson.pk]),
        "assessments:start": reverse("assessments:start", args=[assessment.pk]),
        "certificates:attest": reverse("certificates:attest", args=[1]),
        "evaluations:request": reverse("evaluations:request", args=[1]),
        "applications:start": reverse("applications:start", args=[1]),
    }
    assert set(urls) == set(SELF_ACTIONS)
    for name, url in urls.items():
        response = anonymous.post(url)
        assert response.status_code == 302, name
        assert urlsplit(response["Location"]).path == reverse("login"), name


def test_starting_an_assessment_of_a_course_one_is_not_in_creates_nothing(world):
    """Trainee B cannot start course X's assessment (not enrolled): nothing is created for B."""
    from assessments.models import Attempt

    client = Client()
    client.force_login(world.users["trainee_b"])
    assessment = world.pages["x"][3]
    before = Attempt.objects.filter(trainee=world.users["trainee_b"]).count()
    client.post(reverse("assessments:start", args=[assessment.pk]))
    assert Attempt.objects.filter(trainee=world.users["trainee_b"]).count() == before


# --- our admin lists -----------------------------------------------------------------------------


# One test per role, for pytest-xdist to share out.
@pytest.mark.parametrize("role", ROLES)
def test_admin_lists_open_only_for_their_roles_and_show_only_their_courses(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    problems = []
    for name, allowed in ADMIN_LISTS.items():
        response = client.get(reverse(name))
        problem = no_store_problem(response, role=role)
        if problem:
            problems.append(f"{role} GET {name}: {problem}")
        text = body(response)
        if role in allowed:
            if response.status_code != 200:
                problems.append(f"{role} GET {name}: {response.status_code}")
        else:
            problem = refusal_problem(response, role=role, admin=True)
            if problem:
                problems.append(f"{role} GET {name}: {problem}")
        # An instructor sees the trainees and the question bank of their own course only.
        hidden = {"instructor_x": "trainee_b", "instructor_y": "trainee_a"}.get(role)
        if hidden:
            other_bank = tuple(
                marker
                for obj in world.of_kind("question")
                if f"instructor_{obj.course}" != role
                for marker in obj.markers
            )
            problems.extend(
                f"{role} GET {name}: shows {secret!r}"
                for secret in world.private_markers(hidden)
                + world.user_markers(hidden)
                + other_bank
                if secret in text
            )
    assert not problems, "\n".join(problems)


def no_store_checked_here(world, role: str) -> set[str]:
    """The URLs whose responses to `role` the tests above check for no-store as they get them:
    the entitled GETs (superusers' too), and for the roles the other tests are parametrised with
    the matrix's refused GETs, one's own pages and the admin lists."""
    urls = {
        url
        for name, guard in GUARDED.items()
        if "GET" in guard.methods
        for who, url in entitled_requests(world, name)
        if who == role
    }
    if role in ROLES and role != "anonymous":
        urls |= {
            url for _where, method, url, *_ in refused_requests(world, role) if method == "GET"
        }
        urls |= {reverse(name) for name in OWN_PAGES}
        urls |= {reverse(name) for name in ADMIN_LISTS}
    return urls


# --- Wagtail's own admin: pages and snippets of other courses -----------------------------------


def _page_admin_urls(page, module_page) -> dict[str, str]:
    """Every page-admin view that takes only this page's id, plus revisions and add-child."""
    urls = {}
    for route in walk():
        if not route.in_admin or route.ours:
            continue
        if route.kwargs in (("page_id",), ("parent_page_id",)):
            urls[route.key] = reverse(route.key, kwargs={route.kwargs[0]: page.pk})
    revision = page.get_latest_revision() or page.save_revision()
    for name in ("wagtailadmin_pages:revisions_view", "wagtailadmin_pages:revisions_revert"):
        urls[name] = reverse(name, args=[page.pk, revision.pk])
    urls["wagtailadmin_pages:add"] = reverse(
        "wagtailadmin_pages:add", args=["courses", "lessonpage", module_page.pk]
    )
    return urls


# Page-admin views Wagtail opens to any admin user, whatever the page. It shows no draft's
# content: the workflow-cancellation modal says only whether publishing would cancel a workflow,
# and its name. That is Wagtail's design, not ours. (The page chooser is narrowed to one's own
# courses by courses/wagtail_hooks.py, so it is checked like the rest.)
OPEN_TO_ANY_ADMIN_USER = {"wagtailadmin_pages:confirm_workflow_cancellation"}


def admin_refusal_problem(client, response, url: str, foreign_ids: set[int]) -> str | None:
    """A refusal, a 405 (the method is not served at all), or a redirect that ends on a page
    about none of the foreign pages (Wagtail's explorer sends you back to your own course).
    `response` is the answer to `url`; redirects are followed with `client`."""
    for _hop in range(3):
        if response.status_code == 405:
            return None
        if response.status_code != 302:
            break
        if refusal_problem(response, role="instructor", admin=True) is None:
            return None
        target = urlsplit(response["Location"]).path
        if not target.startswith("/admin/"):
            return f"redirects to {target}"
        url = target
        response = client.get(url)
    problem = refusal_problem(response, role="instructor", admin=True)
    if problem is None:
        return None
    if response.status_code == 200 and not any(f"/{pk}/" in url for pk in foreign_ids):
        return None  # landed on a page of one's own
    return f"{problem} at {url}"


# One test per page of course Y (world.pages: course, module, lesson, quiz), so that the pieces
# can go to either pytest-xdist process.
@pytest.mark.parametrize("index", range(4), ids=["course", "module", "lesson", "quiz"])
def test_wagtail_admin_refuses_an_instructor_the_pages_of_another_course(world, index):
    from courses.models import LessonPage

    lesson_y = LessonPage.objects.get(pk=world.pages["y"][2].pk)
    lesson_y.title = "DRAFT-TITLE-Y lesson"
    lesson_y.summary = "DRAFT-BODY-SECRET-Y"
    lesson_y.save_revision(user=world.users["instructor_y"])

    client = Client()
    client.force_login(world.users["instructor_x"])
    foreign_ids = {page.pk for page in world.pages["y"]}
    problems = []
    module_y = world.pages["y"][1]
    assert len(world.pages["y"]) == 4
    for page in world.pages["y"][index : index + 1]:
        page = page.specific
        for name, url in _page_admin_urls(page, module_y).items():
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, {})
                text = body(response)
                if "DRAFT-BODY-SECRET-Y" in text or (
                    "DRAFT-TITLE-Y" in text and name not in OPEN_TO_ANY_ADMIN_USER
                ):
                    problems.append(f"{method} {name} {url}: shows Y's draft")
                if name in OPEN_TO_ANY_ADMIN_USER:
                    continue
                # The same response: sending the request a second time to judge the refusal
                # doubled this test's time and checked nothing more.
                problem = admin_refusal_problem(client, response, url, foreign_ids)
                if problem:
                    problems.append(f"{method} {name} {url}: {problem}")
    assert not problems, "\n".join(problems)
    lesson_y.refresh_from_db()
    assert lesson_y.live and lesson_y.title != "DRAFT-TITLE-Y lesson"  # nothing published


def test_wagtail_admin_lets_an_instructor_edit_their_own_course(world):
    client = Client()
    client.force_login(world.users["instructor_x"])
    for page in world.pages["x"]:
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page


def test_accommodations_are_closed_to_all_but_their_courses_instructors(world):
    """Accommodations name a trainee and an assessment: the instructors of the assessment's
    course give them; every other role, the other course's instructor included, is refused
    every view of one (bulk delete too) and never sees the trainee's name."""
    accommodations = world.of_kind("accommodation")
    per_object = ["edit", "delete", "usage", "history", "history_results", "copy"]
    problems = []
    for role in ("instructor_x", "instructor_y", "reviewer", "trainee_a", "employer_1"):
        client = Client()
        client.force_login(world.users[role])
        foreign = [obj for obj in accommodations if f"instructor_{obj.course}" != role]
        urls = [
            reverse(f"wagtailsnippets_assessments_accommodation:{n}", args=[obj.value])
            for n in per_object
            for obj in foreign
        ]
        urls += [
            reverse("wagtail_bulk_action", args=["assessments", "accommodation", "delete"])
            + f"?id={obj.value}"
            for obj in foreign
        ]
        if not role.startswith("instructor"):
            urls += [
                reverse(f"wagtailsnippets_assessments_accommodation:{n}")
                for n in ("list", "list_results", "add")
            ]
        for url in urls:
            for method in ("GET", "POST"):
                response = client.get(url) if method == "GET" else client.post(url, {})
                if "bulk" in url and response.status_code in (200, 302):
                    # Wagtail answers with an empty confirmation, or goes back having done
                    # nothing: the names are checked below, the rows at the end.
                    problem = None
                else:
                    problem = refusal_problem(response, role=role, admin=True)
                if problem:
                    problems.append(f"{role} {method} {url}: {problem}")
                text = body(response)
                for obj in foreign:
                    problems.extend(
                        f"{role} {method} {url}: shows {secret!r}"
                        for secret in world.user_markers(obj.owner)
                        if secret in text
                    )
        if role.startswith("instructor"):
            listing = body(client.get(reverse("wagtailsnippets_assessments_accommodation:list")))
            for obj in accommodations:
                shown = world.users[obj.owner].last_name in listing
                if shown != (obj not in foreign):
                    problems.append(f"{role} list: {obj.key} shown={shown}")
    assert not problems, "\n".join(problems)
    from assessments.models import Accommodation

    assert Accommodation.objects.count() == len(accommodations)


def test_wagtail_admin_snippets_of_another_courses_bank_are_closed_to_its_instructors(world):
    """Every question and category view with an id in its URL, read off the URL configuration:
    the other course's instructor gets a refusal and never the question's text."""
    problems = []
    for obj in world.of_kind("question"):
        question = obj.instance
        revision = question.latest_revision
        targets = [
            ("wagtailsnippets_assessments_question", question.pk),
            ("wagtailsnippets_assessments_questioncategory", question.category_id),
        ]
        for role in ("instructor_x", "instructor_y"):
            if role == f"instructor_{obj.course}":
                continue
            client = Client()
            client.force_login(world.users[role])
            for namespace, pk in targets:
                for route in walk():
                    if not (route.name or "").startswith(namespace + ":"):
                        continue
                    if "pk" not in route.kwargs:
                        continue
                    # Revision views (view, revert, compare a...b) get the latest revision.
                    kwargs = {name: revision.pk for name in route.kwargs} | {"pk": pk}
                    url = reverse(route.name, kwargs=kwargs)
                    for method in ("GET", "POST"):
                        response = client.get(url) if method == "GET" else client.post(url, {})
                        problem = refusal_problem(response, role=role, admin=True)
                        if problem:
                            problems.append(f"{role} {method} {route.name}: {problem}")
                        problems.extend(
                            f"{role} {method} {route.name}: shows {secret!r}"
                            for secret in obj.markers
                            if secret in body(response)
                        )
    assert not problems, "\n".join(problems)
    assert {obj.instance.text for obj in world.of_kind("question")} == {
        type(obj.instance).objects.get(pk=obj.value).text for obj in world.of_kind("question")
    }


def test_instructors_cannot_publish_questions(world):
    """Even in their own course's bank, a changed question reaches trainees only through a
    reviewer."""
    instructor = world.users["instructor_y"]
    assert instructor.has_perm("assessments.change_question")
    assert not instructor.has_perm("assessments.publish_question")


def test_wagtail_admin_directories_and_reports_show_an_instructor_nothing_of_others(world):
    """The user directory (every e-mail address) and the group editor are closed to
    instructors and reviewers; the reports and search an instructor can open show no draft of
    another course and no trainee; Wagtail's page-types-usage report, which names the latest
    edited page of each type whatever its course, is closed to instructors."""
    from courses.models import LessonPage

    lesson_y = LessonPage.objects.get(pk=world.pages["y"][2].pk)
    lesson_y.title = "DRAFT-TITLE-Y lesson"
    lesson_y.summary = "DRAFT-BODY-SECRET-Y"
    lesson_y.save_revision(user=world.users["instructor_y"])
    trainee_markers = world.user_markers("trainee_a") + world.user_markers("trainee_b")
    problems = []
    for role in ("instructor_x", "reviewer"):
        client = Client()
        client.force_login(world.users[role])
        closed = ["wagtailusers_users:index", "wagtailusers_groups:index"]
        if role == "instructor_x":
            closed += [
                "wagtailadmin_reports:page_types_usage",
                "wagtailadmin_reports:page_types_usage_results",
            ]
            assert "page-types-usage" not in body(client.get("/admin/"))  # nor in the menu
        else:
            report = client.get(reverse("wagtailadmin_reports:page_types_usage"))
            assert report.status_code == 200, "reviewers keep the page-types-usage report"
            assert "page-types-usage" in body(client.get("/admin/"))
        for name in closed:
            problem = refusal_problem(client.get(reverse(name)), role=role, admin=True)
            if problem:
                problems.append(f"{role} GET {name}: {problem}")
        for url in (
            "/admin/",
            "/admin/reports/site-history/",
            "/admin/reports/aging-pages/",
            "/admin/pages/search/?q=DRAFT",
            "/admin/pages/search/?q=lesson",
        ):
            text = body(client.get(url))
            hidden = trainee_markers + (
                ("DRAFT-TITLE-Y", "DRAFT-BODY-SECRET-Y") if role == "instructor_x" else ()
            )
            problems.extend(
                f"{role} GET {url}: shows {secret!r}" for secret in hidden if secret in text
            )
    assert not problems, "\n".join(problems)


# --- choosers, media and bulk actions: every role against every course --------------------------
#
# Wagtail opens its choosers, its admin API and its bulk-action confirmations to any admin user
# and fetches objects by the ids in the URL: each must keep to what the role may reach.

ADMIN_ROLES = ("instructor_x", "instructor_y", "reviewer", "superuser")


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def media(world):
    """A handout and an image in each course's own collection, linked from no page: only the
    course's instructors, reviewers and superusers may see them."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from courses.models import CoursePage
    from tests.security.conftest import Owned

    for letter, course in world.courses.items():
        collection = CoursePage.objects.get(pk=course.pk).media_collection
        upper = letter.upper()
        document = get_document_model().objects.create(
            title=f"DOCUMENT-SECRET-{upper}",
            collection=collection,
            file=ContentFile(
                b"%PDF-1.4 HANDOUT-BODY-SECRET-" + upper.encode(), name=f"h{letter}.pdf"
            ),
        )
        image = get_image_model().objects.create(
            title=f"IMAGE-SECRET-{upper}",
            collection=collection,
            file=ContentFile(_png(), name=f"i{letter}.png"),
        )
        for kind, obj, markers in (
            ("document", document, (document.title, f"HANDOUT-BODY-SECRET-{upper}")),
            ("image", image, (image.title,)),
        ):
            world.objects.append(
                Owned(
                    kind, f"{kind}_{letter}", f"instructor_{letter}", obj.pk, obj, markers, letter
                )
            )
    return world


def _chooser_json(response) -> list[dict]:
    """The chosen items of a modal-workflow answer ([] when it is not one)."""
    import json

    try:
        result = json.loads(body(response)).get("result")
    except (ValueError, AttributeError):
        return []
    return result if isinstance(result, list) else [result] if result else []


def _snippet_chooser_problems(world, clients, kind: str, namespace: str, entitled) -> list[str]:
    objects = world.of_kind(kind)
    problems = []
    for role in ROLES + ("superuser",):
        client = clients[role]
        foreign = [obj for obj in objects if role != "superuser" and role not in entitled(obj)]
        own = [obj for obj in objects if obj not in foreign]
        secrets = [s for obj in foreign for s in world.user_markers(obj.owner) + obj.markers]
        if kind == "accommodation":
            # Its label names the trainee: that is the secret; the owner is the trainee.
            secrets = [s for obj in foreign for s in world.user_markers(obj.owner)]
        ids = "&".join(f"id={obj.value}" for obj in objects)
        urls = [
            reverse(f"{namespace}:choose"),
            reverse(f"{namespace}:choose_results"),
            reverse(f"{namespace}:choose_results") + "?q=e",
            reverse(f"{namespace}:chosen_multiple") + f"?{ids}",
            reverse(f"{namespace}:create"),
        ] + [reverse(f"{namespace}:chosen", args=[obj.value]) for obj in objects]
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                problems.append(f"{role} GET {url}: {response.status_code}")
            text = body(response)
            problems.extend(
                f"{role} GET {url}: shows {secret!r}" for secret in secrets if secret in text
            )
            chosen = {str(item.get("id")) for item in _chooser_json(response)}
            leaked = chosen & {str(obj.value) for obj in foreign}
            if leaked:
                problems.append(f"{role} GET {url}: returns {sorted(leaked)}")
            if "/chosen/" in url and any(f"/chosen/{obj.value}/" in url for obj in foreign):
                problem = refusal_problem(response, role=role, admin=True)
                if problem:
                    problems.append(f"{role} GET {url}: {problem}")
        if role in ("instructor_x", "instructor_y", "superuser") and own:
            # The other side: one's own rows are still there to choose.
            response = client.get(reverse(f"{namespace}:chosen_multiple") + f"?{ids}")
            chosen = {str(item.get("id")) for item in _chooser_json(response)}
            if chosen != {str(obj.value) for obj in own}:
                problems.append(f"{role} chosen-multiple: {sorted(chosen)} for own {own}")
    return problems


def test_bank_choosers_and_chosen_multiple_return_only_the_users_courses(world):
    """Finding: `chosen-multiple/?id=1&id=2` handed an instructor every course's questions (key
    and text) and categories. Every chooser view, for every role."""
    clients = clients_for(world)
    problems = _snippet_chooser_problems(
        world,
        clients,
        "question",
        "wagtailsnippetchoosers_assessments_question",
        course_instructor_or_reviewer_roles,
    ) + _snippet_chooser_problems(
        world,
        clients,
        "question_category",
        "wagtailsnippetchoosers_assessments_questioncategory",
        course_instructor_or_reviewer_roles,
    )
    assert not problems, "\n".join(problems)


def test_accommodation_chooser_shows_each_instructor_only_their_courses_trainees(world):
    """Finding: the accommodation chooser listed every trainee's accommodations, searchable by
    name, to any admin user. Only the instructors of the assessment's course see one."""
    clients = clients_for(world)
    problems = _snippet_chooser_problems(
        world,
        clients,
        "accommodation",
        "wagtailsnippetchoosers_assessments_accommodation",
        lambda obj: {f"instructor_{obj.course}"},
    )
    assert not problems, "\n".join(problems)


def course_instructor_or_reviewer_roles(obj) -> set[str]:
    return {f"instructor_{obj.course}", "reviewer"}


def test_media_api_choosers_and_document_downloads_keep_to_ones_own_course(media):
    """Finding: `/admin/api/main/documents/` and `/images/` listed other courses' uploads with
    download URLs, and `/documents/<id>/<file>` served any course's handout to any admin user."""
    world = media
    clients = clients_for(world)
    problems = []
    for kind, plural in (("document", "documents"), ("image", "images")):
        objects = world.of_kind(kind)
        chooser = "wagtaildocs_chooser" if kind == "document" else "wagtailimages_chooser"
        ids = "&".join(f"id={obj.value}" for obj in objects)
        for role in ROLES + ("superuser",):
            client = clients[role]

            def entitled(obj, role=role) -> bool:
                return role in {f"instructor_{obj.course}", "reviewer", "superuser"}

            foreign = [obj for obj in objects if not entitled(obj)]
            secrets = [s for obj in foreign for s in obj.markers]
            lists = [
                f"/admin/api/main/{plural}/",
                f"/admin/api/main/{plural}/?search=SECRET",
                reverse(f"{chooser}:choose"),
                reverse(f"{chooser}:choose_results") + "?q=SECRET",
                reverse(f"{chooser}:chosen_multiple") + f"?{ids}",
            ]
            per_object = []
            for obj in foreign:
                per_object += [
                    f"/admin/api/main/{plural}/{obj.value}/",
                    f"/admin/api/main/{plural}/find/?id={obj.value}",
                    reverse(f"{chooser}:chosen", args=[obj.value]),
                ]
                if kind == "document":
                    per_object.append(obj.instance.url)
                else:
                    per_object.append(reverse(f"{chooser}:select_format", args=[obj.value]))
            for url in lists + per_object:
                response = client.get(url)
                text = body(response)
                problems.extend(
                    f"{role} GET {url}: shows {secret!r}" for secret in secrets if secret in text
                )
                if url in per_object:
                    problem = refusal_problem(response, role=role, admin=True)
                    if problem:
                        problems.append(f"{role} GET {url}: {problem}")
            if role in ("instructor_x", "reviewer"):
                listing = body(client.get(f"/admin/api/main/{plural}/"))
                own = [obj for obj in objects if entitled(obj)]
                problems.extend(
                    f"{role} API {plural}: misses its own {obj.key}"
                    for obj in own
                    if obj.markers[0] not in listing
                )
                if kind == "document":
                    for obj in own:
                        response = client.get(obj.instance.url)
                        if response.status_code != 200:
                            problems.append(f"{role} own {obj.key}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_bulk_action_confirmations_name_only_what_the_user_may_act_on(media):
    """Finding: `/admin/bulk/wagtailcore/page/{delete,unpublish,move,publish}/?id=…` listed
    other courses' page titles, drafts included, as "you may not act on these". Every bulk
    action, every role: another course's pages, uploads and people are never named, and a
    refused confirmation changes nothing."""
    from wagtail.admin.views.bulk_action.registry import bulk_action_registry
    from wagtail.models import Page

    from courses.models import LessonPage

    world = media
    drafts = {}
    for letter, pages in world.pages.items():
        for index, page in enumerate(pages):
            specific = Page.objects.get(pk=page.pk).specific
            specific.title = f"DRAFT-TITLE-{letter.upper()}-{index}"
            specific.save_revision(user=world.users[f"instructor_{letter}"])
            drafts[page.pk] = (letter, specific.title)
    bulk_action_registry._scan_for_bulk_actions()
    clients = clients_for(world)
    problems = []
    targets = {
        ("wagtailcore", "page"): [(pk, letter, (title,)) for pk, (letter, title) in drafts.items()],
        ("wagtaildocs", "document"): [
            (obj.value, obj.course, obj.markers) for obj in world.of_kind("document")
        ],
        ("wagtailimages", "image"): [
            (obj.value, obj.course, obj.markers) for obj in world.of_kind("image")
        ],
        ("accounts", "user"): [
            (user.pk, None, (user.email, user.last_name))
            for role, user in world.users.items()
            if role != "superuser"
        ],
    }
    for (app_label, model_name), rows in targets.items():
        actions = bulk_action_registry.actions[app_label][model_name]
        ids = "&".join(f"id={pk}" for pk, _letter, _m in rows)
        for role in ("instructor_x", "instructor_y", "reviewer", "trainee_a", "employer_1"):
            client = clients[role]
            if model_name == "user":
                foreign = [row for row in rows if row[0] != world.users[role].pk]
            elif role == "reviewer" and model_name != "page":
                foreign = []  # reviewers keep every course's media
            elif role == "reviewer":
                foreign = []  # reviewers edit every course
            else:
                foreign = [row for row in rows if f"instructor_{row[1]}" != role]
            secrets = [secret for _pk, _letter, markers in foreign for secret in markers]
            for action in actions:
                url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
                for query in (f"?{ids}", "?id=all"):
                    response = client.get(url + query)
                    if response.status_code >= 500:
                        problems.append(f"{role} GET {url}{query}: {response.status_code}")
                    text = body(response)
                    problems.extend(
                        f"{role} GET {url}{query}: names {secret!r}"
                        for secret in secrets
                        if secret in text
                    )
    assert not problems, "\n".join(problems)
    # Looking changed nothing: every page is still live under its own title.
    assert LessonPage.objects.filter(live=True).count() == 2


# --- pages for one role, aggregates only ----------------------------------------------------------

ROLE_PAGE_QUERIES = {"outcomes:table_csv": "?table=cohorts", "outcomes:report_csv": "?year=2026"}


def test_role_pages_open_only_for_their_role_and_name_nobody(world):
    """The program administrators' dashboard and its files: refused to every other role, and
    for those who may open them, no one's e-mail, name or private text in them."""
    clients = clients_for(world)
    problems = []
    for name, allowed in ROLE_PAGES.items():
        url = reverse(name) + ROLE_PAGE_QUERIES.get(name, "")
        for role in ROLES + ("superuser",):
            response = clients[role].get(url)
            if role in allowed or role == "superuser":
                if response.status_code != 200:
                    problems.append(f"{role} GET {name}: {response.status_code}")
                    continue
                text = body(response) if not name.endswith("pdf") else ""
                for other in world.users:
                    problems.extend(
                        f"{role} GET {name}: shows {secret!r} of {other}"
                        for secret in world.private_markers(other) + world.user_markers(other)
                        if secret in text
                    )
            else:
                problem = refusal_problem(response, role=role, admin=False)
                if problem:
                    problems.append(f"{role} GET {name}: {problem}")
    assert not problems, "\n".join(problems)
