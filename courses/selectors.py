"""Reads that cross several course models. Each keeps a fixed number of queries however many
modules and lessons a course has."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks

from core import generations

from .cache import CONTENT, get_or_build
from .models import (
    CoursePage,
    Enrollment,
    LessonCompletion,
    LessonPage,
    ModuleDomainHours,
    ModulePage,
)
from .outline import (
    OUTLINE_ITEMS_HOOK,
    ItemState,
    OutlineItem,
    Step,
    following,
    next_step,
    resume_step,
)
from .progress import CourseProgress, compute_course_progress
from .translation import CourseView, course_view, language_of, source_of, translated_pages

if TYPE_CHECKING:
    from accounts.models import User

# What a module needs beyond its lessons comes from the apps whose pages sit in it. A function
# registered under this name takes (user=, modules=) and returns {module pk: met}; a module it
# leaves out needs nothing more from it. assessments registers "its assessments passed".
MODULE_REQUIREMENTS_HOOK = "course_module_requirements"
NO_MODULE_REQUIREMENTS = (
    "No app answers the 'course_module_requirements' hook: modules would count as complete "
    "with their assessments unpassed. The assessments app registers it in wagtail_hooks.py."
)


@dataclass
class CourseState:
    """Everything the course, module and lesson pages need about one trainee in one course.

    The pages are those of the reader's language (``view``: each the live translation of the
    source page where there is one, else the source page); every id in it (completed_ids,
    progress, the outline) is a shown page's id. What is recorded — enrolment, completions,
    the lesson last opened — is on the source pages (courses/translation.py): ``source_of``
    and ``shown_pk`` translate between the two."""

    course: CoursePage
    modules: list[ModulePage]
    lessons_by_module: dict[int, list[LessonPage]]
    enrollment: Enrollment | None
    completed_ids: set[int] = field(default_factory=set)
    progress: CourseProgress | None = None
    user: object = None
    view: CourseView | None = None
    source_course: CoursePage | None = None

    @property
    def lessons(self) -> list[LessonPage]:
        return [lesson for module in self.modules for lesson in self.lessons_by_module[module.pk]]

    def source_pk(self, pk: int | None) -> int | None:
        if pk is None or self.view is None:
            return pk
        return self.view.source_pk.get(pk, pk)

    def shown_pk(self, pk: int | None) -> int | None:
        """The page shown in place of the source page ``pk`` (a lesson last opened …)."""
        if pk is None or self.view is None:
            return pk
        return self.view.shown_pk.get(pk, pk)

    def source_lesson(self, page) -> LessonPage:
        """The lesson progress is recorded on, for a lesson of this course in any language."""
        source_pk = self.source_pk(page.pk)
        if source_pk == page.pk:
            return page
        found = next((lesson for lesson in self._source_lessons if lesson.pk == source_pk), None)
        return found or source_of(page)

    @cached_property
    def _source_lessons(self) -> list[LessonPage]:
        return course_skeleton(self.source_course or self.course)[1]

    @property
    def gating_course(self) -> CoursePage:
        """The course whose settings gate (sequential, final exam): the source's."""
        return self.source_course or self.course

    def contains(self, page) -> bool:
        """Whether ``page`` belongs to this course, in the reader's language or the source's."""
        return page.path.startswith(self.course.path) or (
            self.source_course is not None and page.path.startswith(self.source_course.path)
        )

    def module_of(self, page) -> ModulePage | None:
        """The shown module holding ``page``: a lesson of either language, or a page under the
        source module (the module's quiz, which is not translated)."""
        for module in self.modules:
            source = self.view.source_modules.get(module.pk) if self.view else None
            if page.path.startswith(module.path) or (
                source is not None and page.path.startswith(source.path)
            ):
                return module
        return None

    @property
    def modules_complete(self) -> bool:
        """Every live module complete: lessons done and what else it asks for (its quizzes)."""
        return self.progress is not None and all(m.complete for m in self.progress.modules)

    def is_locked(self, page) -> bool:
        if self.progress is None or page.pk in (self.course.pk, self.source_pk(self.course.pk)):
            return False
        module = self.module_of(page)
        if module is None:
            # A page of the course itself beside its modules: the final exam. It waits for
            # every module unless the course says otherwise.
            return self.gating_course.final_requires_modules and not self.modules_complete
        module_progress = self.progress.module(module.pk)
        return bool(module_progress and module_progress.locked)

    @cached_property
    def outline(self) -> CourseOutline:
        """The outline with every step's state, built on first use (it asks the apps above
        for their items: a few queries, however large the course)."""
        return build_outline(self)


