"""Instructors author lessons in their own course only and submit them; reviewers approve.

Written as a `WagtailPageTestCase` so the admin is driven the way `assertCanCreate` does it:
real form data posted to Wagtail's add and edit views by a signed-in user.
"""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Site, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from courses.permissions import (
    INSTRUCTORS_GROUP,
    REVIEW_WORKFLOW,
    REVIEWERS_GROUP,
    ensure_role_groups,
)
from courses.services import course_add_instructor
from tests.conftest import build_course
from tests.factories import CourseIndexPageFactory, HomePageFactory, UserFactory
from tests.factories.pages import as_editor_saves


def lesson_form_data(title: str = "Warm hand-offs", **overrides) -> dict:
    """What the admin's "Add lesson" form posts: one block of each teaching kind."""
    data = {
        "title": title,
        "slug": "warm-hand-offs",
        "summary": "Connecting someone to crisis care without letting go of them.",
        "estimated_minutes": "25",
        "body": streamfield(
            [
                ("heading", {"text": "What a warm hand-off is", "size": "h2"}),
                (
                    "paragraph",
                    rich_text("<p>You stay with the person until the next helper has them.</p>"),
                ),
                (
                    "callout",
                    {
                        "kind": "crisis",
                        "title": "In an emergency",
                        "body": rich_text(
                            "<p>Call or text 988; call 911 if a life is in danger.</p>"
                        ),
                    },
                ),
                (
                    "case_scenario",
                    {
                        "title": "Luis calls after a relapse",
                        "scenario": rich_text("<p>Luis, a fictional peer, calls you at 9 pm.</p>"),
                        "discussion_questions": streamfield(
                            [("item", "What do you say first?"), ("item", "Who do you call?")]
                        ),
                    },
                ),
                ("reflection", {"prompt": "When has someone stayed with you through a hand-off?"}),
                (
                    "knowledge_check",
                    {
                        "question": "Which number reaches the Suicide & Crisis Lifeline?",
                        "options": streamfield(
                            [
                                ("item", {"text": "988", "correct": "on"}),
                                ("item", {"text": "411", "correct": ""}),
                            ]
                        ),
                        "explanation": "988 answers calls, texts and chats.",
                    },
                ),
            ]
        ),
    }
    data.update(overrides)
    return nested_form_data(data)


class CurriculumTreeTests(WagtailPageTestCase):
    def test_course_index_holds_courses_only_and_sits_under_the_home_page(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})

    def test_course_holds_modules(self):
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertCanCreateAt(CoursePage, ModulePage)
        self.assertCanNotCreateAt(CoursePage, LessonPage)

    def test_module_holds_lessons(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)

    def test_lesson_is_a_leaf_under_a_module(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())


class InstructorAuthoringTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        home = HomePageFactory(parent=root, slug="peercert")
        Site.objects.update(root_page=home)
        cls.index = CourseIndexPageFactory(parent=home)
        cls.groups = ensure_role_groups(course_index=cls.index)
        # Indexed for search: the page chooser's search must find one course and not the other.
        with as_editor_saves():
            cls.own = build_course(cls.index, title="Foundations", slug="foundations")
            cls.other = build_course(cls.index, title="Advanced Practice", slug="advanced")
        cls.instructor = UserFactory(email="instructor@example.org")
        cls.colleague = UserFactory(email="colleague@example.org")
        course_add_instructor(course=cls.own.course, user=cls.instructor)
        course_add_instructor(course=cls.other.course, user=cls.colleague)
        cls.reviewer = UserFactory(
            email="reviewer@example.org", groups=[cls.groups[REVIEWERS_GROUP]]
        )

    def setUp(self):
        self.client.force_login(self.instructor)

    def add_url(self, parent, model=LessonPage):
        return reverse(
            "wagtailadmin_pages:add",
            args=[model._meta.app_label, model._meta.model_name, parent.pk],
        )

    def create_draft(self) -> LessonPage:
        module = self.own.modules[0]
        self.assertCanCreate(module, LessonPage, lesson_form_data(), publish=False)
        return LessonPage.objects.child_of(module).get(slug="warm-hand-offs")

    def assertRefused(self, response):
        if response.status_code == 302:
            self.assertEqual(response["Location"], reverse("wagtailadmin_home"))
        else:
            self.assertEqual(response.status_code, 403)

    # Who is who

    def test_role_groups_exist_with_the_review_workflow_on_the_course_index(self):
        self.assertEqual(
            set(
                Group.objects.filter(name__in=[INSTRUCTORS_GROUP, REVIEWERS_GROUP]).values_list(
                    "name", flat=True
                )
            ),
            {INSTRUCTORS_GROUP, REVIEWERS_GROUP},
        )
        self.assertEqual(self.own.course.get_workflow().name, REVIEW_WORKFLOW)
        self.assertTrue(self.instructor.groups.filter(name=INSTRUCTORS_GROUP).exists())
        self.assertTrue(self.instructor.has_perm("wagtailadmin.access_admin"))
        self.assertEqual(ensure_role_groups(course_index=self.index), self.groups)  # idempotent

    # Building a lesson

    def test_instructor_builds_a_lesson_with_streamfield_content_as_a_draft(self):
        lesson = self.create_draft()
        self.assertFalse(lesson.live)
        self.assertEqual(lesson.owner, self.instructor)
        revision = lesson.get_latest_revision_as_object()
        self.assertEqual(
            [block.block_type for block in revision.body],
            ["heading", "paragraph", "callout", "case_scenario", "reflection", "knowledge_check"],
        )
        check = revision.body[5].value
        self.assertEqual([o["correct"] for o in check["options"]], [True, False])
        self.assertEqual(revision.body[3].value["discussion_questions"][1], "Who do you call?")

    def test_instructor_can_preview_a_lesson_before_saving_it(self):
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["courses", "lessonpage", self.own.modules[0].pk],
        )
        response = self.client.post(url, lesson_form_data())
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        preview = self.client.get(url)
        self.assertEqual(preview.status_code, 200)
        self.assertContains(preview, "What a warm hand-off is")
        self.assertContains(preview, "Luis calls after a relapse")

    def test_instructor_can_preview_their_draft(self):
        lesson = self.create_draft()
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
        response = self.client.post(url, lesson_form_data(title="Warm hand-offs, revised"))
        self.assertEqual(response.json()["is_valid"], True)
        preview = self.client.get(url)
        self.assertEqual(preview.status_code, 200)
        self.assertContains(preview, "Warm hand-offs, revised")

    def test_instructor_cannot_publish(self):
        module = self.own.modules[0]
        self.assertFalse(module.permissions_for_user(self.instructor).can_publish_subpage())
        # A forged "Publish" press saves a draft and goes back to the editor; nothing goes live.
        response = self.client.post(
            self.add_url(module), {**lesson_form_data(), "action-publish": "action-publish"}
        )
        lesson = LessonPage.objects.child_of(module).get(slug="warm-hand-offs")
        self.assertRedirects(response, reverse("wagtailadmin_pages:edit", args=[lesson.pk]))
        self.assertFalse(lesson.live)
        self.assertTrue(lesson.has_unpublished_changes)
        self.assertFalse(lesson.permissions_for_user(self.instructor).can_publish())

    # Review

    def test_instructor_submits_and_a_reviewer_approves_and_the_lesson_goes_live(self):
        lesson = self.create_draft()
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
            {**lesson_form_data(), "action-submit": "Submit to Curriculum review"},
        )
        self.assertEqual(response.status_code, 302)
        state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(lesson.pk))
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(state.workflow.name, REVIEW_WORKFLOW)
        lesson.refresh_from_db()
        self.assertFalse(lesson.live)

        self.client.force_login(self.reviewer)
        task_state = state.current_task_state
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action", args=[lesson.pk, "approve", task_state.pk]
            ),
            {"comment": "Accurate and kind. Approved."},
        )
        self.assertEqual(response.status_code, 302)
        state.refresh_from_db()
        self.assertEqual(state.status, WorkflowState.STATUS_APPROVED)
        lesson.refresh_from_db()
        self.assertTrue(lesson.live)
        self.assertEqual(lesson.title, "Warm hand-offs")

    def test_instructor_cannot_approve_their_own_submission(self):
        lesson = self.create_draft()
        self.client.post(
            reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
            {**lesson_form_data(), "action-submit": "Submit"},
        )
        state = WorkflowState.objects.get(object_id=str(lesson.pk))
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=[lesson.pk, "approve", state.current_task_state.pk],
            ),
            {"comment": ""},
        )
        lesson.refresh_from_db()
        self.assertFalse(lesson.live)

    # Another instructor's course

    def test_instructor_cannot_edit_another_instructors_course(self):
        for page in [self.other.course, self.other.modules[0], self.other.lessons[0][0]]:
            with self.subTest(page=page.title):
                self.assertRefused(
                    self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
                )
                self.assertFalse(page.permissions_for_user(self.instructor).can_edit())

    def test_instructor_cannot_add_under_another_instructors_course(self):
        module = self.other.modules[0]
        self.assertRefused(self.client.get(self.add_url(module)))
        response = self.client.post(self.add_url(module), lesson_form_data())
        self.assertRefused(response)
        self.assertFalse(LessonPage.objects.filter(slug="warm-hand-offs").exists())
        self.assertRefused(self.client.get(self.add_url(self.other.course, ModulePage)))

    def test_instructor_cannot_add_a_course_of_their_own(self):
        self.assertRefused(self.client.get(self.add_url(self.index, CoursePage)))

    def test_instructor_can_edit_pages_of_their_own_course(self):
        for page in [self.own.course, self.own.modules[1], self.own.lessons[1][2]]:
            with self.subTest(page=page.title):
                response = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
                self.assertEqual(response.status_code, 200)

    # The page chooser (link targets in rich text and page fields)

    def test_page_chooser_lists_only_the_instructors_own_courses(self):
        lesson = self.other.lessons[0][0]
        lesson.title = "Colleague's unpublished rewrite"
        lesson.save_revision(user=self.colleague)
        browse = self.client.get(reverse("wagtailadmin_choose_page_child", args=[self.index.pk]))
        self.assertEqual(browse.status_code, 200)
        self.assertContains(browse, "Foundations")
        self.assertNotContains(browse, "Advanced Practice")
        for page in (self.other.course, self.other.modules[0], lesson):
            url = reverse("wagtailadmin_choose_page_child", args=[page.pk])
            self.assertEqual(self.client.get(url).status_code, 404, page)
        search = self.client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Advanced"})
        self.assertNotContains(search, "Advanced Practice")
        own = self.client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Foundations"})
        self.assertContains(own, "Foundations")

    def test_reviewers_page_chooser_lists_every_course(self):
        self.client.force_login(self.reviewer)
        browse = self.client.get(reverse("wagtailadmin_choose_page_child", args=[self.index.pk]))
        self.assertContains(browse, "Foundations")
        self.assertContains(browse, "Advanced Practice")
