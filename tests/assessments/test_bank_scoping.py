"""The question bank per course: an instructor reaches the questions and categories of the
courses they teach and the shared bank, and nothing of another course, in any admin view, the
chooser, the filters, the forms, export or import. Reviewers see the whole bank."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from assessments.importexport import export_bank, import_bank, question_as_dict
from assessments.models import AssessmentPage, Question, QuestionCategory
from courses.permissions import ensure_role_groups
from tests.assessments.conftest import make_instructor
from tests.conftest import build_course
from tests.factories import (
    CourseIndexPageFactory,
    PoolRuleFactory,
    QuestionCategoryFactory,
    QuestionFactory,
    UserFactory,
)
from tests.factories.pages import as_editor_saves
from tests.module_data import home_page, module_data
from tests.security.routes import walk

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_and_questions_indexed():
    """Factory-made pages and questions are indexed and logged as an editor's saves are
    (tests/factories/pages.py): the searches, usage and history views here must have another
    course's content to hide, or their "shows nothing of it" would pass on an empty index."""
    with as_editor_saves():
        yield


QUESTION_NS = "wagtailsnippets_assessments_question"
CATEGORY_NS = "wagtailsnippets_assessments_questioncategory"
CHOOSER_NS = "wagtailsnippetchoosers_assessments_question"
CATEGORY_CHOOSER_NS = "wagtailsnippetchoosers_assessments_questioncategory"


def build_bank():
    with as_editor_saves():  # as the tests' own saves (pages_and_questions_indexed)
        return _bank(CourseIndexPageFactory(parent=home_page()))


def _bank(course_index):
    x = build_course(course_index, modules=1, lessons=1, title="Course X", slug="course-x")
    y = build_course(course_index, modules=1, lessons=1, title="Course Y", slug="course-y")
    categories = {
        "x": QuestionCategoryFactory(name="X crisis items", course=x.course),
        "y": QuestionCategoryFactory(name="Y-SECRET-CATEGORY", course=y.course),
        "shared": QuestionCategoryFactory(name="Shared ethics items", course=None),
    }
    questions = {
        "x": QuestionFactory(key="x-question", category=categories["x"]),
        "y": QuestionFactory(
            key="y-question",
            category=categories["y"],
            text="Y-SECRET-TEXT: what does a peer say first?",
        ),
        "shared": QuestionFactory(key="shared-question", category=categories["shared"]),
    }
    groups = ensure_role_groups(course_index=course_index)
    reviewer = UserFactory(groups=[groups["Reviewers"]])
    return {
        "courses": {"x": x, "y": y},
        "categories": categories,
        "questions": questions,
        "instructor_x": make_instructor(x.course),
        "instructor_y": make_instructor(y.course),
        "reviewer": reviewer,
    }


# Built once for the module and copied back into each test's transaction.
bank_rows, bank = module_data(build_bank)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def object_urls(namespace: str, instance) -> dict[str, str]:
    """Every view of a snippet viewset that takes the object's pk (revision views with its
    latest revision), read off the URL configuration so a view Wagtail adds is covered too."""
    revision = getattr(instance, "latest_revision", None)
    urls = {}
    for route in walk():
        if not (route.name or "").startswith(namespace + ":") or "pk" not in route.kwargs:
            continue
        # Revision views (view, revert, compare a...b) get the latest revision.
        kwargs = {name: revision.pk for name in route.kwargs if name != "pk"}
        urls[route.name] = reverse(route.name, kwargs=kwargs | {"pk": instance.pk})
    return urls


