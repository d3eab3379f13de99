import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

NOT_CE = "Initial certification training does not count as continuing education."


def sort_out_platform_credit(apps, schema_editor):
    """Platform credit so far went to every module a certified holder completed, the course
    their credential required included. Each record learns its course; records for a course a
    credential of the holder required are withdrawn (not accepted, with the reason, so the
    holder sees why); any other course keeps earning CE for the credentials whose version does
    not require it, as before, now as CECourse data."""
    CEActivity = apps.get_model("continuing_education", "CEActivity")
    CECourse = apps.get_model("continuing_education", "CECourse")
    CERules = apps.get_model("continuing_education", "CERules")
    Certificate = apps.get_model("certificates", "Certificate")
    CourseRequirement = apps.get_model("certificates", "CourseRequirement")
    Page = apps.get_model("wagtailcore", "Page")
    platform = CEActivity.objects.filter(source="platform", source_module__isnull=False)
    if not platform.exists():
        return
    courses = list(
        Page.objects.filter(
            content_type__app_label="courses", content_type__model="coursepage"
        ).values_list("pk", "path")
    )
    required_by_version: dict[int, set[int]] = {}
    for version_id, course_id in CourseRequirement.objects.values_list("version_id", "course_id"):
        required_by_version.setdefault(version_id, set()).add(course_id)
    kept_courses = set()
    for activity in platform.select_related("source_module"):
        path = activity.source_module.path
        course_id = next((pk for pk, prefix in courses if path.startswith(prefix)), None)
        versions = set(
            Certificate.objects.filter(holder_id=activity.holder_id).values_list(
                "version_id", flat=True
            )
        )
        required = set().union(*(required_by_version.get(v, set()) for v in versions))
        update = {"source_course_id": course_id}
        if course_id is None or course_id in required:
            update.update(status="rejected", rejection_reason=NOT_CE)
        else:
            kept_courses.add(course_id)
        # Historical models: the "approved records are immutable" guard is not in the way.
        CEActivity.objects.filter(pk=activity.pk).update(**update)
    for rules in CERules.objects.all():
        for course_id in kept_courses - required_by_version.get(rules.version_id, set()):
            CECourse.objects.get_or_create(rules=rules, course_id=course_id)


class Migration(migrations.Migration):
    dependencies = [
        ("continuing_education", "0002_decision_emailed_at"),
        ("courses", "0003_course_final_requires_modules"),
        ("certificates", "0010_status_notices"),
    ]

    operations = [
        migrations.AddField(
            model_name="ceactivity",
            name="source_course",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="courses.coursepage",
            ),
        ),
        migrations.CreateModel(
            name="CECourse",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "course",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.coursepage",
                        verbose_name="course",
                    ),
                ),
                (
                    "rules",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="ce_courses",
                        to="continuing_education.cerules",
                    ),
                ),
            ],
            options={
                "verbose_name": "course that earns CE",
                "verbose_name_plural": "courses that earn CE",
                "constraints": [
                    models.UniqueConstraint(fields=("rules", "course"), name="unique_ce_course")
                ],
            },
        ),
        migrations.RunPython(sort_out_platform_credit, migrations.RunPython.noop),
    ]