def module_extra_requirements(*, user: User, modules: list[ModulePage]) -> dict[int, bool]:
    """Module pk → whether what it needs beyond its lessons is met, by every app that registered
    MODULE_REQUIREMENTS_HOOK (all must agree). Modules may hold assessment pages, so a site where
    no app answers is misconfigured: refuse rather than open every module."""
    answers = hooks.get_hooks(MODULE_REQUIREMENTS_HOOK)
    if not answers:
        raise ImproperlyConfigured(NO_MODULE_REQUIREMENTS)
    met: dict[int, bool] = {}
    for answer in answers:
        for module_pk, ok in answer(user=user, modules=modules).items():
            met[module_pk] = met.get(module_pk, True) and ok
    return met


def outline_items(*, user: User, course: CoursePage, modules: list[ModulePage]) -> dict:
    """Parent page pk (a module or the course) → the outline items the apps above put there."""
    items: dict[int, list[OutlineItem]] = {}
    if not user.is_authenticated:
        return items
    for answer in hooks.get_hooks(OUTLINE_ITEMS_HOOK):
        for parent_pk, rows in answer(user=user, course=course, modules=modules).items():
            items.setdefault(parent_pk, []).extend(rows)
    return items


@dataclass
class ModuleOutline:
    module: ModulePage
    progress: object  # ModuleProgress
    lessons: list[dict]  # {"page", "done"}
    items: list[OutlineItem]
    locked: bool = False
    # The source module's path when the module shown is a translation: its quiz sits there.
    source_path: str = ""
    locked_reason: str = ""  # as the outline shows it
    locked_link: object = None
    # What opens it, in full (the first module still to complete): for a typed URL.
    unlock_reason: str = ""
    unlock_link: object = None

    @property
    def lessons_done(self) -> int:
        return sum(1 for row in self.lessons if row["done"])

    def holds(self, page) -> bool:
        return page.path.startswith(self.module.path) or bool(
            self.source_path and page.path.startswith(self.source_path)
        )


@dataclass
class CourseOutline:
    """What the outline shows and the path a trainee follows through it."""

    modules: list[ModuleOutline]
    items: list[OutlineItem]  # the course's own (the final exam)
    steps: list[Step]
    pages: dict[int, object]
    final_reason: str = ""

    def page_of(self, step: Step | None):
        return None if step is None else self.pages[step.page_id]

    def next_page(self, *, after=None):
        return self.page_of(next_step(self.steps, after=after.pk if after else None))

    def resume_page(self, *, last_visited_id: int | None):
        return self.page_of(resume_step(self.steps, last_visited=last_visited_id))

    def following_step(self, page) -> Step | None:
        return following(self.steps, after=page.pk)

    def module_pk_of(self, page) -> int | None:
        """The module holding `page` (None for the course's own items, or no page)."""
        if page is None:
            return None
        return next((r.module.pk for r in self.modules if r.holds(page)), None)

    def module(self, module_pk: int) -> ModuleOutline | None:
        return next((row for row in self.modules if row.module.pk == module_pk), None)

    def lock_reason(self, page) -> tuple[str, object]:
        """Why `page` is locked, and the page that would open it."""
        for row in self.modules:
            if row.holds(page):
                return row.unlock_reason, row.unlock_link
        for item in self.items:
            if item.page.pk == page.pk:
                return item.locked_reason, item.locked_link
        return "", None


_BLOCKED = frozenset({ItemState.WAITING, ItemState.EXHAUSTED, ItemState.NOT_OPEN, ItemState.CLOSED})


