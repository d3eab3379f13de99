"""Spanish for readers in the United States: Django's es_MX conventions (a decimal point and a
thousands comma, as US forms and money write them: 2.5 hours, $1,250.00; "6 de diciembre de
2026"), with weeks starting on Sunday as US calendars do. Django's plain "es" writes 2,5."""

from django.conf.locale.es_MX.formats import *  # noqa: F403

FIRST_DAY_OF_WEEK = 0  # Sunday
