"""Assessment pages as the reader's language has them (courses/translation.py)."""

from django import template
from django.utils.translation import get_language

from courses.translation import in_language

register = template.Library()


@register.filter
def title_in_language(page) -> str:
    """An assessment's title in the active language: its translation's where it has a live
    one ("Cuestionario del módulo 2"), else its own. Read once per content generation."""
    if page is None:
        return ""
    return in_language(page, get_language()).title