def _module_lock_reason(blocker: ModuleOutline) -> tuple[str, object]:
    """Why the modules after `blocker` (the first incomplete one) are locked, in the words of
    what the trainee has to do next."""
    title = blocker.module.title
    if blocker.lessons_done < len(blocker.lessons):
        todo = next(row["page"] for row in blocker.lessons if not row["done"])
        return _("Finish the lessons of %(module)s to open this module.") % {"module": title}, todo
    item = next((i for i in blocker.items if i.required and not i.done), None)
    if item is None:
        return _("Complete %(module)s to open this module.") % {"module": title}, blocker.module
    what = {"title": item.page.title}
    if item.state == ItemState.WAITING:
        text = _("This module opens when your %(title)s is graded and passed.") % what
    elif item.state == ItemState.EXHAUSTED:
        text = (
            _(
                "This module opens when the %(title)s is passed; you have no attempts left, so "
                "ask your instructor."
            )
            % what
        )
    else:
        text = _("Pass the %(title)s to open this module.") % what
    return text, item.page


def build_outline(state: CourseState) -> CourseOutline:
    items = _shown_items(state)
    modules: list[ModuleOutline] = []
    pages: dict[int, object] = {}
    steps: list[Step] = []
    blocker: ModuleOutline | None = None
    for module in state.modules:
        progress = state.progress.module(module.pk)
        row = ModuleOutline(
            module=module,
            progress=progress,
            lessons=[
                {"page": lesson, "done": lesson.pk in state.completed_ids}
                for lesson in state.lessons_by_module[module.pk]
            ],
            items=items.get(module.pk, []),
            locked=bool(progress and progress.locked),
            source_path=_source_path(state, module),
        )
        if row.locked and blocker is not None:
            row.unlock_reason, row.unlock_link = _module_lock_reason(blocker)
            previous = modules[-1]
            if previous.locked:
                # Said once, on the first locked module; the ones after it wait for their turn.
                row.locked_reason = _("Opens when %(module)s is complete.") % {
                    "module": previous.module.title
                }
            else:
                row.locked_reason, row.locked_link = row.unlock_reason, row.unlock_link
        for item in row.items:
            if row.locked and not item.done and item.state != ItemState.IN_PROGRESS:
                item.state = ItemState.LOCKED
                item.locked_reason, item.locked_link = row.locked_reason, row.locked_link
        for lesson_row in row.lessons:
            pages[lesson_row["page"].pk] = lesson_row["page"]
            steps.append(Step(lesson_row["page"].pk, lesson_row["done"], row.locked))
        for item in row.items:
            pages[item.page.pk] = item.page
            steps.append(
                Step(
                    item.page.pk,
                    item.done or not item.required,
                    item.state == ItemState.LOCKED,
                    item.state in _BLOCKED,
                )
            )
        if blocker is None and progress is not None and not progress.complete:
            blocker = row
        modules.append(row)
    course_items = items.get(state.course.pk, [])
    outline = CourseOutline(modules=modules, items=course_items, steps=steps, pages=pages)
    final_locked = state.gating_course.final_requires_modules and not state.modules_complete
    if final_locked:
        outline.final_reason = _(
            "Opens when every module is complete: all its lessons done and its quiz passed."
        )
    for item in course_items:
        if final_locked and not item.done and item.state != ItemState.IN_PROGRESS:
            item.state = ItemState.LOCKED
            item.locked_reason = outline.final_reason
        pages[item.page.pk] = item.page
        steps.append(
            Step(item.page.pk, item.done, item.state == ItemState.LOCKED, item.state in _BLOCKED)
        )
    if final_locked:
        link = outline.next_page()
        for item in course_items:
            item.locked_link = link
    return outline


def _source_path(state: CourseState, module: ModulePage) -> str:
    source = state.view.source_modules.get(module.pk) if state.view else None
    return source.path if source is not None and source.pk != module.pk else ""


def _source_modules(state: CourseState) -> list[ModulePage]:
    if state.view is None:
        return state.modules
    return [state.view.source_modules[module.pk] for module in state.modules]


def _shown_items(state: CourseState) -> dict:
    """The apps' outline items, asked of the source course and modules (where the quizzes are
    and what the attempts point at), under the pages shown."""
    source_course = state.source_course or state.course
    items = outline_items(user=state.user, course=source_course, modules=_source_modules(state))
    if state.course.pk != source_course.pk:
        # Each item as the reader's language has it (the Spanish quiz of a Spanish module);
        # its state is the source page's, whose attempts it reads.
        shown = translated_pages(
            [item.page for rows in items.values() for item in rows], language_of(state.course)
        )
        for rows in items.values():
            for item in rows:
                item.page = shown.get(item.page.pk, item.page)
    return {state.shown_pk(parent_pk): rows for parent_pk, rows in items.items()}


