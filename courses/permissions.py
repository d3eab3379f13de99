"""Who may author what in the Wagtail admin.

- "Instructors": may enter the admin; page rights and media rights come only from a per-course
  group ("Course instructors: <course>") holding add/change on that course's subtree and on its
  own collection of images and documents, so an instructor cannot touch, or even choose, what
  belongs to a course they were not given. No publish right: they submit.
- "Reviewers": approve or reject through the "Curriculum review" workflow and may publish; they
  also write and publish the practical-evaluation instruments.
- "Supervisors", "Employers", "Evaluators": no admin rights; their tools are on the site.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    ReferenceIndex,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts import roles

from .models import CoursePage

if TYPE_CHECKING:
    from accounts.models import User

# The role names live in accounts/roles.py; these aliases keep the names other code imports.
INSTRUCTORS_GROUP = roles.INSTRUCTORS
REVIEWERS_GROUP = roles.REVIEWERS
SUPERVISORS_GROUP = roles.SUPERVISORS
EMPLOYERS_GROUP = roles.EMPLOYERS
EVALUATORS_GROUP = roles.EVALUATORS
REVIEW_WORKFLOW = "Curriculum review"
REVIEW_TASK = "Reviewer approval"


def _permissions(codenames: list[tuple[str, str]]) -> list[Permission]:
    """The permissions named by (app label, codename), in one query (publishing a course index
    re-grants some sixty of them). A name with no permission is a mistake in these lists, so
    it fails loudly."""
    wanted = set(codenames)
    found = [
        perm
        for perm in Permission.objects.filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
        if (perm.content_type.app_label, perm.codename) in wanted
    ]
    missing = wanted - {(perm.content_type.app_label, perm.codename) for perm in found}
    if missing:
        raise Permission.DoesNotExist(f"No such permissions: {sorted(missing)}")
    return found


def _grant_page(group: Group, page: Page, codenames: list[str]) -> None:
    for permission in _permissions([("wagtailcore", codename) for codename in codenames]):
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_collection(group: Group, permissions: list[Permission], collection: Collection) -> None:
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )


MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
# A course's instructors work in the course's own collection: its choosers list that course's
# uploads only, and co-instructors may edit each other's.
COURSE_MEDIA_PERMISSIONS = MEDIA_PERMISSIONS + [
    ("wagtailimages", "change_image"),
    ("wagtaildocs", "change_document"),
]


# Question-bank snippets: instructors write drafts, reviewers publish them.
INSTRUCTOR_MODEL_PERMISSIONS = [
    ("assessments", "add_question"),
    ("assessments", "change_question"),
    ("assessments", "view_question"),
    ("assessments", "add_questioncategory"),
    ("assessments", "change_questioncategory"),
    ("assessments", "view_questioncategory"),
    # "Translate" in a page's actions (wagtail.contrib.simple_translation): the copy in the
    # other locale is then edited and sent for review like any draft.
    ("simple_translation", "submit_translation"),
]
# Accommodations: the instructors of an assessment's course give them (scoped per course in
# assessments/wagtail_hooks.py); reviewers approve content, not arrangements for people.
INSTRUCTOR_ONLY_PERMISSIONS = [
    ("assessments", "add_accommodation"),
    ("assessments", "change_accommodation"),
    ("assessments", "delete_accommodation"),
    ("assessments", "view_accommodation"),
]
REVIEWER_MODEL_PERMISSIONS = INSTRUCTOR_MODEL_PERMISSIONS + [("assessments", "publish_question")]
# Practical-evaluation instruments (evaluations/): reviewers write and publish them, as they
# approve the rest of the curriculum. Evaluators score with them on the site, not in the admin.
INSTRUMENT_PERMISSIONS = [
    ("evaluations", "add_instrument"),
    ("evaluations", "change_instrument"),
    ("evaluations", "view_instrument"),
    ("evaluations", "publish_instrument"),
]


# Cohorts and their sessions (cohorts/): a course's instructors schedule them (the admin keeps
# each instructor to their own courses' cohorts); topics are board data reviewers keep.
COHORT_PERMISSIONS = [
    ("cohorts", "add_cohort"),
    ("cohorts", "change_cohort"),
    ("cohorts", "delete_cohort"),
    ("cohorts", "view_cohort"),
    ("cohorts", "add_session"),
    ("cohorts", "change_session"),
    ("cohorts", "delete_session"),
    ("cohorts", "view_session"),
    ("cohorts", "view_topic"),
]
TOPIC_PERMISSIONS = [
    ("cohorts", "add_topic"),
    ("cohorts", "change_topic"),
    ("cohorts", "view_topic"),
]


def _grant_models(group: Group, codenames: list[tuple[str, str]]) -> None:
    group.permissions.add(*_permissions(codenames))


def ensure_role_groups(*, course_index: Page | None = None) -> dict[str, Group]:
    """Create the role groups, their permissions and the review workflow. Idempotent."""
    [access_admin] = _permissions([("wagtailadmin", "access_admin")])
    groups = {}
    for name in roles.ROLES:
        groups[name], _ = Group.objects.get_or_create(name=name)
    for name in (INSTRUCTORS_GROUP, REVIEWERS_GROUP):
        groups[name].permissions.add(access_admin)
    root, media = Collection.get_first_root_node(), _permissions(MEDIA_PERMISSIONS)
    _grant_collection(groups[REVIEWERS_GROUP], media, root)
    # Instructors' media rights come from their courses' collections only (earlier releases
    # granted them on the root, which showed every course's uploads).
    GroupCollectionPermission.objects.filter(
        group=groups[INSTRUCTORS_GROUP], collection=root, permission__in=media
    ).delete()
    _grant_models(
        groups[INSTRUCTORS_GROUP],
        INSTRUCTOR_MODEL_PERMISSIONS + INSTRUCTOR_ONLY_PERMISSIONS + COHORT_PERMISSIONS,
    )
    _grant_models(
        groups[REVIEWERS_GROUP],
        REVIEWER_MODEL_PERMISSIONS + INSTRUMENT_PERMISSIONS + TOPIC_PERMISSIONS,
    )

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(groups[REVIEWERS_GROUP])
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if course_index is not None:
        _grant_page(
            groups[REVIEWERS_GROUP],
            course_index,
            ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        )
        WorkflowPage.objects.update_or_create(page=course_index, defaults={"workflow": workflow})
    return groups


def ensure_course_instructor_group(*, course) -> Group:
    from .translation import source_of  # translation reads the models; keep the import late

    source = source_of(course)
    if source.pk != course.pk:
        # A translation: its source's instructors translate it, in its collection.
        group = ensure_course_instructor_group(course=source)
        _grant_page(group, course, ["add_page", "change_page"])
        if course.media_collection_id is None and source.media_collection_id is not None:
            type(course).objects.filter(pk=course.pk).update(
                media_collection=source.media_collection_id
            )
            course.media_collection_id = source.media_collection_id
        return group
    group = course.instructor_group
    if group is None:
        group, _ = Group.objects.get_or_create(
            name=roles.course_instructors_group_name(course.title)
        )
        type(course).objects.filter(pk=course.pk).update(instructor_group=group)
        course.instructor_group = group
    _grant_page(group, course, ["add_page", "change_page"])
    _grant_collection(
        group, _permissions(COURSE_MEDIA_PERMISSIONS), ensure_course_collection(course=course)
    )
    return group


def ensure_course_collection(*, course) -> Collection:
    collection = course.media_collection
    if collection is None:
        collection = Collection.get_first_root_node().add_child(
            name=f"Course: {course.title}"[:255]
        )
        type(course).objects.filter(pk=course.pk).update(media_collection=collection)
        course.media_collection = collection
        # A queryset update sends no post_save: tell Wagtail's reference index ("usage" of the
        # collection in the admin) that the course now points at it.
        ReferenceIndex.create_or_update_for_object(course)
    return collection


def courses_taught_by(user: User):
    """Courses whose instructor group the user belongs to, and their translations."""
    return CoursePage.objects.filter(
        translation_key__in=CoursePage.objects.filter(instructor_group__user=user).values(
            "translation_key"
        )
    )


def sees_every_course(user: User) -> bool:
    """Superusers and reviewers, who approve every course's content. Read from the person's
    cached group names (accounts/roles.py: no query when cached), which joining or leaving a
    group, or a group's renaming, moves on at once, as the role homes read every role."""
    return user.is_superuser or roles.REVIEWERS in roles.group_names(user)


def foreign_course_paths(user: User) -> list[str]:
    """Tree paths of the courses this user neither teaches nor reviews."""
    if sees_every_course(user):
        return []
    return list(
        CoursePage.objects.exclude(pk__in=courses_taught_by(user).values("pk")).values_list(
            "path", flat=True
        )
    )


def for_every_course_only(view):
    """Wrap a Wagtail admin view that shows all courses' pages: only those who see every course
    may open it (cms/urls.py routes Wagtail's page-types-usage report through this)."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if foreign_course_paths(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded
