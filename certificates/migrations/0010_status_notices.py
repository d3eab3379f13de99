from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0009_synchronous_share_and_topics"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificateevent",
            name="holder_emailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
    ]
