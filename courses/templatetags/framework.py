"""Framework data in the reader's language (courses/framework.py), for templates that hold a
training domain's English name rather than the row: ``{{ name|domain_label }}``."""

from django import template

from courses.framework import domain_label as _domain_label

register = template.Library()


@register.filter
def domain_label(name) -> str:
    """A training domain's English name in the reader's language (unchanged when none)."""
    return _domain_label(name)
