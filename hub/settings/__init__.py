"""Settings for the Movement Learning Hub, split by environment: base, dev, production, test."""
