"""The shape of a layout profile's figures as planforge's cache stores them: the fields of
model/profile.py's `LayoutProfile`, as its `model_dump()` gives them. A cached profile is
checked against it before the DOCX writer reads it (tests/test_render_cache.py compares it
with the model, field by field)."""

from __future__ import annotations

from planforge.cache import BOOL, FLOAT, INT, STR, ListOf, Nullable, OneOf, Record, Shape

ALIGN = OneOf("left", "center", "right", "both")
LINE_RULE = OneOf("exact", "multiple")


def sourced(value: Shape) -> Record:
    """A figure and where it comes from (`Sourced[T]`)."""
    return Record({"value": value, "source": STR})


def _figures(**fields: Shape) -> Record:
    return Record({name: sourced(shape) for name, shape in fields.items()})


_FONT = {"font": STR, "latin_font": STR, "size_pt": FLOAT}

PAGE = _figures(
    width_mm=FLOAT, height_mm=FLOAT, margin_top_mm=FLOAT, margin_bottom_mm=FLOAT,
    margin_left_mm=FLOAT, margin_right_mm=FLOAT, header_mm=FLOAT, footer_mm=FLOAT,
)  # fmt: skip
BODY = _figures(
    **_FONT, line_rule=LINE_RULE, line=FLOAT, space_after_pt=FLOAT, char_spacing_pt=FLOAT,
    first_line_indent_chars=FLOAT, align=ALIGN, line_grid=BOOL,
)  # fmt: skip
BODY.fields["lines_per_page"] = Nullable(sourced(INT))
BODY.fields["chars_per_line"] = Nullable(sourced(INT))
TITLE = _figures(**_FONT, bold=BOOL, line_rule=LINE_RULE, line=FLOAT, blank_lines_after=INT)
HEADING = _figures(**_FONT, bold=BOOL, first_line_indent_chars=FLOAT, space_before_pt=FLOAT)
TABLE = _figures(
    **_FONT, line_multiple=FLOAT, header_bold=BOOL, schedule_columns=ListOf(FLOAT),
    undone_columns=ListOf(FLOAT),
)  # fmt: skip
PAGE_NUMBER = _figures(
    **_FONT, text=STR, odd_align=ALIGN, even_align=ALIGN, side_indent_chars=FLOAT
)
SIGNATURE = _figures(
    blank_lines_before=INT,
    layout=OneOf("unsealed", "sealed", "flush"),
    right_indent_chars=FLOAT,
    date_shift_chars=FLOAT,
)

LAYOUT_PROFILE = Record(
    {
        "name": STR,
        "description": STR,
        "lang": OneOf("zh-CN", "en-US"),
        "page": PAGE,
        "body": BODY,
        "title": TITLE,
        "headings": Record({f"level{n}": HEADING for n in range(1, 5)}),
        "table": TABLE,
        "page_number": PAGE_NUMBER,
        "signature": SIGNATURE,
    }
)
