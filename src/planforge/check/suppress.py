"""Inline suppression: YAML comments that silence findings where the author decided so.

`# planforge: disable=rule-id[,rule-id]` silences those rules on its own line and on the
line after it (so it may stand above the line it is about); `# planforge: disable` with no
ids silences every rule there. `# planforge: disable-file[=rule-id,...]` anywhere in the
file silences the rules (or all rules) in the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planforge.errors import Problem

MARKER = "planforge:"
_DIRECTIVE = re.compile(r"#\s*planforge:\s*(disable-file|disable)(?:\s*=\s*([A-Za-z0-9_,\s-]+))?")
ALL = "*"
# Findings about a file that could not be read or validated cannot be silenced.
UNSUPPRESSIBLE = frozenset({"load-error", "schema"})


@dataclass
class Suppressions:
    """Which rules are silenced in which lines (1-based) and in the whole file."""

    file_rules: set[str] = field(default_factory=set)
    line_rules: dict[int, set[str]] = field(default_factory=dict)

    def silences(self, problem: Problem) -> bool:
        rule = problem.rule or ""
        if rule in UNSUPPRESSIBLE:
            return False
        if ALL in self.file_rules or rule in self.file_rules:
            return True
        line = problem.location.line if problem.location else None
        if line is None:
            return False
        rules = self.line_rules.get(line)
        return bool(rules) and (ALL in rules or rule in rules)  # type: ignore[operator]


def parse_suppressions(text: str) -> Suppressions:
    """The directives in a source text (a quick scan when it has none)."""
    found = Suppressions()
    if MARKER not in text:
        return found
    for number, line in enumerate(text.splitlines(), start=1):
        if MARKER not in line:
            continue
        for match in _DIRECTIVE.finditer(line):
            if not _in_comment(line, match.start()):
                continue
            kind, ids = match.group(1), match.group(2)
            rules = {r.strip() for r in (ids or "").split(",") if r.strip()} or {ALL}
            if kind == "disable-file":
                found.file_rules |= rules
            else:
                for target in (number, number + 1):
                    found.line_rules.setdefault(target, set()).update(rules)
    return found


def _in_comment(line: str, hash_at: int) -> bool:
    """True when the `#` at `hash_at` starts a YAML comment, not text inside a quoted value."""
    if hash_at > 0 and line[hash_at - 1] not in " \t":
        return False
    before = line[:hash_at]
    return before.count('"') % 2 == 0 and before.count("'") % 2 == 0


def apply_suppressions(problems: list[Problem], text: str) -> tuple[list[Problem], int]:
    """The problems that are not silenced by comments in `text`, and how many were."""
    if not problems:
        return problems, 0
    rules = parse_suppressions(text)
    if not rules.file_rules and not rules.line_rules:
        return problems, 0
    kept = [p for p in problems if not rules.silences(p)]
    return kept, len(problems) - len(kept)
