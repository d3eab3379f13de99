"""E-mail subjects, for the message catalogue.

Each app keeps its subjects as plain module constants (``ISSUED_SUBJECT = "…"``) and translates
them when the e-mail is sent, in the recipient's language (``_(subject)`` in core.decisions and
the apps' own senders). makemessages cannot see a constant's value through ``_(subject)``, so
the subjects are listed here for extraction. tests/core/test_translations.py fails when any
``*_SUBJECT`` constant of the project has no Spanish translation, so a new or changed subject is
noticed: add it below and translate it.
"""

from django.utils.translation import gettext_noop

SUBJECTS = [
    gettext_noop("Your PeerCert certificate is ready"),
    gettext_noop("Supervised hours wait for your sign-off"),
    gettext_noop("A supervised-hours entry was returned to you"),
    gettext_noop("Your name change request was reviewed"),
    gettext_noop("The status of your PeerCert certificate has changed"),
    gettext_noop("A certificate on your PeerCert roster has changed"),
    gettext_noop("Your request for PeerCert employer tools was reviewed"),
    gettext_noop("A place in your cohort is yours"),
    gettext_noop("A session of your cohort has changed"),
    gettext_noop("Reminder: your training session is tomorrow"),
    gettext_noop("Your outside training has been reviewed"),
    gettext_noop("Work waiting for you in PeerCert"),
    gettext_noop("Your PeerCert certificate is due for renewal"),
    gettext_noop("A continuing education record was reviewed"),
    gettext_noop("Your renewal application was reviewed"),
    gettext_noop("News about your application for certification"),
    gettext_noop("A letter of recommendation is asked of you"),
    gettext_noop("Your practical evaluation result is ready"),
    gettext_noop("Your practical evaluation is scheduled"),
    gettext_noop("A PeerCert webhook endpoint of yours was switched off"),
    gettext_noop("Your supervisor credential on file expires soon"),
    gettext_noop("The board decided your request for more time"),
]
