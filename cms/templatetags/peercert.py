from decimal import Decimal, InvalidOperation

from django import template

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
