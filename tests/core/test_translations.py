"""The Spanish catalogue is complete: every message translated, none fuzzy, placeholders kept;
every message the code and templates mark is in it; and no template shows text that was never
marked for translation.

After changing any user-facing string: run
    manage.py makemessages -l es --no-wrap --no-obsolete -i ".venv/*" -i "node_modules/*" \
        -i "tests/*" -i "static/*" -i "var/*" -i "bench/*"
(and `-d djangojs` for scripts), translate what is new (docs/glossary-es.md fixes the terms),
and run this file again.
"""

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from core.mail_subjects import SUBJECTS
from tests.conftest import require

ROOT = Path(__file__).resolve().parent.parent.parent
LOCALE = ROOT / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|%%")
IGNORED = [".venv/*", "node_modules/*", "tests/*", "static/*", "var/*", "bench/*"]


def test_there_is_a_spanish_catalogue_for_django_and_for_scripts():
    assert {p.relative_to(LOCALE).as_posix() for p in CATALOGUES} >= {
        "es/LC_MESSAGES/django.po",
        "es/LC_MESSAGES/djangojs.po",
    }


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(LOCALE).as_posix())
def test_every_message_is_translated_and_none_is_fuzzy(path):
    po = polib.pofile(str(path))
    assert not po.metadata_is_fuzzy, "the header is fuzzy: its plural forms would be ignored"
    assert po.metadata.get("Language") == path.parent.parent.name
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
        elif entry.msgid_plural:
            forms = [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
            if not all(forms):
                problems.append(f"plural form missing: {entry.msgid!r}")
        elif not entry.msgstr:
            problems.append(f"untranslated: {entry.msgid!r}")
    assert not problems, f"{len(problems)} messages in {path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.relative_to(LOCALE).as_posix())
def test_translations_keep_every_placeholder(path):
    problems = []
    for entry in polib.pofile(str(path)).translated_entries():
        pairs = (
            [(entry.msgid_plural, s) for s in entry.msgstr_plural.values()]
            if entry.msgid_plural
            else [(entry.msgid, entry.msgstr)]
        )
        wanted = set(PLACEHOLDER.findall(entry.msgid)) | set(
            PLACEHOLDER.findall(entry.msgid_plural or "")
        )
        for _source, translated in pairs:
            if not set(PLACEHOLDER.findall(translated)) <= wanted:
                problems.append(f"{entry.msgid!r} -> {translated!r}")
        if not entry.msgid_plural and sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(
            PLACEHOLDER.findall(entry.msgstr)
        ):
            problems.append(f"{entry.msgid!r} -> {entry.msgstr!r}")
    assert not problems, "placeholders changed:\n" + "\n".join(problems)


def test_every_email_subject_constant_is_translated():
    """Subjects are constants translated when sent (core/mail_subjects.py lists them for the
    catalogue): one added or changed without its Spanish shows up here."""
    subjects = set()
    for source in ROOT.glob("*/*.py"):
        if source.parts[-2] in {"tests", ".venv", "bench"}:
            continue
        for node in ast.walk(ast.parse(source.read_text())):
            if (
                isinstance(node, ast.Assign)
                and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id.endswith("SUBJECT")
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                subjects.add(node.value.value)
    assert subjects, "no subject constants found: has the convention changed?"
    assert subjects <= set(SUBJECTS), f"add to core/mail_subjects.py: {subjects - set(SUBJECTS)}"
    translated = {e.msgid for e in polib.pofile(str(LOCALE / "es/LC_MESSAGES/django.po"))}
    assert set(SUBJECTS) <= translated


def test_the_catalogue_holds_every_message_the_code_marks(tmp_path):
    """makemessages into a scratch folder: any message it finds that django.po lacks was added
    (or reworded) without a Spanish translation."""
    require(shutil.which("xgettext") is not None, "GNU gettext (xgettext)")
    # makemessages writes into every "locale" folder beside the files it reads: it reads the
    # project through links in a folder of its own, so it can write only into the scratch one.
    source = tmp_path / "source"
    source.mkdir()
    for entry in ROOT.iterdir():
        if entry.name not in {"locale", ".git", ".venv", "var", "static"}:
            (source / entry.name).symlink_to(entry)
    scratch = tmp_path / "scratch"
    (scratch / "es" / "LC_MESSAGES").mkdir(parents=True)
    script = (
        "import django; django.setup(); "
        "from django.conf import settings; from django.core.management import call_command; "
        f"settings.LOCALE_PATHS = [{str(scratch)!r}]; "
        "call_command('makemessages', locale=['es'], no_wrap=True, symlinks=True, verbosity=0, "
        f"ignore_patterns={IGNORED!r})"
    )
    subprocess.run(
        [sys.executable, "-c", script],
        cwd=source,
        check=True,
        capture_output=True,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "PATH": "/usr/bin:/bin"},
    )
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(scratch / "es/LC_MESSAGES/django.po"))}
    committed = {
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(LOCALE / "es/LC_MESSAGES/django.po"))
        if not e.obsolete
    }
    assert len(fresh) > 1000, "makemessages found almost nothing: is it reading the project?"
    missing = sorted(msgid for _ctx, msgid in fresh - committed)
    assert not missing, (
        f"{len(missing)} messages are not in locale/es/LC_MESSAGES/django.po (run makemessages "
        "and translate them, see this file's docstring):\n" + "\n".join(map(repr, missing[:40]))
    )


