from decimal import Decimal, InvalidOperation

from django import template
from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

from cms.navigation import header_roles

register = template.Library()


@register.filter
def hours(value) -> str:
    """7.50 → "7.5", 8.00 → "8": hours read as people say them, without losing precision."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return ""
    text = format(number.normalize(), "f")
    return text


@register.filter
def may_open_admin(user) -> bool:
    return header_roles(user)[0]


@register.filter
def is_employer_in_header(user) -> bool:
    return header_roles(user)[1]


@register.filter
def is_evaluator_in_header(user) -> bool:
    return header_roles(user)[2]


@register.filter
def is_instructor_in_header(user) -> bool:
    """Instructors reach their cohorts' rosters (/sessions/) from every page."""
    return header_roles(user)[3]


@register.simple_tag(takes_context=True)
def page_userbar(context) -> str:
    """Wagtail's editing bar, on a Wagtail page, for those who may open the admin. Not on the
    other views (dashboards, certificates, quizzes' result pages, the 403 and 404 pages): there
    is no page there to edit, the header's "Admin" link is the way in, and on a staff member's
    404 page the bar took half the time (8 ms of 17, measured)."""
    if get_page_instance(context) is None or not may_open_admin(context.get("user")):
        return ""
    return wagtailuserbar(context)
