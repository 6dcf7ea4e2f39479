"""The plan as an iCalendar file for phones and shared calendars.

One component per dated task: a VEVENT on a fixed day, a VEVENT with a recurrence rule
for weekly, monthly or quarterly work, a VTODO with a due date for work due within a
month, quarter, half year or range. UIDs come from organisation, year and task id, so
importing the file again updates the entries instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from typing import Any

from planforge.lifecycle.dates import first_weekday, weekday_named
from planforge.lifecycle.status import plan_tasks
from planforge.model.deadline import Deadline, parse_deadline
from planforge.model.plan import Plan, Status, Task
from planforge.render.controls import visible_controls

_TODO_STATUS = {
    None: "NEEDS-ACTION",
    Status.PLANNED: "NEEDS-ACTION",
    Status.IN_PROGRESS: "IN-PROCESS",
    Status.DONE: "COMPLETED",
    Status.DROPPED: "CANCELLED",
    Status.POSTPONED: "CANCELLED",
}
_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def task_uid(plan: Plan, task: Task) -> str:
    """A UID that stays the same for the same task of the same plan year."""
    key = f"{plan.organisation}\x1f{plan.year}\x1f{task.id}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:24]}@planforge"


def _stamp() -> dt.datetime:
    """DTSTAMP: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def plan_ics(plan: Plan) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//planforge//work plan//ZH" if plan.zh else "-//planforge//work plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", visible_controls(plan.display_title))
    stamp = _stamp()
    for task, section, owners in plan_tasks(plan):
        if not task.deadline:
            continue
        deadline = parse_deadline(task.deadline, plan.year)
        component = _component(plan, task, deadline)
        component.add("uid", task_uid(plan, task))
        component.add("dtstamp", stamp)
        # iCalendar text may not hold control characters: they are shown as their pictures
        component.add("summary", visible_controls(task.title))
        description = "\n".join([*task.text, *task.result])
        if owners:
            label = "责任部门" if plan.zh else "Owners"
            description = f"{description}\n{label}: {', '.join(owners)}".strip()
        if description:
            component.add("description", visible_controls(description))
        if section:
            component.add("categories", [visible_controls(section)])
        cal.add_component(component)
    return bytes(cal.to_ical())


def _component(plan: Plan, task: Task, deadline: Deadline) -> Any:
    from icalendar import Event, Todo

    if deadline.kind == "date":
        event = Event()
        event.add("dtstart", deadline.end)
        event.add("dtend", deadline.end + dt.timedelta(days=1))
        event.add("status", _event_status(task))
        return event
    if deadline.kind == "recurring" and deadline.freq in ("weekly", "monthly", "quarterly"):
        return _recurring(plan, task, deadline)
    todo = Todo()
    todo.add("dtstart", deadline.start)
    todo.add("due", deadline.end)
    todo.add("status", _TODO_STATUS[task.status])
    if task.status is Status.DONE and task.done_on:
        todo.add("completed", dt.datetime.combine(task.done_on, dt.time(), dt.timezone.utc))
    return todo


def _recurring(plan: Plan, task: Task, deadline: Deadline) -> Any:
    """Weekly work on its named weekday (Monday if none); monthly and quarterly work on
    the last day of each month or quarter."""
    from icalendar import Event

    event = Event()
    until = deadline.end
    if deadline.freq == "weekly":
        weekday = weekday_named(task.title)
        start = first_weekday(plan.year, 0 if weekday is None else weekday)
        rule: dict[str, Any] = {"freq": "weekly", "byday": _BYDAY[start.weekday()]}
    else:
        interval = 3 if deadline.freq == "quarterly" else 1
        start = dt.date(plan.year, interval, 1) + dt.timedelta(days=31)
        start = start.replace(day=1) - dt.timedelta(days=1)
        rule = {"freq": "monthly", "interval": interval, "bymonthday": -1}
    rule["until"] = until
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("rrule", rule)
    event.add("status", _event_status(task))
    return event


def _event_status(task: Task) -> str:
    """A dropped or postponed task's event is cancelled in this year's calendar."""
    return "CANCELLED" if task.status in (Status.DROPPED, Status.POSTPONED) else "CONFIRMED"
