"""The Hub's data-file engine: reading YAML data files, checking them with located problems, writing them without
losing data, and exporting them with a manifest. Apps build their own sections on it (docs/framework-data.md,
"Adding a data-file section"); nothing here imports an app of the Hub."""
