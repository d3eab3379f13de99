from django import template

from employers.selectors import is_employer as _is_employer

register = template.Library()


@register.filter
def is_employer(user) -> bool:
    """``{% if user|is_employer %}``: one query per request, cached on the user."""
    return _is_employer(user)