# What the course, module and lesson pages, the dashboard and the other apps read of the modules
# and lessons in a course state. The rest of a row (a lesson's body, a module's introduction) is
# not loaded; a template that reads another field would show as a query per page in
# tests/courses (lessons 5 vs 50).
_PAGE_FIELDS = (
    "id",
    "content_type_id",
    "locale_id",
    "translation_key",
    "path",
    "depth",
    "numchild",
    "title",
    "draft_title",
    "slug",
    "url_path",
    "live",
    "has_unpublished_changes",
    "latest_revision_id",
)
MODULE_FIELDS = (*_PAGE_FIELDS, "contact_hours")
LESSON_FIELDS = (*_PAGE_FIELDS, "summary", "estimated_minutes")

_UNKNOWN = object()


def course_skeleton(course: CoursePage) -> tuple[list[ModulePage], list[LessonPage]]:
    """The course's live modules and lessons, in order: the same for everyone, cached until
    the next publish (courses/cache.py)."""
    return get_or_build(
        "skeleton",
        (course.pk,),
        lambda: (
            list(course.live_modules().only(*MODULE_FIELDS)),
            list(course.live_lessons().only(*LESSON_FIELDS)),
        ),
    )


@dataclass(frozen=True)
class TraineeRows:
    """What one trainee has done in one (source) course, as read from the database."""

    completed: frozenset[int]  # lesson pks
    extra: dict[int, bool]  # module pk → what it needs beyond its lessons is met


def trainee_rows(
    *, user: User, source: CoursePage, modules: list[ModulePage], lessons: list[LessonPage]
) -> TraineeRows:
    """The trainee's completions and module requirements in `source`, cached under
    the content generation and the trainee's own (core/generations.py): any write of theirs
    (an enrolment, a completion, an attempt; cms/dashboard_state.py) or any publish reads them
    afresh, and the entry is keyed by the trainee, so nobody else ever reads it. Nothing in it
    depends on the time: what does (cooldowns, opening dates) is worked out per request. The
    enrolment is not in it: where the trainee left off moves as they read."""

    def build() -> TraineeRows:
        return TraineeRows(
            completed=frozenset(
                LessonCompletion.objects.filter(
                    trainee=user, lesson_id__in=[lesson.pk for lesson in lessons]
                ).values_list("lesson_id", flat=True)
            )
            if lessons
            else frozenset(),
            extra=module_extra_requirements(user=user, modules=modules),
        )

    return generations.cached(
        "trainee-course",
        (CONTENT, generations.user_name(user.pk)),
        (source.pk, user.pk),
        build,
    )


# Where a trainee is reading (an enrolment's last lesson and activity) moves on with nearly every
# lesson they open: it has a generation of its own (services.enrollment_touch moves it on), so
# that moving on never empties the trainee's other entries (completions, attempts).
PLACE = "place"
generations.register_personal(PLACE)


def _enrollment_names(user_pk) -> tuple[str, str]:
    return (generations.user_name(user_pk), generations.personal_name(user_pk, PLACE))


def active_enrollment(*, user: User, source: CoursePage) -> Enrollment | None:
    """The trainee's active enrolment in `source` (a default-locale course), or None. Cached
    under the trainee's generation, which every enrolment written with save() or by a service
    moves on, and their place, which enrollment_touch moves on; keyed by the trainee, so nobody
    else ever reads it."""
    return generations.cached(
        "enrollment",
        _enrollment_names(user.pk),
        (user.pk, source.pk),
        lambda: Enrollment.objects.active().filter(trainee=user, course=source).first(),
    )


def enrollment_moved(*, enrollment: Enrollment) -> None:
    """After enrollment_touch has written where the trainee is (and moved PLACE on): the row as
    written is what the next read would find."""
    generations.bump(generations.personal_name(enrollment.trainee_id, PLACE))
    if enrollment.withdrawn_at is None:
        generations.store(
            "enrollment",
            _enrollment_names(enrollment.trainee_id),
            (enrollment.trainee_id, enrollment.course_id),
            enrollment,
        )


