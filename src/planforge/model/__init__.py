"""Pydantic types for plan sources, and their JSON Schema."""

from planforge.model.plan import (
    SCHEMA_VERSION,
    Attachment,
    Goal,
    Kind,
    Language,
    Plan,
    Safeguard,
    ScheduleEntry,
    Signature,
    Status,
    Summary,
    Task,
    task_loc,
)

__all__ = [
    "SCHEMA_VERSION",
    "Attachment",
    "Goal",
    "Kind",
    "Language",
    "Plan",
    "Safeguard",
    "ScheduleEntry",
    "Signature",
    "Status",
    "Summary",
    "Task",
    "task_loc",
]
