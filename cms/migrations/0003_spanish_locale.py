"""The Spanish content locale (Wagtail's initial migration made the English one)."""

from django.db import migrations


def add_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="es")


def remove_spanish(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    # Only when nothing is in Spanish yet: a page's locale is protected.
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is not None and not Page.objects.filter(locale=spanish).exists():
        spanish.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_staff_digest"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(add_spanish, remove_spanish)]
