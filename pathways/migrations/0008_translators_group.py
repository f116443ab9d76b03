"""The Translators group (issue #12): Wagtail admin access; edit, without publish, add or delete, on every page
(a "change" permission on the root of the page tree); view and change, without add or delete, on the translated
snippets (framework items and sources, roles and their steps, the guides' tags); choosing images and documents for
a translated body. What a member may change on a form (the translations only) is decided by the forms
(core.translations.review). Running it twice changes nothing; reversing it removes the group and its grants."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TRANSLATORS = "Translators"
SNIPPETS = [
    *(("framework", model) for model in ("engagementlevel", "skill", "behavior", "activity", "source")),
    ("pathways", "role"),
    ("resources", "resourcetag"),
]
SNIPPET_ACTIONS = ("view", "change")
PAGE_PERMISSIONS = ("change_page",)
COLLECTION_PERMISSIONS = [("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")]
APPS_WITH_PERMISSIONS = ("wagtailadmin", "wagtailcore", "wagtailimages", "wagtaildocs", "framework", "pathways", "resources")


def ensure_permissions(apps, using):
    # Django creates permissions after the last migration (post_migrate); on a fresh database make these now.
    for label in APPS_WITH_PERMISSIONS:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None


def create_translators(apps, schema_editor):
    using = schema_editor.connection.alias
    ensure_permissions(apps, using)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")
    permissions = Permission.objects.using(using)

    group, _created = Group.objects.using(using).get_or_create(name=TRANSLATORS)
    wanted = [permissions.get(content_type__app_label="wagtailadmin", codename="access_admin")]
    for app_label, model in SNIPPETS:
        wanted += [
            permissions.get(content_type__app_label=app_label, content_type__model=model, codename=f"{action}_{model}")
            for action in SNIPPET_ACTIONS
        ]
    group.permissions.add(*wanted)

    root = Page.objects.using(using).filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.using(using).get_or_create(
                group=group,
                page_id=root.pk,
                permission=permissions.get(content_type__app_label="wagtailcore", codename=codename),
            )
    root_collection = Collection.objects.using(using).filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=group,
                collection_id=root_collection.pk,
                permission=permissions.get(content_type__app_label=app_label, codename=codename),
            )


def remove_translators(apps, schema_editor):
    # The group's page and collection permissions go with it (cascade); the permissions themselves stay.
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(name=TRANSLATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0007_pathwaystep_translation_sources_and_more"),
        ("resources", "0008_translation_sources"),
        ("framework", "0003_activity_translation_sources_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
