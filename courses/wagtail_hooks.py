from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .cache import remember_route
from .documents import can_open_document
from .media import CourseDocumentsAPIViewSet, CourseImagesAPIViewSet
from .models import Competency, CourseIndexPage, CoursePage, TrainingDomain
from .permissions import ensure_course_instructor_group, ensure_role_groups, foreign_course_paths


class TrainingDomainViewSet(SnippetViewSet):
    model = TrainingDomain
    icon = "list-ul"
    list_display = ["name", "name_es", "framework", "sort_order"]
    menu_label = _("Training domains")


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "tick-inverse"
    list_display = ["number", "title", "title_es", "framework"]
    menu_label = _("Competencies")


class CurriculumFrameworkGroup(SnippetViewSetGroup):
    items = (TrainingDomainViewSet, CompetencyViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Curriculum framework")
    menu_name = "curriculum-framework"


register_snippet(CurriculumFrameworkGroup)


@hooks.register("construct_page_chooser_queryset")
def keep_the_page_chooser_to_ones_own_courses(pages, request):
    """Wagtail's page chooser lists every page with its latest (draft) title to any admin user.
    An instructor sees only the courses they teach; browsing into another course is a 404."""
    paths = foreign_course_paths(request.user)
    if not paths:
        return pages
    match = request.resolver_match
    parent_id = match.kwargs.get("parent_page_id") if match else None
    if parent_id is not None:
        parent_path = Page.objects.filter(pk=parent_id).values_list("path", flat=True).first()
        if parent_path and parent_path.startswith(tuple(paths)):
            raise Http404
    for path in paths:
        pages = pages.exclude(path__startswith=path)
    return pages


@hooks.register("construct_reports_menu")
def hide_page_types_usage_from_instructors(request, menu_items):
    # The report names the last edited page of each type, draft titles of any course included.
    if foreign_course_paths(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


@hooks.register("after_create_page")
def give_new_courses_their_roles(request, page):
    """A course index gets the review workflow and the reviewers' rights, a course its own
    instructor group, as soon as an administrator creates them: putting people in groups is
    then all that is left to do (Settings → Users → Roles)."""
    specific = page.specific
    if isinstance(specific, CourseIndexPage):
        ensure_role_groups(course_index=specific)
    elif isinstance(specific, CoursePage):
        ensure_course_instructor_group(course=specific)


@hooks.register("before_serve_document")
def documents_follow_their_lessons(document, request):
    if can_open_document(user=request.user, document=document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own, which these replace
def keep_the_media_api_to_ones_own_uploads(router):
    router.register_endpoint("documents", CourseDocumentsAPIViewSet)
    router.register_endpoint("images", CourseImagesAPIViewSet)


# The route Wagtail found for a URL, cached until the next publish (courses/cache.py).
hooks.register("before_serve_page", remember_route)
