"""Layout profiles: every figure of a DOCX layout, each with the place it comes from.

A profile is a YAML data file (built-ins in `planforge/render/profiles/`) that users copy
and change, because local standards differ in margins, line pitch, fonts and page numbers.
Every figure is written as `{value: …, source: …}` so a reader can tell a figure of the
national standard from a local habit.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")

Align = Literal["left", "center", "right", "both"]


class Sourced(BaseModel, Generic[T]):
    """One figure and where it comes from (a clause of a standard, a habit, a measurement)."""

    model_config = ConfigDict(extra="forbid")

    value: T
    source: str = Field(min_length=1, description="Where the value comes from.")


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(_Part):
    """Paper and margins, in millimetres."""

    width_mm: Sourced[float]
    height_mm: Sourced[float]
    margin_top_mm: Sourced[float]
    margin_bottom_mm: Sourced[float]
    margin_left_mm: Sourced[float]
    margin_right_mm: Sourced[float]
    header_mm: Sourced[float]
    footer_mm: Sourced[float] = Field(description="Page edge to the bottom of the footer.")


class Body(_Part):
    """Body text: font, size, line pitch, grid and indent."""

    font: Sourced[str] = Field(description="East-Asian font (w:eastAsia).")
    latin_font: Sourced[str] = Field(description="Font for Latin letters and digits.")
    size_pt: Sourced[float]
    line_rule: Sourced[Literal["exact", "multiple"]]
    line: Sourced[float] = Field(description="Points when exact, a factor when multiple.")
    space_after_pt: Sourced[float]
    char_spacing_pt: Sourced[float] = Field(description="Extra space between characters.")
    first_line_indent_chars: Sourced[float]
    align: Sourced[Align]
    line_grid: Sourced[bool] = Field(description="A document grid of type lines.")
    lines_per_page: Sourced[int] | None = None
    chars_per_line: Sourced[int] | None = None


class Title(_Part):
    font: Sourced[str]
    latin_font: Sourced[str]
    size_pt: Sourced[float]
    bold: Sourced[bool]
    line_rule: Sourced[Literal["exact", "multiple"]]
    line: Sourced[float]
    blank_lines_after: Sourced[int]


class Heading(_Part):
    font: Sourced[str]
    latin_font: Sourced[str]
    size_pt: Sourced[float]
    bold: Sourced[bool]
    first_line_indent_chars: Sourced[float]
    space_before_pt: Sourced[float]


class Headings(_Part):
    level1: Heading
    level2: Heading
    level3: Heading
    level4: Heading


class Table(_Part):
    """Tables keep their own single spacing: the body's exact pitch would blow rows up."""

    font: Sourced[str]
    latin_font: Sourced[str]
    size_pt: Sourced[float]
    line_multiple: Sourced[float]
    header_bold: Sourced[bool]
    schedule_columns: Sourced[list[float]] = Field(
        description="Column weights: the largest marks the wide column; the others fit "
        "their content (see render/docx/writer.column_widths)."
    )
    undone_columns: Sourced[list[float]] = Field(description="Column weights, as above.")


class PageNumber(_Part):
    font: Sourced[str]
    latin_font: Sourced[str]
    size_pt: Sourced[float]
    text: Sourced[str] = Field(description="The footer text; {page} stands for the number.")
    odd_align: Sourced[Align]
    even_align: Sourced[Align]
    side_indent_chars: Sourced[float] = Field(description="Indent from the type area's edge.")


class SignatureBlock(_Part):
    """The issuing body's name (署名) and the date (成文日期) below the text.

    `layout` unsealed (GB/T 9704-2012 §7.3.5.2, a document issued without a seal): the name
    `right_indent_chars` from the right edge, the date's first character
    `date_shift_chars` right of the name's first character, and when that would bring
    the date nearer the edge than `right_indent_chars`, the date there and the name moved
    left. sealed (§7.3.5.1): the date `right_indent_chars` from the edge, the name centred
    over it. flush: both flush with `right_indent_chars`.
    """

    blank_lines_before: Sourced[int]
    layout: Sourced[Literal["unsealed", "sealed", "flush"]]
    right_indent_chars: Sourced[float]
    date_shift_chars: Sourced[float]


class LayoutProfile(_Part):
    """A DOCX layout: page, body, title, headings, tables, page numbers, signature."""

    name: str
    description: str = ""
    lang: Literal["zh-CN", "en-US"]
    page: Page
    body: Body
    title: Title
    headings: Headings
    table: Table
    page_number: PageNumber
    signature: SignatureBlock
