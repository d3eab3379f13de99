"""Pure progress and gating arithmetic."""

from hypothesis import given
from hypothesis import strategies as st

from courses.progress import compute_course_progress, percent


def test_percent_is_floored_and_capped():
    assert percent(0, 0) == 0
    assert percent(2, 3) == 66
    assert percent(3, 3) == 100
    assert percent(5, 3) == 100


def test_completions_of_unpublished_lessons_do_not_count():
    progress = compute_course_progress(
        modules=[(1, [10, 11])], completed_lesson_ids={10, 11, 99}, sequential=False
    )
    assert progress.done == 2
    assert progress.percent == 100


def test_sequential_course_locks_modules_after_an_incomplete_one():
    progress = compute_course_progress(
        modules=[(1, [10, 11]), (2, [20]), (3, [30])],
        completed_lesson_ids={10},
        sequential=True,
    )
    assert [m.locked for m in progress.modules] == [False, True, True]
    assert progress.next_lesson_id == 11


def test_module_with_unmet_extra_requirement_is_not_complete_and_keeps_next_locked():
    progress = compute_course_progress(
        modules=[(1, [10]), (2, [20])],
        completed_lesson_ids={10},
        sequential=True,
        extra_requirements_met={1: False},
    )
    assert progress.modules[0].lessons_done
    assert not progress.modules[0].complete
    assert progress.modules[1].locked


def test_non_sequential_course_never_locks():
    progress = compute_course_progress(
        modules=[(1, [10]), (2, [20])], completed_lesson_ids=set(), sequential=False
    )
    assert not any(m.locked for m in progress.modules)


@given(
    lesson_counts=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=6),
    completed=st.sets(st.integers(min_value=0, max_value=80)),
    sequential=st.booleans(),
)
def test_progress_stays_between_0_and_100(lesson_counts, completed, sequential):
    modules, next_id = [], 0
    for module_id, count in enumerate(lesson_counts):
        modules.append((module_id, list(range(next_id, next_id + count))))
        next_id += count
    progress = compute_course_progress(
        modules=modules, completed_lesson_ids=completed, sequential=sequential
    )
    assert 0 <= progress.percent <= 100
    assert all(0 <= m.percent <= 100 for m in progress.modules)
    assert progress.done <= progress.total
    if progress.next_lesson_id is not None:
        assert progress.next_lesson_id not in completed