def test_every_view_of_another_courses_question_and_category_is_a_404(bank):
    client = logged_in(bank["instructor_x"])
    urls = {
        **object_urls(QUESTION_NS, bank["questions"]["y"]),
        **object_urls(CATEGORY_NS, bank["categories"]["y"]),
    }
    assert {
        f"{QUESTION_NS}:edit",
        f"{QUESTION_NS}:history",
        f"{QUESTION_NS}:usage",
        f"{QUESTION_NS}:delete",
        f"{CATEGORY_NS}:edit",
    } <= set(urls)
    problems = []
    for name, url in urls.items():
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code != 404:
                problems.append(f"{method.upper()} {name}: {response.status_code}")
    assert not problems, "\n".join(problems)
    question = Question.objects.get(key="y-question")
    assert question.text.startswith("Y-SECRET-TEXT") and question.live


def test_instructors_open_their_own_and_shared_questions(bank):
    client = logged_in(bank["instructor_x"])
    for key in ("x", "shared"):
        url = reverse(f"{QUESTION_NS}:edit", args=[bank["questions"][key].pk])
        assert client.get(url).status_code == 200, key
    # The other course's instructor still reaches their own.
    own = reverse(f"{QUESTION_NS}:edit", args=[bank["questions"]["y"].pk])
    assert logged_in(bank["instructor_y"]).get(own).status_code == 200