# --- templates: no visible text outside {% translate %} / {% blocktranslate %} ---------------

TEMPLATES = ROOT / "templates"
# Static on purpose: shown when the application itself failed, so it needs nothing, i18n
# included; it carries its words in both languages.
STATIC_PAGES = {"500.html"}
SKIPPED = [
    re.compile(r"\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"<(script|style|code|pre)\b.*?</\1>", re.S | re.I),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
]
VISIBLE_ATTRIBUTE = re.compile(r'\b(alt|title|placeholder|aria-label)="([^"]*)"')
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&(?:[a-z]+|#\d+);")
# What may stand untranslated: the product's name, protocol names and units, site paths in
# e-mails, and a CSS class given to a block.
NOT_WORDS = re.compile(r"PeerCert|\bHTTP\b|\bms\b|(?<!\w)/[\w/.-]*|^[a-z]+(?:-[a-z]+)+$")
WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def untranslated_text(template: str, *, html: bool) -> list[str]:
    for pattern in SKIPPED:
        template = pattern.sub(" ", template)
    found = [
        f'{m.group(1)}="{m.group(2)}"'
        for m in VISIBLE_ATTRIBUTE.finditer(template)
        if WORD.search(NOT_WORDS.sub(" ", m.group(2)))
    ]
    text = ENTITY.sub(" ", TAG.sub(" ", template) if html else template)
    for line in text.splitlines():
        if WORD.search(NOT_WORDS.sub(" ", line.strip())):
            found.append(line.strip())
    return found


def test_the_template_scan_finds_what_it_must():
    assert untranslated_text("<p>Hello there</p>", html=True) == ["Hello there"]
    assert untranslated_text('<img alt="A chart">', html=True) == ['alt="A chart"']
    assert untranslated_text('{% translate "Hi" %}<b>{{ name }}</b>', html=True) == []
    assert (
        untranslated_text("{% blocktranslate %}Hi {{ n }}{% endblocktranslate %}", html=True) == []
    )
    assert untranslated_text("{{ site_url }}/dashboard/\n— PeerCert", html=False) == []


def test_templates_show_no_text_that_is_not_marked_for_translation():
    problems = []
    for path in sorted(TEMPLATES.rglob("*")):
        if path.suffix not in (".html", ".txt") or path.name in STATIC_PAGES:
            continue
        for text in untranslated_text(path.read_text(), html=path.suffix == ".html"):
            problems.append(f"{path.relative_to(TEMPLATES)}: {text}")
    assert not problems, "text outside {% translate %}:\n" + "\n".join(problems)


def test_the_static_error_page_speaks_both_languages():
    page = (TEMPLATES / "500.html").read_text()
    assert "Call or text 988" in page
    assert "oprima el 2" in page and "911" in page
