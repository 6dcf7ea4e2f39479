"""Damage to the example plans, shared by the robustness suites: deleted lines, swapped
types, truncated files, injected control characters, mixed encodings, flipped bytes.

Each kind of damage is a function of a `Picker` (where its choices come from) and the
file's bytes. `test_mutations` draws the choices with hypothesis (which shrinks a failing
case); `CASES` draws them from seeded `random.Random`s, so it is the same fixed list of
damaged files in every run, for suites that run several commands on each.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from conftest import example_files

T = TypeVar("T")

EXAMPLES = {p.name: p.read_bytes() for p in example_files()}
REPLACEMENTS = [
    "[]",
    "{}",
    "~",
    "null",
    "true",
    "0",
    "-1",
    "3.5",
    "1e400",
    ".nan",
    "2026-02-30",
    "[a, [b, {c: d}]]",
    "{x: 1}",
    "'",
    '"',
    "&a",
    "*a",
    "!!binary aGk=",
    "!custom x",
    "|",
    ">-",
    "- item",
    "? key",
    "<<: *a",
    "@",
    "`",
    "%YAML 1.1",
    "---",
    "...",
    "\t",
]
CONTROL = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ud7ff"]
ENCODINGS = ["gbk", "utf-16-le", "big5", "latin-1", "bom", "utf-16"]


class Picker(Protocol):
    def integer(self, low: int, high: int) -> int: ...  # low ≤ n ≤ high

    def choice(self, items: Sequence[T]) -> T: ...


@dataclass
class RandomPicker:
    """Choices from a seeded generator: the same choices for the same seed."""

    rng: random.Random

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]


@dataclass
class DrawPicker:
    """Choices drawn by hypothesis inside a composite strategy."""

    draw: Any

    def integer(self, low: int, high: int) -> int:
        from hypothesis import strategies as st

        return int(self.draw(st.integers(low, high)))

    def choice(self, items: Sequence[T]) -> T:
        from hypothesis import strategies as st

        return self.draw(st.sampled_from(items))  # type: ignore[no-any-return]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_lines(pick: Picker, data: bytes) -> bytes:
    lines = _lines(data)
    start = pick.integer(0, len(lines) - 1)
    count = pick.integer(1, 5)
    return b"\n".join(lines[:start] + lines[start + count :])


def swap_type(pick: Picker, data: bytes) -> bytes:
    """Replace the value after a key (or a list item) with a value of another kind."""
    lines = _lines(data)
    i = pick.integer(0, len(lines) - 1)
    line = lines[i].decode("utf-8", "replace")
    new = pick.choice(REPLACEMENTS)
    if ": " in line:
        head = line.split(": ", 1)[0]
        line = f"{head}: {new}"
    elif line.lstrip().startswith("- "):
        line = line[: line.index("- ") + 2] + new
    else:
        line = new
    lines[i] = line.encode("utf-8")
    return b"\n".join(lines)


def truncate(pick: Picker, data: bytes) -> bytes:
    return data[: pick.integer(0, len(data))]  # may cut a UTF-8 character in half


def inject_control(pick: Picker, data: bytes) -> bytes:
    at = pick.integer(0, len(data))
    return data[:at] + pick.choice(CONTROL).encode("utf-8", "surrogatepass") + data[at:]


def mix_encodings(pick: Picker, data: bytes) -> bytes:
    """Re-encode a stretch of the file as GBK, UTF-16, Big5 or Latin-1, or add a BOM."""
    text = data.decode("utf-8", "replace")
    start = pick.integer(0, len(text))
    end = pick.integer(start, min(len(text), start + 200))
    encoding = pick.choice(ENCODINGS)
    if encoding == "bom":
        return b"\xef\xbb\xbf" + data if pick.choice([True, False]) else b"\xff\xfe" + data
    middle = text[start:end].encode(encoding, "replace")
    return text[:start].encode() + middle + text[end:].encode()


def flip_bytes(pick: Picker, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(pick.integer(1, 8)):
        if out:
            out[pick.integer(0, len(out) - 1)] = pick.integer(0, 255)
    return bytes(out)


Mutation = Callable[[Picker, bytes], bytes]
MUTATIONS: list[Mutation] = [
    delete_lines,
    swap_type,
    truncate,
    inject_control,
    mix_encodings,
    flip_bytes,
]


def mutate(pick: Picker) -> tuple[str, bytes, list[str]]:
    """An example's name, its bytes after one to three kinds of damage, and their names."""
    name = pick.choice(sorted(EXAMPLES))
    data = EXAMPLES[name]
    applied = []
    for _ in range(pick.integer(1, 3)):
        mutation = pick.choice(MUTATIONS)
        data = mutation(pick, data)
        applied.append(mutation.__name__)
    return name, data, applied


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # the example's file name, kept so that errors name a familiar file
    data: bytes


def _fixed_cases() -> list[Case]:
    """Damage the issue was found with, kept whatever the seeds draw: U+FEFF at the end of
    every example and at the start of its second line, and each other injected character
    there in one example; tabs as separators, which only the C parser read at first."""
    cases = []
    for name, data in sorted(EXAMPLES.items()):
        stem = name.split(".")[0]
        tabbed = data.replace(b"year: ", b"year:\t", 1).replace(b"\n", b"\t\n", 3)
        cases.append(Case(f"{stem}-tabs", name, tabbed))
        for char in CONTROL if name == min(EXAMPLES) else ["\ufeff"]:
            raw = char.encode("utf-8", "surrogatepass")
            code = f"U+{ord(char):04X}"
            cases.append(Case(f"{stem}-end-{code}", name, data + raw))
            second = data.index(b"\n") + 1
            cases.append(Case(f"{stem}-line2-{code}", name, data[:second] + raw + data[second:]))
    return cases


def _seeded_cases(count: int) -> list[Case]:
    cases = []
    for seed in range(count):
        name, data, applied = mutate(RandomPicker(random.Random(seed)))
        cases.append(Case(f"seed{seed}-{'+'.join(applied)}", name, data))
    return cases


SEEDS = 80
CASES: list[Case] = _fixed_cases() + _seeded_cases(SEEDS)


# `path:line:col: error[ rule-id][:] message`; check names the rule, the others do not
_HEADLINE = re.compile(r"^:(?:(?P<where>\d+:\d+):)? error(?: [a-z][\w-]*)?:? (?P<message>.*)$")


def located_errors(output: str, path: Path) -> list[tuple[str, str]]:
    """(line:col, message) of every error about `path` in a command's output."""
    out = []
    for line in output.splitlines():
        if not line.startswith(f"{path}:"):
            continue
        m = _HEADLINE.match(line[len(str(path)) :])
        if m:
            out.append((m["where"] or "", m["message"]))
    return out
