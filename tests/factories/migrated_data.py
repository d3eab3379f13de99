"""The rows the data migrations put in a fresh database, for a test database built straight from
the models (pytest-django's --no-migrations, which tests/conftest.py chooses unless a selected
test needs the real migrations).

Rendering the migration state of 300-odd migrations costs every test process about a minute of
CPU; the tables come out the same from the models (checked table by table, index by index,
constraint by constraint against a migrated database), and the only data migrations leave
behind is what is created here, in the same order so the primary keys are the same too:

- Wagtail: the content language (its 0054), the root collection, the root page and the
  "Welcome" page under it with the default site (0001/0002), the Moderators and Editors
  groups with their admin, page, image and document permissions, and the "Moderators
  approval" workflow on the root page (later wagtailcore, wagtailimages, wagtaildocs and
  wagtailadmin migrations);
- PeerCert: the Spanish locale (cms 0003).

tests/test_migrated_data.py compares this with what the migrations create, row by row, so a
Wagtail upgrade or a new data migration that adds rows fails there instead of quietly
diverging. Rows are inserted without signals, as the migrations do (no search or reference
index entries, no audit log).
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

# Groups, in the order Wagtail's migrations create them (so their ids match).
GROUPS = ("Moderators", "Editors")
MEDIA_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    *(
        (app, model, f"{action}_{model}")
        for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
        for action in ("add", "change", "choose", "delete")
    ),
]
PAGE_PERMISSIONS = {
    "Moderators": ("add_page", "change_page", "lock_page", "publish_page", "unlock_page"),
    "Editors": ("add_page", "change_page"),
}
COLLECTION_PERMISSIONS = [
    (app, model, f"{action}_{model}")
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
]
WORKFLOW = "Moderators approval"


def _permission(app_label: str, model: str, codename: str) -> Permission:
    if app_label == "wagtailadmin":  # a permission without a model of its own
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    content_type = ContentType.objects.get(app_label=app_label, model=model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def create_migrated_data() -> None:
    """Create what the data migrations would have; does nothing on a database that has it."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import (
        Collection,
        GroupApprovalTask,
        GroupCollectionPermission,
        GroupPagePermission,
        Locale,
        Page,
        Site,
        Workflow,
        WorkflowPage,
        WorkflowTask,
    )

    if Page.objects.exists():
        return
    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    english = Locale.objects.create(language_code=default)
    Locale.objects.get_or_create(language_code="es")
    Collection.objects.bulk_create([Collection(name="Root", path="0001", depth=1, numchild=0)])
    collection = Collection.objects.get(depth=1)

    page_type = ContentType.objects.get_for_model(Page)
    common = {"content_type": page_type, "locale": english, "live": True}
    Page.objects.bulk_create(
        [
            Page(
                title="Root",
                draft_title="Root",
                slug="root",
                path="0001",
                depth=1,
                numchild=1,
                url_path="/",
                **common,
            ),
            Page(
                title="Welcome to your new Wagtail site!",
                draft_title="Welcome to your new Wagtail site!",
                slug="home",
                path="00010001",
                depth=2,
                numchild=0,
                url_path="/home/",
                **common,
            ),
        ]
    )
    root = Page.objects.get(depth=1)
    Site.objects.bulk_create(
        [
            Site(
                hostname="localhost",
                port=80,
                is_default_site=True,
                root_page=Page.objects.get(depth=2),
            )
        ]
    )

    groups = {name: Group.objects.create(name=name) for name in GROUPS}
    media = [_permission(*key) for key in MEDIA_PERMISSIONS]
    in_collection = [_permission(*key) for key in COLLECTION_PERMISSIONS]
    page_permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(content_type=page_type)
    }
    for name, group in groups.items():
        group.permissions.add(*media)
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=group, page=root, permission=page_permissions[codename])
            for codename in PAGE_PERMISSIONS[name]
        )
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=group, collection=collection, permission=permission)
            for permission in in_collection
        )

    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    task = GroupApprovalTask.objects.create(name=WORKFLOW, active=True)
    task.groups.set([groups["Moderators"]])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)
