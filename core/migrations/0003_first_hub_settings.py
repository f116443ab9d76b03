# The first settings row, with the attribution the Hub has always shown, so the admin opens on real values.

from django.db import migrations

ATTRIBUTION = (
    "Based on the Wikimedia Foundation Community Development team's Movement Learning and Leadership Development "
    "Project and related Meta-Wiki material; compiled, translated and extended by Movement Learning Hub contributors."
)


def create_settings(apps, schema_editor):
    HubSettings = apps.get_model("core", "HubSettings")
    if not HubSettings.objects.exists():
        HubSettings.objects.create(attribution=ATTRIBUTION, attribution_en=ATTRIBUTION)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_hub_settings"),
    ]

    operations = [migrations.RunPython(create_settings, migrations.RunPython.noop)]
