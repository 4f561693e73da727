"""Validate stage: a family's pandera models and named reconciliations."""
