#!/usr/bin/env python
"""Django's command-line utility for the Movement Learning Hub."""

import os
import sys


def main():
    """Run a management command, with development settings unless told otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
