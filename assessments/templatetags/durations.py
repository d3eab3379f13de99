from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def minutes_as_duration(minutes) -> str:
    """1440 → "1 day", 90 → "1 hour 30 minutes": how people say a wait, not a count of minutes."""
    try:
        remaining = int(minutes)
    except (TypeError, ValueError):
        return ""
    days, remaining = divmod(remaining, 24 * 60)
    hours, remaining = divmod(remaining, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d day", "%(n)d days", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours})
    if remaining or not parts:
        parts.append(ngettext("%(n)d minute", "%(n)d minutes", remaining) % {"n": remaining})
    return " ".join(parts)
