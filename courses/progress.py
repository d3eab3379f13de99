"""Progress and gating arithmetic. Pure: plain ids in, plain results out, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ModuleProgress:
    module_id: int
    total: int
    done: int
    lessons_done: bool
    complete: bool
    locked: bool

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)


@dataclass(frozen=True)
class CourseProgress:
    modules: tuple[ModuleProgress, ...]
    total: int
    done: int
    next_lesson_id: int | None

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def complete(self) -> bool:
        return bool(self.modules) and all(module.complete for module in self.modules)

    def module(self, module_id: int) -> ModuleProgress | None:
        return next((m for m in self.modules if m.module_id == module_id), None)


def percent(done: int, total: int) -> int:
    """Whole percent, floored, so 99.6 % never shows as 100 % before the last lesson."""
    if total <= 0:
        return 0
    return min(100, done * 100 // total)


def compute_course_progress(
    *,
    modules: Sequence[tuple[int, Sequence[int]]],
    completed_lesson_ids: Iterable[int],
    sequential: bool,
    extra_requirements_met: Mapping[int, bool] | None = None,
) -> CourseProgress:
    """Progress of one trainee through one course.

    `modules` lists the currently published modules in course order, each with its currently
    published lesson ids in order. Completions of lessons that are no longer published are
    ignored, so progress stays within 0–100 % when an instructor adds or unpublishes a lesson.
    `extra_requirements_met` lets a module need more than its lessons (e.g. a passed quiz).
    """
    completed = set(completed_lesson_ids)
    extra = extra_requirements_met or {}
    results: list[ModuleProgress] = []
    previous_complete = True
    next_lesson_id: int | None = None
    for module_id, lesson_ids in modules:
        done = sum(1 for lesson_id in lesson_ids if lesson_id in completed)
        lessons_done = done == len(lesson_ids)
        complete = lessons_done and extra.get(module_id, True)
        locked = sequential and not previous_complete
        if next_lesson_id is None and not locked:
            next_lesson_id = next((i for i in lesson_ids if i not in completed), None)
        results.append(
            ModuleProgress(
                module_id=module_id,
                total=len(lesson_ids),
                done=done,
                lessons_done=lessons_done,
                complete=complete,
                locked=locked,
            )
        )
        previous_complete = previous_complete and complete
    return CourseProgress(
        modules=tuple(results),
        total=sum(m.total for m in results),
        done=sum(m.done for m in results),
        next_lesson_id=next_lesson_id,
    )
