"""`planforge new`: write a complete, commented starter plan that already passes `check`.

Starters are Jinja templates under `templates/starters/`. Four are Chinese (school,
enterprise, federation, institution: hospitals, public institutions, government offices)
and one is English (`en`). Without `--starter`, the kind of organisation chooses it:
`--kind`, or else the words of `--org` (…医院工会 is an institution, …中学工会 a school).
`--lang en` with a Chinese starter writes the English starter for that kind of union;
`--starter en` with `--lang zh` is a contradiction and an error. The rendered text is
loaded and validated before anything is written, so a faulty starter can never leave an
invalid plan behind.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from planforge.errors import InputError, OutputError, TemplateError, UsageError

STARTERS = ("school", "enterprise", "federation", "institution", "en")
KINDS = ("school", "enterprise", "federation", "institution", "other")
LANGUAGES = ("zh", "en")
DEFAULT_PATH = Path("plan.yaml")

# The union kind a starter is written for; the English starter takes it from --starter.
_KINDS = {
    "school": "school",
    "enterprise": "enterprise",
    "federation": "federation",
    "institution": "institution",
    "en": "other",
}
# The Chinese starter for a kind of organisation ("other": the institution starter, whose
# content — 职代会, 科室 — fits most units that are neither schools nor companies).
_STARTER_OF_KIND = {kind: kind for kind in KINDS} | {"other": "institution"}

# Words of a union's name that tell its kind, checked in this order (a 学校 of a 集团 is
# a school). The names people give their unions end in these words.
_ORG_KIND_WORDS = (
    ("federation", ("总工会", "工会联合会", "工联会", "街道", "乡镇", "工会工作委员会")),
    ("school", ("学校", "中学", "小学", "大学", "学院", "幼儿园", "中心校", "职校", "技校")),
    ("institution", ("医院", "卫生院", "疾控", "中心", "研究所", "研究院", "局", "委员会", "馆")),
    ("enterprise", ("公司", "集团", "厂", "企业", "银行", "有限", "商场", "酒店")),
)


def kind_from_org(org: str) -> str | None:
    """The kind of organisation a union's name tells (None when it does not)."""
    name = org.removesuffix("工会委员会").removesuffix("工会")
    for kind, words in _ORG_KIND_WORDS:
        if kind == "federation" and any(w in org for w in words):
            return kind
        if any(w in name for w in words):
            return kind
    return None


@dataclass(kw_only=True)
class NewOptions:
    """The options of `planforge new`, as given on the command line (None when absent)."""

    path: Path | None
    org: str | None
    year: int | None
    lang: str | None
    starter: str | None
    no_input: bool
    force: bool
    kind: str | None = None


@dataclass(frozen=True)
class StarterChoice:
    """What will be written: complete, checked values."""

    path: Path
    org: str
    year: int
    lang: str
    starter: str
    kind: str


def default_year(today: dt.date) -> int:
    """Plans are written ahead: from November on, the default is next year."""
    return today.year + 1 if today.month >= 11 else today.year


def interactive() -> bool:
    """Prompting is allowed only when a person sits at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_new(options: NewOptions) -> int:
    path = options.path or DEFAULT_PATH
    _refuse_overwrite(path, options.force)
    _check_values(options)
    if options.no_input or not interactive():
        choice = resolve_without_input(options, path)
    else:
        choice = resolve_with_prompts(options, path)
    text = render_starter(choice)
    _refuse_overwrite(path, options.force)  # the file may have appeared while prompting
    from planforge.io import write_atomic

    write_atomic(path, text)
    _report(choice, text)
    return 0


# ---------------------------------------------------------------------------- choosing


def _check_values(options: NewOptions) -> None:
    if options.lang is not None and options.lang not in LANGUAGES:
        raise UsageError(f"--lang {options.lang}: expected zh or en")
    if options.starter is not None and options.starter not in STARTERS:
        raise UsageError(f"--starter {options.starter}: expected one of {', '.join(STARTERS)}")
    if options.kind is not None and options.kind not in KINDS:
        raise UsageError(f"--kind {options.kind}: expected one of {', '.join(KINDS)}")
    if options.year is not None and not 1949 <= options.year <= 2200:
        raise UsageError(f"--year {options.year}: expected a year such as {default_year(_today())}")
    if options.org is not None and not options.org.strip():
        raise UsageError("--org must not be empty")
    if options.org is not None and any(ord(ch) < 32 or ord(ch) == 127 for ch in options.org):
        raise UsageError("--org must be one line of text, without control characters")
    if options.starter == "en" and options.lang == "zh":
        raise UsageError(
            "the en starter is written in English, but --lang zh was given",
            hint="drop --lang zh, or choose the school, enterprise or federation starter",
        )


def _today() -> dt.date:
    return dt.date.today()


def starter_for(lang: str, kind: str | None = None) -> str:
    """The starter for a language and kind of organisation; school when nothing tells."""
    if lang == "en":
        return "en"
    return _STARTER_OF_KIND[kind] if kind else "school"


def lang_for(starter: str) -> str:
    return "en" if starter == "en" else "zh"


def _choice(
    path: Path, org: str, year: int, lang: str, starter: str, kind: str | None = None
) -> StarterChoice:
    """Combine the language and the starter: English text always uses the `en` template."""
    template = "en" if lang == "en" else starter
    return StarterChoice(path, org.strip(), year, lang, template, kind or _KINDS[starter])


def _kind(options: NewOptions, org: str) -> str | None:
    """The kind of organisation: --kind, or what the union's name tells."""
    return options.kind or kind_from_org(org)


