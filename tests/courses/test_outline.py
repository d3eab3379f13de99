"""The course outline a trainee follows by clicking: modules → lessons → quiz, then the final
exam, each with its state; what "next" and "resume" point at; and the final exam's gate."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Attempt, AttemptQuestion
from courses.outline import ItemState, Step, following, next_step, resume_step
from courses.selectors import course_state
from tests.assessments.conftest import make_assessment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonCompletionFactory

pytestmark = pytest.mark.django_db


def take(trainee, assessment, *, right: bool):
    """A whole attempt through the services: every answer right (option 1) or wrong (0)."""
    attempt = services.attempt_start(trainee=trainee, assessment=assessment)
    answers = {}
    for aq in AttemptQuestion.objects.filter(attempt=attempt):
        answers[aq.pk] = [str(aq.option_order.index(1 if right else 0))]
    services.attempt_save(attempt=attempt, answers=answers)
    return services.attempt_submit(attempt=attempt)


@pytest.fixture
def course(course_index, trainee):
    """Two sequential modules of two lessons, a quiz in each, and a final exam."""
    tree = build_course(course_index, modules=2, lessons=2, sequential=True)
    tree.quizzes = [
        make_assessment(module, title=f"Module {n} quiz", slug=f"module-{n}-quiz")[0]
        for n, module in enumerate(tree.modules, start=1)
    ]
    tree.final = make_assessment(tree.course, title="Final exam", slug="final-exam")[0]
    EnrollmentFactory(trainee=trainee, course=tree.course)
    return tree


def complete_lessons(trainee, lessons):
    for lesson in lessons:
        LessonCompletionFactory(trainee=trainee, lesson=lesson)


def complete_everything(trainee, course):
    for lessons, quiz in zip(course.lessons, course.quizzes, strict=True):
        complete_lessons(trainee, lessons)
        take(trainee, quiz, right=True)


class TestFinalExamGate:
    def test_a_typed_url_is_refused_with_the_reason_and_the_way_on(
        self, trainee_client, trainee, course
    ):
        complete_lessons(trainee, course.lessons[0])
        response = trainee_client.get(course.final.url)
        assert response.status_code == 403
        html = response.content.decode()
        assert "Opens when every module is complete" in html
        # The way on is the first step still to do: module 1's quiz.
        assert f'href="{course.quizzes[0].url}"' in html

    def test_a_post_to_start_is_refused_with_a_clear_message(self, trainee_client, trainee, course):
        complete_lessons(trainee, course.lessons[0])
        response = trainee_client.post(
            reverse("assessments:start", args=[course.final.pk]), follow=True
        )
        assert not Attempt.objects.filter(assessment=course.final).exists()
        assert services.EXAM_LOCKED in response.content.decode()

    def test_the_service_refuses_whoever_calls_it(self, trainee, course):
        with pytest.raises(services.PermissionDenied, match="every module of the course"):
            services.attempt_start(trainee=trainee, assessment=course.final)

    def test_lessons_done_are_not_enough_while_a_quiz_is_unpassed(
        self, trainee_client, trainee, course
    ):
        complete_lessons(trainee, course.all_lessons)
        take(trainee, course.quizzes[0], right=True)
        take(trainee, course.quizzes[1], right=False)
        assert trainee_client.get(course.final.url).status_code == 403

    def test_it_opens_once_every_module_is_complete(self, trainee_client, trainee, course):
        complete_everything(trainee, course)
        assert trainee_client.get(course.final.url).status_code == 200
        trainee_client.post(reverse("assessments:start", args=[course.final.pk]))
        assert Attempt.objects.filter(assessment=course.final, trainee=trainee).count() == 1

    def test_a_course_may_open_its_final_exam_from_the_start(self, trainee_client, trainee, course):
        course.course.final_requires_modules = False
        course.course.save()
        assert trainee_client.get(course.final.url).status_code == 200
        trainee_client.post(reverse("assessments:start", args=[course.final.pk]))
        assert Attempt.objects.filter(assessment=course.final).count() == 1


class TestOutline:
    def test_course_page_lists_lessons_quizzes_and_the_final_exam_with_their_states(
        self, trainee_client, trainee, course
    ):
        complete_lessons(trainee, course.lessons[0])
        html = trainee_client.get(course.course.url).content.decode()
        for lesson in course.all_lessons:
            assert lesson.title in html
        quiz_row = html.split(f'id="outline-item-{course.quizzes[0].pk}"')[1].split("</li>")[0]
        assert f'href="{course.quizzes[0].url}"' in quiz_row
        assert "Ready to start" in quiz_row
        final_row = html.split(f'id="outline-item-{course.final.pk}"')[1].split("</li>")[0]
        assert "Locked" in final_row
        assert f'href="{course.final.url}"' not in final_row

    def test_the_next_module_says_to_pass_the_quiz_when_its_lessons_are_done(
        self, trainee_client, trainee, course
    ):
        complete_lessons(trainee, course.lessons[0])
        html = trainee_client.get(course.course.url).content.decode()
        module_row = html.split(f'id="outline-module-{course.modules[1].pk}"')[1]
        assert "Pass the Module 1 quiz to open this module." in module_row
        assert "Finish this module first" not in html
        # Typing a lesson of it says the same, with the link.
        locked = trainee_client.get(course.lessons[1][0].url)
        assert locked.status_code == 403
        text = locked.content.decode()
        assert "Pass the Module 1 quiz to open this module." in text
        assert f'href="{course.quizzes[0].url}"' in text

    def test_a_failed_quiz_shows_attempts_left_and_when_the_next_may_start(
        self, trainee_client, trainee, course
    ):
        quiz = course.quizzes[0]
        quiz.cooldown_minutes = 60
        quiz.save()
        complete_lessons(trainee, course.lessons[0])
        take(trainee, quiz, right=False)
        outline = course_state(course=course.course, user=trainee).outline
        item = outline.module(course.modules[0].pk).items[0]
        assert item.state == ItemState.FAILED
        assert item.attempts_left == 2
        assert timezone.now() + timedelta(minutes=55) < item.available_at
        html = trainee_client.get(course.course.url).content.decode()
        assert "2 attempts left" in html
        assert "next attempt from" in html

    def test_the_module_page_and_the_lesson_sidebar_list_the_quiz(
        self, trainee_client, trainee, course
    ):
        quiz = course.quizzes[0]
        module_html = trainee_client.get(course.modules[0].url).content.decode()
        assert f'href="{quiz.url}"' in module_html
        lesson_html = trainee_client.get(course.lessons[0][0].url).content.decode()
        sidebar = lesson_html.split('<aside class="sidebar">')[1]
        assert f'href="{quiz.url}"' in sidebar


class TestWhereNext:
    def test_the_last_lessons_complete_and_continue_leads_to_the_quiz(
        self, trainee_client, trainee, course
    ):
        first, last = course.lessons[0]
        complete_lessons(trainee, [first])
        response = trainee_client.post(
            reverse("courses:lesson_complete", args=[last.pk]), {"then": "next"}
        )
        assert response["Location"] == course.quizzes[0].url
        # Once the quiz is passed, the same button goes on to the next module.
        take(trainee, course.quizzes[0], right=True)
        response = trainee_client.post(
            reverse("courses:lesson_complete", args=[last.pk]), {"then": "next"}
        )
        assert response["Location"] == course.lessons[1][0].url

    def test_the_last_lessons_pager_points_at_the_quiz(self, trainee_client, trainee, course):
        html = trainee_client.get(course.lessons[0][1].url).content.decode()
        pager = html.split('class="pager"')[1].split("</nav>")[0]
        assert f'href="{course.quizzes[0].url}" rel="next"' in pager
        assert 'id="mark-complete-continue"' in html

    def test_dashboard_next_and_resume_agree_on_the_quiz_once_the_lessons_are_done(
        self, trainee_client, trainee, course
    ):
        last = course.lessons[0][1]
        trainee_client.get(last.url)  # the lesson last opened
        complete_lessons(trainee, course.lessons[0])
        html = trainee_client.get(reverse("dashboard")).content.decode()
        slug = course.course.slug
        next_link = html.split(f'id="next-step-{slug}"')[0].rsplit("<a ", 1)[1]
        assert f'href="{course.quizzes[0].url}"' in next_link
        resume = html.split("Resume where you left off")[0].rsplit("<a ", 1)[1]
        assert f'href="{course.quizzes[0].url}"' in resume
        # The course page's button goes there too.
        course_html = trainee_client.get(course.course.url).content.decode()
        assert f'id="course-continue" href="{course.quizzes[0].url}"' in course_html

    def test_resume_goes_back_to_an_unfinished_lesson_last_opened(
        self, trainee_client, trainee, course
    ):
        trainee_client.get(course.lessons[0][1].url)
        html = trainee_client.get(reverse("dashboard")).content.decode()
        resume = html.split("Resume where you left off")[0].rsplit("<a ", 1)[1]
        assert f'href="{course.lessons[0][1].url}"' in resume


class TestSteps:
    STEPS = [
        Step(1, done=True, locked=False),
        Step(2, done=False, locked=False),
        Step(3, done=False, locked=False),  # the module's quiz
        Step(4, done=False, locked=True),  # the next module
        Step(5, done=False, locked=True, blocked=False),
    ]

    def test_next_looks_forward_first_then_from_the_start(self):
        assert next_step(self.STEPS).page_id == 2
        assert next_step(self.STEPS, after=2).page_id == 3
        assert next_step(self.STEPS, after=3).page_id == 2  # nothing open after it

    def test_resume_stays_on_an_unfinished_step_and_moves_on_from_a_finished_one(self):
        assert resume_step(self.STEPS, last_visited=3).page_id == 3
        assert resume_step(self.STEPS, last_visited=1).page_id == 2
        assert resume_step(self.STEPS, last_visited=None).page_id == 2

    def test_a_step_waiting_for_a_grade_is_not_where_next_goes(self):
        steps = [Step(1, True, False), Step(2, False, False, blocked=True), Step(3, False, False)]
        assert next_step(steps, after=1).page_id == 3

    def test_following_is_the_next_place_whatever_its_state(self):
        assert following(self.STEPS, after=3).page_id == 4
        assert following(self.STEPS, after=5) is None
