import django.utils.timezone
from django.db import migrations, models
from django.db.models import F


def seen_as_last_told(apps, schema_editor):
    """Existing entries: the employer last saw what they were last told, when they added it."""
    RosterEntry = apps.get_model("employers", "RosterEntry")
    RosterEntry.objects.update(seen_status=F("last_notified_status"), seen_at=F("added_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0003_employer_access_requests"),
    ]

    operations = [
        migrations.AddField(
            model_name="rosterentry",
            name="seen_at",
            field=models.DateTimeField(default=django.utils.timezone.now, editable=False),
        ),
        migrations.AddField(
            model_name="rosterentry",
            name="seen_status",
            field=models.CharField(blank=True, editable=False, max_length=20),
        ),
        migrations.RunPython(seen_as_last_told, migrations.RunPython.noop),
    ]
