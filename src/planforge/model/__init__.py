"""Pydantic types for plan sources (plan.py), rubrics (rubric.py) and layout profiles
(profile.py), and their JSON Schema (schema.py).

Nothing is imported here: `planforge schema` and the other commands load only the
models they use.
"""
