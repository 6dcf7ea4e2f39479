"""Render a plan: plan → context → template → document bytes."""