def resolve_without_input(options: NewOptions, path: Path) -> StarterChoice:
    if options.org is None:
        raise UsageError(
            'the issuing union is missing; pass --org, e.g. --org "第一中学工会"',
            hint="planforge new does not prompt with --no-input or without a terminal",
        )
    kind = _kind(options, options.org)
    if options.starter is None and kind is None and options.lang != "en":
        raise UsageError(
            f"cannot tell from '{options.org}' what kind of organisation it is",
            hint=f"pass --kind ({', '.join(KINDS)}) or --starter ({', '.join(STARTERS)})",
        )
    starter = options.starter or starter_for(options.lang or "zh", kind)
    lang = options.lang or lang_for(starter)
    year = options.year or default_year(_today())
    return _choice(path, options.org, year, lang, starter, options.kind)


def resolve_with_prompts(options: NewOptions, path: Path) -> StarterChoice:
    org = options.org
    while org is None or not org.strip():
        org = _ask("Issuing union (发文单位)", None)
    year = options.year or _ask_year(default_year(_today()))
    suggested = starter_for(options.lang or "zh", _kind(options, org))
    starter = options.starter or _ask_choice("Starter", suggested, STARTERS)
    lang = options.lang or _ask_choice("Language", lang_for(starter), LANGUAGES)
    if starter == "en" and lang == "zh":
        raise UsageError("the en starter is written in English; choose zh with another starter")
    return _choice(path, org, year, lang, starter, options.kind)


def _ask(text: str, default: str | None) -> str:
    import typer

    return str(typer.prompt(text, default=default)).strip()


def _ask_year(default: int) -> int:
    while True:
        answer = _ask("Year (年度)", str(default))
        if answer.isdigit() and 1949 <= int(answer) <= 2200:
            return int(answer)
        sys.stderr.write(f"expected a year such as {default}\n")


def _ask_choice(text: str, default: str, choices: tuple[str, ...]) -> str:
    while True:
        answer = _ask(f"{text} ({', '.join(choices)})", default)
        if answer in choices:
            return answer
        sys.stderr.write(f"expected one of {', '.join(choices)}\n")


# ---------------------------------------------------------------------------- rendering


def render_starter(choice: StarterChoice) -> str:
    """The starter's YAML text, loaded and validated before it is returned."""
    from planforge.load import parse
    from planforge.model.schema import SCHEMA_ID
    from planforge.render.jinja import environment, render_template
    from planforge.validate import validate

    context = {
        "org": choice.org,
        "year": choice.year,
        "kind": choice.kind,
        "schema_url": SCHEMA_ID,
    }
    name = f"starters/{choice.starter}.yaml.j2"
    text = render_template(environment(), name, context)
    try:
        validate(parse(text, f"<starter {choice.starter}>"))
    except InputError as exc:
        raise TemplateError(
            f"the {choice.starter} starter produced an invalid plan",
            exc.problems,
            hint=f"this is a bug in planforge's {choice.starter} starter; nothing was written",
        ) from None
    return text


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give the path of the plan file to write")
    if path.exists() and not force:
        raise OutputError(
            f"{path} already exists; planforge new does not overwrite it",
            hint="pass --force to replace it, or give another path",
        )


def _report(choice: StarterChoice, text: str) -> None:
    template = "English" if choice.starter == "en" else choice.starter
    out = sys.stdout
    out.write(
        f"wrote {choice.path} ({template} starter, {choice.org}, {choice.year}, "
        f"{len(text.splitlines())} lines)\n"
    )
    out.write("next:\n")
    out.write(f"  edit {choice.path}: replace the sample tasks with your own\n")
    out.write(f"  planforge check {choice.path}\n")
    out.write(f"  planforge render {choice.path}\n")