def test_listings_filters_and_chooser_show_only_the_users_bank(bank):
    client = logged_in(bank["instructor_x"])
    for url in (
        reverse(f"{QUESTION_NS}:list"),
        reverse(f"{QUESTION_NS}:list_results"),
        reverse(f"{QUESTION_NS}:list") + "?q=peer",
        reverse(f"{CATEGORY_NS}:list"),
        reverse(f"{CHOOSER_NS}:choose"),
        reverse(f"{CHOOSER_NS}:choose_results"),
        reverse(f"{CHOOSER_NS}:choose") + "?q=peer",
        reverse(f"{CATEGORY_CHOOSER_NS}:choose"),
        reverse(f"{CATEGORY_CHOOSER_NS}:choose_results") + "?q=items",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in ("y-question", "Y-SECRET-TEXT", "Y-SECRET-CATEGORY"):
            assert secret not in text, (url, secret)
    listing = client.get(reverse(f"{QUESTION_NS}:list")).content.decode()
    assert "x-question" in listing and "shared-question" in listing
    chosen = reverse(f"{CHOOSER_NS}:chosen", args=[bank["questions"]["y"].pk])
    assert client.get(chosen).status_code == 404
    own = reverse(f"{CHOOSER_NS}:chosen", args=[bank["questions"]["x"].pk])
    assert client.get(own).status_code == 200
    # The category chooser, which the question form's category field opens.
    categories = client.get(reverse(f"{CATEGORY_CHOOSER_NS}:choose")).content.decode()
    assert "X crisis items" in categories and "Shared ethics items" in categories
    chosen = reverse(f"{CATEGORY_CHOOSER_NS}:chosen", args=[bank["categories"]["y"].pk])
    assert client.get(chosen).status_code == 404


def test_reviewers_see_the_whole_bank_with_each_questions_status(bank):
    draft = QuestionFactory(
        key="x-draft", category=bank["categories"]["x"], publish=False, live=False
    )
    assert not draft.live
    client = logged_in(bank["reviewer"])
    listing = client.get(reverse(f"{QUESTION_NS}:list")).content.decode()
    assert all(key in listing for key in ("x-question", "y-question", "shared-question"))
    rows = {row.split("</tr>")[0] for row in listing.split("<tr")[1:]}
    assert any("x-draft" in row and "draft" in row.replace("x-draft", "") for row in rows)
    assert any("y-question" in row and "live" in row for row in rows)
    url = reverse(f"{QUESTION_NS}:edit", args=[bank["questions"]["y"].pk])
    assert client.get(url).status_code == 200


def test_question_form_offers_and_accepts_only_the_users_categories(bank):
    client = logged_in(bank["instructor_x"])
    question = bank["questions"]["x"]
    url = reverse(f"{QUESTION_NS}:edit", args=[question.pk])
    form = client.get(url).context["form"]
    assert set(form.fields["category"].queryset) == {
        bank["categories"]["x"],
        bank["categories"]["shared"],
    }
    data = {**form.initial, "category": bank["categories"]["y"].pk}
    bound = type(form)(data=data, instance=question, for_user=bank["instructor_x"])
    assert not bound.is_valid()
    assert "category" in bound.errors


def test_an_instructor_files_a_new_category_under_one_of_their_courses(bank):
    client = logged_in(bank["instructor_x"])
    form = client.get(reverse(f"{CATEGORY_NS}:add")).context["form"]
    course_x, course_y = bank["courses"]["x"].course, bank["courses"]["y"].course
    assert list(form.fields["course"].queryset) == [course_x]
    response = client.post(
        reverse(f"{CATEGORY_NS}:add"),
        {"name": "Borrowed", "course": course_y.pk, "description": ""},
    )
    assert response.status_code == 200 and "course" in response.context["form"].errors
    response = client.post(
        reverse(f"{CATEGORY_NS}:add"), {"name": "Unfiled", "course": "", "description": ""}
    )
    assert response.status_code == 200 and "course" in response.context["form"].errors
    assert not QuestionCategory.objects.filter(name__in=["Borrowed", "Unfiled"]).exists()
    response = client.post(
        reverse(f"{CATEGORY_NS}:add"),
        {"name": "Naloxone steps", "course": course_x.pk, "description": ""},
    )
    assert response.status_code == 302
    assert QuestionCategory.objects.get(name="Naloxone steps").course == course_x


def test_a_shared_category_stays_shared_when_an_instructor_edits_it(bank):
    client = logged_in(bank["instructor_x"])
    shared = bank["categories"]["shared"]
    url = reverse(f"{CATEGORY_NS}:edit", args=[shared.pk])
    response = client.post(
        url,
        {
            "name": "Shared ethics items (2024 code)",
            "course": bank["courses"]["x"].course.pk,
            "description": "",
        },
    )
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.name == "Shared ethics items (2024 code)" and shared.course is None


def test_pool_rules_offer_only_the_users_categories_and_questions(bank):
    quiz = AssessmentPage(title="Module quiz", slug="module-quiz")
    bank["courses"]["x"].modules[0].add_child(instance=quiz)
    PoolRuleFactory(assessment=quiz, category=bank["categories"]["x"], count=1)
    form_class = AssessmentPage.get_edit_handler().get_form_class()
    form = form_class(instance=quiz, for_user=bank["instructor_x"])
    rules = form.formsets["pool_rules"]
    visible_categories = {bank["categories"]["x"], bank["categories"]["shared"]}
    for rule_form in [*rules.forms, rules.empty_form]:
        assert set(rule_form.fields["category"].queryset) == visible_categories
        assert bank["questions"]["y"] not in rule_form.fields["question"].queryset
    # Reviewers (and so superusers' reviews) are not narrowed.
    form = form_class(instance=quiz, for_user=bank["reviewer"])
    assert (
        bank["categories"]["y"]
        in form.formsets["pool_rules"].empty_form.fields["category"].queryset
    )


def test_pool_rule_naming_another_courses_category_is_refused_on_submit(bank):
    quiz = AssessmentPage(title="Module quiz", slug="module-quiz")
    bank["courses"]["x"].modules[0].add_child(instance=quiz)
    form_class = AssessmentPage.get_edit_handler().get_form_class()
    blank = form_class(instance=quiz, for_user=bank["instructor_x"])
    data = {name: value for name, value in blank.initial.items() if value is not None}
    data.update(
        {
            "title": quiz.title,
            "slug": quiz.slug,
            "introduction": rich_text(""),
            "pool_rules-TOTAL_FORMS": "1",
            "pool_rules-INITIAL_FORMS": "0",
            "pool_rules-MIN_NUM_FORMS": "0",
            "pool_rules-MAX_NUM_FORMS": "1000",
            "pool_rules-0-category": str(bank["categories"]["y"].pk),
            "pool_rules-0-count": "2",
            "pool_rules-0-ORDER": "1",
        }
    )
    form = form_class(
        data=data, instance=quiz, for_user=bank["instructor_x"], parent_page=quiz.get_parent()
    )
    assert not form.is_valid()
    assert "category" in form.formsets["pool_rules"].forms[0].errors


def test_export_holds_only_the_users_bank(bank):
    client = logged_in(bank["instructor_x"])
    body = client.get(reverse("assessments_admin:bank_export")).content.decode()
    keys = {row["key"] for row in json.loads(body)["questions"]}
    assert keys == {"x-question", "shared-question"}
    # An instructor who teaches no course yet gets the shared bank, never the whole bank.
    loner = UserFactory(groups=[ensure_role_groups()["Instructors"]])
    body = logged_in(loner).get(reverse("assessments_admin:bank_export")).content.decode()
    assert {row["key"] for row in json.loads(body)["questions"]} == {"shared-question"}


def _row(question, **changes) -> dict:
    return {**question_as_dict(question), **changes}


def test_import_refuses_rows_of_another_course_and_writes_nothing(bank):
    x_row = _row(bank["questions"]["x"], text="Changed by X")
    foreign_category = _row(bank["questions"]["x"], key="new-in-y", category="Y-SECRET-CATEGORY")
    foreign_key = _row(bank["questions"]["x"], key="y-question")
    document = json.dumps({"questions": [x_row, foreign_category, foreign_key]})
    report = import_bank(
        document, fmt="json", user=bank["instructor_x"], course=bank["courses"]["x"].course
    )
    assert report.errors == [
        "item 2: category 'Y-SECRET-CATEGORY' belongs to a course you do not teach",
        "item 3: key 'y-question' is a question of a course you do not teach",
    ]
    assert not Question.objects.filter(key="new-in-y").exists()
    assert Question.objects.get(key="x-question").text != "Changed by X"
    assert Question.objects.get(key="y-question").category == bank["categories"]["y"]


def test_an_instructors_import_files_new_categories_and_leaves_drafts(bank):
    instructor = bank["instructor_x"]
    course_x = bank["courses"]["x"].course
    changed = _row(bank["questions"]["x"], text="What does a peer do first after a relapse?")
    new = _row(bank["questions"]["x"], key="x-new", category="X relapse items")
    document = json.dumps({"questions": [changed, new]})
    refused = import_bank(document, fmt="json", user=instructor, course=None)
    assert refused.errors == ["choose one of your courses for the new categories: X relapse items"]
    refused = import_bank(document, fmt="json", user=instructor, course=bank["courses"]["y"].course)
    assert refused.errors and not QuestionCategory.objects.filter(name="X relapse items").exists()

    report = import_bank(document, fmt="json", user=instructor, course=course_x)
    assert not report.errors and not report.published
    assert QuestionCategory.objects.get(name="X relapse items").course == course_x
    live = Question.objects.get(key="x-question")
    # Trainees keep getting the published text until a reviewer publishes the draft.
    assert live.text != changed["text"] and live.has_unpublished_changes
    assert live.latest_revision.as_object().text == changed["text"]
    assert not Question.objects.get(key="x-new").live


def test_a_reviewers_import_publishes(bank):
    changed = _row(bank["questions"]["y"], text="Y question, corrected by the reviewer")
    report = import_bank(json.dumps({"questions": [changed]}), fmt="json", user=bank["reviewer"])
    assert not report.errors and report.published
    assert Question.objects.get(key="y-question").text == changed["text"]


def test_the_import_page_offers_only_the_instructors_courses(bank):
    client = logged_in(bank["instructor_x"])
    form = client.get(reverse("assessments_admin:bank_import")).context["form"]
    assert list(form.fields["course"].queryset) == [bank["courses"]["x"].course]
    assert form.fields["course"].required


def test_export_without_a_queryset_is_the_whole_bank(bank):
    # The command line and the reviewers' export.
    keys = {row["key"] for row in json.loads(export_bank(fmt="json"))["questions"]}
    assert keys == {"x-question", "y-question", "shared-question"}


def test_admin_reports_and_dashboard_show_nothing_of_another_courses_bank(bank):
    question = bank["questions"]["y"]
    question.text = "Y-SECRET-TEXT, second draft"
    question.save_revision(user=bank["instructor_y"], log_action=True)
    own = bank["questions"]["x"]
    own.text = "X-OWN-DRAFT: what comes first?"
    own.save_revision(user=bank["instructor_x"], log_action=True)
    client = logged_in(bank["instructor_x"])
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "X-OWN-DRAFT" in history  # the report still lists what the instructor may see
    assert (
        "Y-SECRET-TEXT"
        in logged_in(bank["reviewer"]).get("/admin/reports/site-history/").content.decode()
    )
    assert Client().get("/admin/reports/site-history/").status_code == 302  # to the login
    for url in (
        "/admin/",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/locked/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ):
        response = client.get(url)
        text = response.content.decode()
        for secret in ("Y-SECRET-TEXT", "y-question", "Y-SECRET-CATEGORY"):
            assert secret not in text, (url, response.status_code, secret)


def test_bulk_delete_confirmation_never_names_another_courses_question(bank):
    """Wagtail's bulk-action page lists, by label, the rows it refuses to act on: another
    course's question must not even be listed."""
    client = logged_in(bank["instructor_x"])
    for model, obj, secret in (
        ("question", bank["questions"]["y"], "Y-SECRET-TEXT"),
        ("questioncategory", bank["categories"]["y"], "Y-SECRET-CATEGORY"),
    ):
        url = reverse("wagtail_bulk_action", args=["assessments", model, "delete"])
        for query in (f"?id={obj.pk}", "?id=all"):
            assert secret not in client.get(url + query).content.decode()
            client.post(url + query, {})
    assert Question.objects.filter(pk=bank["questions"]["y"].pk).exists()
    assert QuestionCategory.objects.filter(pk=bank["categories"]["y"].pk).exists()


def test_usage_of_a_shared_question_does_not_name_another_courses_assessment(bank):
    """A shared question drawn by course Y's quiz: course X's instructor learns that it is in
    use (so they think twice before changing it), not where."""
    from wagtail.models import ReferenceIndex

    from tests.factories import AssessmentPageFactory

    quiz = AssessmentPageFactory(
        parent=bank["courses"]["y"].modules[0], title="Y-SECRET-QUIZ-TITLE"
    )
    PoolRuleFactory(assessment=quiz, category=None, count=1, question=bank["questions"]["shared"])
    ReferenceIndex.create_or_update_for_object(AssessmentPage.objects.get(pk=quiz.pk))
    url = reverse(f"{QUESTION_NS}:usage", args=[bank["questions"]["shared"].pk])
    assert "Y-SECRET-QUIZ-TITLE" in logged_in(bank["reviewer"]).get(url).content.decode()
    page = logged_in(bank["instructor_x"]).get(url).content.decode()
    assert "Y-SECRET-QUIZ-TITLE" not in page
    assert "(Private " in page


def test_question_chooser_finds_questions_by_the_start_of_a_word(bank):
    """Instructors search the chooser as they type: "nalox" finds their naloxone question, and
    never another course's."""
    QuestionFactory(
        category=bank["categories"]["x"],
        key="naloxone-steps",
        text="What comes first when giving naloxone?",
    )
    QuestionFactory(
        category=bank["categories"]["y"],
        key="y-naloxone",
        text="Y-SECRET-TEXT naloxone in course Y",
    )
    url = reverse(f"{CHOOSER_NS}:choose_results")
    page = logged_in(bank["instructor_x"]).get(url, {"q": "nalox"}).content.decode()
    assert "giving naloxone" in page
    assert "Y-SECRET-TEXT" not in page
