# The content version model now lives in the core app (core.0001); its table is kept. State only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("hub", "0002_content_version"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ContentVersion")],
            database_operations=[],
        ),
    ]