def course_state(
    *, course: CoursePage, user: User, enrollment=_UNKNOWN, language: str | None = None
) -> CourseState:
    """One trainee in one course, shown in `language` (by default the course's own).

    `course` may be the source course or any translation: progress is always the source's
    (courses/translation.py), so it is the same in every language. `enrollment`: the
    trainee's active enrolment in the source course (or None) when the caller has already read
    it; otherwise it is read here."""
    source = source_of(course)
    modules, lessons = course_skeleton(source)
    view = course_view(
        source=source, modules=modules, lessons=lessons, language=language or language_of(course)
    )
    completed: set[int] = set()
    extra: dict[int, bool] = {}
    if not user.is_authenticated:
        enrollment = None
    else:
        if enrollment is _UNKNOWN:
            enrollment = active_enrollment(user=user, source=source)
        mine = trainee_rows(user=user, source=source, modules=modules, lessons=lessons)
        completed = {view.shown_pk[lesson_id] for lesson_id in mine.completed}
        extra = {view.shown_pk.get(pk, pk): met for pk, met in mine.extra.items()}
    progress = compute_course_progress(
        modules=[
            (m.pk, [lesson.pk for lesson in view.lessons_by_module[m.pk]]) for m in view.modules
        ],
        completed_lesson_ids=completed,
        # Gating is the source course's: a translation cannot open what the course keeps shut.
        sequential=source.sequential,
        extra_requirements_met=extra,
    )
    return CourseState(
        course=view.course,
        modules=view.modules,
        lessons_by_module=view.lessons_by_module,
        enrollment=enrollment,
        completed_ids=completed,
        progress=progress,
        user=user,
        view=view,
        source_course=source,
    )


def cached_course_state(*, request, page) -> CourseState:
    """One computation per request, shared by the access guard and the page context, in the
    language the request is read in (an English page reached under /es/, a module nobody has
    translated yet, is shown inside the Spanish course)."""
    cached = getattr(request, "_peercert_course_state", None)
    if cached is not None and cached.contains(page):
        return cached
    if isinstance(page, CoursePage):
        course = page
    else:
        course = get_or_build(
            "course-of", (page.pk,), lambda: CoursePage.objects.ancestor_of(page).get()
        )
    state = course_state(course=course, user=request.user, language=get_language())
    request._peercert_course_state = state
    return state


def hours_by_domain(*, modules: list[ModulePage]) -> list[tuple[str, object]]:
    """Sum of the modules' domain allocations, in domain order, one query."""
    totals: dict[str, object] = {}
    rows = (
        ModuleDomainHours.objects.filter(module__in=[m.pk for m in modules])
        .select_related("domain")
        .order_by("domain__sort_order", "domain__name")
    )
    for row in rows:
        totals[row.domain.name] = totals.get(row.domain.name, 0) + row.hours
    return list(totals.items())


def _module_rows(state: CourseState) -> list[dict]:
    rows = []
    for module in state.modules:
        lessons = state.lessons_by_module[module.pk]
        rows.append(
            {
                "module": module,
                "progress": state.progress.module(module.pk),
                "lessons": [
                    {"page": lesson, "done": lesson.pk in state.completed_ids} for lesson in lessons
                ],
            }
        )
    return rows


def course_overview(*, course: CoursePage, request) -> dict:
    state = cached_course_state(request=request, page=course)
    total_hours = sum((m.contact_hours for m in state.modules), 0)
    source_modules = _source_modules(state)
    context = {
        "state": state,
        "module_rows": _module_rows(state),
        "total_hours": total_hours,
        # Hours are the source modules' (a translation's copy could drift).
        "hours_by_domain": get_or_build(
            "hours",
            (state.source_course.pk,),
            lambda: hours_by_domain(modules=source_modules),
        ),
        "enrollment": state.enrollment,
        "progress": state.progress,
        "next_lesson": _lesson_by_id(state, state.progress.next_lesson_id),
        "outline": None,
        "resume": None,
    }
    if state.enrollment is not None:
        outline = state.outline
        context["outline"] = outline
        context["resume"] = outline.resume_page(
            last_visited_id=state.shown_pk(state.enrollment.last_lesson_id)
        )
    return context


def _lesson_by_id(state: CourseState, lesson_id: int | None) -> LessonPage | None:
    if lesson_id is None:
        return None
    return next((lesson for lesson in state.lessons if lesson.pk == lesson_id), None)


