"""The Curators group reads readers' feedback and marks it resolved (view and change; nobody adds feedback in the
admin)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CURATORS = "Curators"
ACTIONS = ("view", "change")


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    # Permissions are created after the last migration (post_migrate); on a fresh database make these now.
    app_config = apps.get_app_config("pathways")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.using(using).filter(name=CURATORS).first()
    if group is None:
        return
    group.permissions.add(
        *Permission.objects.using(using).filter(
            content_type__app_label="pathways", codename__in=[f"{action}_feedback" for action in ACTIONS]
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.using(schema_editor.connection.alias).filter(
        content_type__app_label="pathways", codename__in=[f"{action}_feedback" for action in ACTIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0004_feedback"),
        ("resources", "0003_curators_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
