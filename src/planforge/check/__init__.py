"""Check plans: discovery, validation, rules and rubrics → findings."""