def module_context(*, module: ModulePage, request) -> dict:
    state = cached_course_state(request=request, page=module)
    lessons = state.lessons_by_module.get(module.pk, [])
    return {
        "state": state,
        "course": state.course,
        "progress": state.progress,
        "module_progress": state.progress.module(module.pk),
        "crumbs": [state.course, module],
        "lesson_rows": [
            {"page": lesson, "done": lesson.pk in state.completed_ids} for lesson in lessons
        ],
        "module_items": state.outline.module(module.pk).items if state.enrollment else [],
    }


def rendered_body(*, lesson: LessonPage, request) -> str:
    """The lesson's body as HTML. Its blocks read nothing of the request or the person, so the
    published body is rendered once per generation; a preview (a draft) is never cached."""

    def render():
        return render_to_string("courses/includes/lesson_body.html", {"page": lesson})

    if getattr(request, "is_preview", False):
        return render()
    # Block templates carry words of their own (buttons, labels): one copy per language.
    return get_or_build("body", (lesson.pk, lesson.live_revision_id, get_language()), render)


def lesson_context(*, lesson: LessonPage, request) -> dict:
    state = cached_course_state(request=request, page=lesson)
    ordered = state.lessons
    index = next((i for i, page in enumerate(ordered) if page.pk == lesson.pk), None)
    previous_lesson = ordered[index - 1] if index else None
    module = state.module_of(lesson)
    context = {
        "body_html": rendered_body(lesson=lesson, request=request),
        "state": state,
        "course": state.course,
        "module": module,
        "progress": state.progress,
        "module_progress": state.progress.module(module.pk) if module else None,
        "is_complete": lesson.pk in state.completed_ids,
        "crumbs": [state.course, module, lesson] if module else [state.course, lesson],
        "previous_lesson": previous_lesson,
        "next_page": None,
        "next_locked": False,
        "module_lessons": [
            {"page": page, "done": page.pk in state.completed_ids}
            for page in (state.lessons_by_module.get(module.pk, []) if module else [])
        ],
        "module_items": [],
    }
    if state.enrollment is not None:
        outline = state.outline
        # The pager's "next" is the next place in the path: the next lesson, or the module's
        # quiz after its last lesson, or the final exam after the last module.
        step = outline.following_step(lesson)
        context["next_page"] = outline.page_of(step)
        context["next_locked"] = bool(step and step.locked)
        if module is not None:
            context["module_items"] = outline.module(module.pk).items
    else:
        following_lesson = (
            ordered[index + 1] if index is not None and index + 1 < len(ordered) else None
        )
        context["next_page"] = following_lesson
        context["next_locked"] = bool(following_lesson and state.is_locked(following_lesson))
    return context


def dashboard_enrollments(*, user: User, language: str | None = None) -> list[dict]:
    """The trainee's courses with progress, the outline and where to pick up, in `language`
    (the active one by default: the Spanish dashboard leads to the Spanish pages). Queries grow
    with the number of courses a trainee is enrolled in (a handful), never with the number of
    lessons."""
    language = language or get_language()
    enrollments = (
        Enrollment.objects.active()
        .for_user(user)
        .select_related("course")
        .order_by("-last_activity_at", "-enrolled_at")
    )
    rows = []
    for enrollment in enrollments:
        state = course_state(
            course=enrollment.course, user=user, enrollment=enrollment, language=language
        )
        outline = state.outline
        last_shown = state.shown_pk(enrollment.last_lesson_id)
        resume = outline.resume_page(last_visited_id=last_shown)
        rows.append(
            {
                "enrollment": enrollment,
                "course": state.course,
                "progress": state.progress,
                "next_lesson": _lesson_by_id(state, state.progress.next_lesson_id),
                "resume_lesson": _lesson_by_id(state, last_shown),
                # "Next" and "Resume where you left off" are the same place: the lesson last
                # opened while it is still to do, else the next step after it.
                "resume": resume,
                "current_module": outline.module_pk_of(resume),
                "started": bool(state.completed_ids) or enrollment.last_lesson_id is not None,
                "outline": outline,
                "module_rows": _module_rows(state),
            }
        )
    return rows


__all__ = [
    "PLACE",
    "active_enrollment",
    "enrollment_moved",
    "CourseOutline",
    "CourseState",
    "ModuleOutline",
    "build_outline",
    "cached_course_state",
    "course_overview",
    "course_state",
    "dashboard_enrollments",
    "lesson_context",
    "module_context",
    "outline_items",
]
