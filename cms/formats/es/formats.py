"""Spanish for readers in the United States: Django's es_MX conventions (a decimal point and a
thousands comma, as US forms and money write them: 2.5 hours, $1,250.00; "6 de diciembre de
2026"), with weeks starting on Sunday as US calendars do. Django's plain "es" writes 2,5."""

from django.conf.locale.es_MX.formats import *  # noqa: F403

FIRST_DAY_OF_WEEK = 0  # Sunday

# Templates and code ask for some dates with a literal format ("j F Y" reads "6 December 2026"),
# which Django would apply as given in every language: Spanish would read "6 diciembre 2026".
# django.utils.formats.get_format() first looks a requested format up by name in the active
# language's formats module and only then uses it as given, so naming those literal formats here
# gives Spanish its own word order everywhere they are used, with no template to change:
# "6 de diciembre de 2026", "domingo, 6 de diciembre de 2026, 14:30". English has no module, so
# it keeps the literal. tests/certificates/test_pdf_language.py checks both.
LITERAL_FORMATS = {
    "j F Y": r"j \d\e F \d\e Y",
    "j F Y, H:i": r"j \d\e F \d\e Y, H:i",
    "j F Y, H:i e": r"j \d\e F \d\e Y, H:i e",
    "l j F Y, H:i": r"l, j \d\e F \d\e Y, H:i",
    "l j F Y, H:i T": r"l, j \d\e F \d\e Y, H:i T",
    "l j F, H:i": r"l, j \d\e F, H:i",
}
globals().update(LITERAL_FORMATS)
