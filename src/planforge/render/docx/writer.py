"""The document body from the render context, in the context's order.

The context fixes the words and their numbering (一、（一）1.（1） or 1. 1.1); this module
turns each part into paragraphs and tables that refer to the profile's styles by id.
Level 1 and 2 headings stand on their own line; levels 3 and 4 run into their paragraph.
Fonts are never set on runs: the styles carry them.
"""

from __future__ import annotations

from typing import Any

from planforge.model.profile import LayoutProfile
from planforge.render.docx.fields import R_NS, text_run
from planforge.render.docx.styles import W_NS, twips_mm, twips_pt

_END_PUNCT = tuple("。！？；：，.!?;:,")


def _width(text: str) -> float:
    """Width of `text` in body characters: CJK is one, Latin letters and digits half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


class BodyWriter:
    """Collects the body's paragraphs and tables as WordprocessingML."""

    def __init__(self, ctx: dict[str, Any], profile: LayoutProfile) -> None:
        self.ctx = ctx
        self.p = profile
        self.zh: bool = ctx["zh"]
        self.labels: dict[str, str] = ctx["labels"]
        self.out: list[str] = []
        self.char_twips = twips_pt(profile.body.size_pt.value + profile.body.char_spacing_pt.value)

    # ------------------------------------------------------------------ building blocks

    def run(self, text: str, props: str = "") -> str:
        lines = text.split("\n")
        runs = [text_run(line, hint=self.zh, props=props) for line in lines]
        return "<w:r><w:br/></w:r>".join(runs)

    def para(self, runs: str, style: str = "Normal", ppr: str = "") -> None:
        style_xml = "" if style == "Normal" else f'<w:pStyle w:val="{style}"/>'
        props = f"<w:pPr>{style_xml}{ppr}</w:pPr>" if style_xml or ppr else ""
        self.out.append(f"<w:p>{props}{runs}</w:p>")

    def body(self, text: str) -> None:
        self.para(self.run(text))

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.para("")

    def heading(self, level: int, number: str, title: str, text: str = "") -> None:
        """A heading; with `text`, a run-in heading (levels 3 and 4)."""
        style = f"Heading{min(level, 4)}"
        label = f"{number}{'' if self.zh else ' '}{title}"
        if text:
            label += "" if label.endswith(_END_PUNCT) else ("。" if self.zh else ". ")
        self.para(self.run(label) + (self.run(text) if text else ""), style)

    def table(self, headers: list[str], rows: list[list[str]], shares: list[float]) -> None:
        """A table with its own single spacing, tblW and gridCol widths, a repeating header."""
        page = self.p.page
        total = twips_mm(
            page.width_mm.value - page.margin_left_mm.value - page.margin_right_mm.value
        )
        shares = (shares + [1.0] * len(headers))[: len(headers)]
        widths = [round(total * s / sum(shares)) for s in shares]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        bold = "<w:b/><w:bCs/>" if self.p.table.header_bold.value else ""
        parts = [
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>",
            self._row(headers, widths, header=True, props=bold),
        ]
        parts += [self._row(row, widths) for row in rows]
        parts.append("</w:tbl>")
        self.out.append("".join(parts))

    def _row(
        self, cells: list[str], widths: list[int], *, header: bool = False, props: str = ""
    ) -> str:
        trpr = (
            "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            if header
            else "<w:trPr><w:cantSplit/></w:trPr>"
        )
        tcs = []
        for i, (text, width) in enumerate(zip(cells, widths, strict=True)):
            align = "center" if header or i == 0 else "left"
            tcs.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/>'
                f'</w:tcPr><w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{align}"/>'
                f"</w:pPr>{self.run(text, props) if text else ''}</w:p></w:tc>"
            )
        return f"<w:tr>{trpr}{''.join(tcs)}</w:tr>"

    # ------------------------------------------------------------------ document parts

    def number(self, number: str, outline: str = "") -> str:
        """The literal number: 一、 as given in Chinese; 1. or 1.1 in English."""
        if self.zh:
            return number
        text = outline or number.rstrip(".")
        return f"{text}." if "." not in text else text

    def title(self) -> None:
        runs = "<w:r><w:br/></w:r>".join(self.run(line) for line in self.ctx["title_lines"])
        self.para(runs, "Title")
        self.blank(self.p.title.blank_lines_after.value)

    def task(self, node: dict[str, Any], paragraphs: list[str]) -> None:
        level = node["level"]
        number = self.number(node["number"], node["outline"])
        if level <= 2 or node["children"] or not paragraphs:
            self.heading(level, number, node["title"])
            rest = paragraphs
        else:
            self.heading(level, number, node["title"], paragraphs[0])
            rest = paragraphs[1:]
        for text in rest:
            self.body(text)

    def meta(self, node: dict[str, Any]) -> str:
        """Owners and deadline, said quietly in brackets after the task's text."""
        items = []
        if node["owners_text"]:
            items.append((self.labels["owner"], node["owners_text"]))
        if node["deadline_text"]:
            items.append((self.labels["deadline"], node["deadline_text"]))
        if not items:
            return ""
        if self.zh:
            return "（" + "；".join(f"{k}：{v}" for k, v in items) + "）"
        return "(" + "; ".join(f"{k}: {v}" for k, v in items) + ")"

    def plan_task(self, node: dict[str, Any]) -> None:
        paragraphs = list(node["text"])
        meta = "" if node["children"] else self.meta(node)
        if meta and paragraphs:
            paragraphs[-1] += meta if self.zh else f" {meta}"
        elif meta:
            paragraphs.append(meta)
        self.task(node, paragraphs)
        for child in node["children"]:
            self.plan_task(child)

    def summary_task(self, node: dict[str, Any]) -> None:
        paragraphs = [] if node["children"] else self.results_of(node)
        self.task(node, paragraphs)
        for child in node["children"]:
            self.summary_task(child)

    def results_of(self, node: dict[str, Any]) -> list[str]:
        """Status, result, figures, reason and evidence of one task, as sentences."""
        colon, stop = ("：", "。") if self.zh else (": ", ".")
        status = f"{self.labels['status']}{colon}{node['status_label']}"
        if node["done_on_text"]:
            status += f"（{node['done_on_text']}）" if self.zh else f" ({node['done_on_text']})"
        out = [status + stop, *node["result"]]
        if node["figures"]:
            sep, join = ("：", "；") if self.zh else (": ", "; ")
            figures = join.join(f"{f['name']}{sep}{f['value']}" for f in node["figures"])
            out.append(f"{self.labels['figures']}{colon}{figures}{stop}")
        if node["reason"] and not node["done"]:
            out.append(f"{self.labels['reason']}{colon}{node['reason']}")
        if node["evidence"]:
            out.append(
                f"{self.labels['evidence']}{colon}"
                + ("、" if self.zh else ", ").join(node["evidence"])
            )
        return out

    def part_heading(self, part: dict[str, Any]) -> None:
        self.heading(1, self.number(part["number"], part["outline"]), part["heading"])

    def plan_part(self, part: dict[str, Any]) -> None:
        key = part["key"]
        if key == "section":
            self.plan_task(part["node"])
            return
        self.part_heading(part)
        if key == "ideology":
            for text in self.ctx["ideology"]:
                self.body(text)
        elif key == "goals":
            self.goals()
        elif key == "safeguards":
            self.safeguards(part)
        elif key == "schedule" and self.ctx["schedule"]:
            self.table(
                [self.labels["month"], self.labels["work"], self.labels["owners"]],
                [[r["month_label"], r["work"], r["owners_text"]] for r in self.ctx["schedule"]],
                self.p.table.schedule_columns.value,
            )

    def goals(self) -> None:
        for goal in self.ctx["goals"]:
            text = goal["text"]
            if goal["measure"] and goal["measure"] not in text:
                measure = f"{self.labels['measure']}{'：' if self.zh else ': '}{goal['measure']}"
                text += f"（{measure}）" if self.zh else f" ({measure})"
            self.body(f"{goal['number']}.{'' if self.zh else ' '}{text}")

    def safeguards(self, part: dict[str, Any]) -> None:
        for item in self.ctx["safeguards"]:
            number = item["number"] if self.zh else f"{part['outline']}.{item['n']}"
            if item["title"]:
                self.heading(2, number, item["title"])
                for text in item["text"]:
                    self.body(text)
            else:
                first, *rest = item["text"]
                self.body(f"{number}{'' if self.zh else ' '}{first}")
                for text in rest:
                    self.body(text)

    def summary_part(self, part: dict[str, Any]) -> None:
        self.part_heading(part)
        key = part["key"]
        if key == "results":
            for node in part["sections"]:
                self.summary_task(node)
            self.undone()
            return
        summary = self.ctx["summary"]
        texts = summary["overview"] + summary["achievements"] if key == "overview" else summary[key]
        for text in texts:
            self.body(text)

    def undone(self) -> None:
        rows = self.ctx["undone"]
        if not rows:
            return
        self.para(
            self.run(self.labels["undone"]),
            "TableText",
            '<w:keepNext/><w:spacing w:before="120" w:after="120"/>',
        )
        self.table(
            [self.labels["task"], self.labels["status"], self.labels["reason"]],
            [[r["title"], r["status_label"], r["reason"]] for r in rows],
            self.p.table.undone_columns.value,
        )

    def attachments(self) -> None:
        items = self.ctx["attachments"]
        if not items:
            return
        self.blank()
        lead = self.labels["attachments"] + ("：" if self.zh else ": ")
        sep = "" if self.zh else " "
        hanging = round(self.char_twips * (2 + _width(lead)))
        for i, item in enumerate(items):
            text = f"{item['number']}.{sep}{item['title']}"
            if i == 0:
                self.body(lead + text)
            else:
                self.para(
                    self.run(text),
                    ppr=f'<w:ind w:left="{hanging}" w:firstLineChars="0" w:firstLine="0"/>',
                )

    def signature(self) -> None:
        sig = self.ctx["signature"]
        org, date = sig["organisation"], sig["date_text"]
        self.blank(self.p.signature.blank_lines_before.value)
        right = self.p.signature.date_right_indent_chars.value
        if org:
            centre = right + (_width(date) - _width(org)) / 2 if date else right
            self._signature_line(org, max(centre, 0))
        if date:
            self._signature_line(date, right)

    def _signature_line(self, text: str, right_chars: float) -> None:
        self.para(
            self.run(text),
            "Signature",
            f'<w:ind w:right="{round(right_chars * self.char_twips)}"/>',
        )


def body_xml(ctx: dict[str, Any], profile: LayoutProfile) -> str:
    """The paragraphs and tables of the plan or summary in `ctx`, without the section."""
    w = BodyWriter(ctx, profile)
    w.title()
    for part in ctx["parts"]:
        if ctx["document"] == "summary":
            w.summary_part(part)
        else:
            w.plan_part(part)
    w.attachments()
    w.signature()
    return "".join(w.out)


def section_xml(
    profile: LayoutProfile, footers: dict[str, str], headers: dict[str, str] | None = None
) -> str:
    """Page size, margins, the line grid, headers and footers of the one section."""
    page, body = profile.page, profile.body
    refs = "".join(
        f'<w:headerReference w:type="{kind}" r:id="{rid}"/>'
        for kind, rid in (headers or {}).items()
    ) + "".join(
        f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, rid in footers.items()
    )
    grid = (
        f'<w:docGrid w:type="lines" w:linePitch="{twips_pt(body.line.value)}"/>'
        if body.line_grid.value and body.line_rule.value == "exact"
        else ""
    )
    return (
        f"<w:sectPr>{refs}"
        f'<w:pgSz w:w="{twips_mm(page.width_mm.value)}" w:h="{twips_mm(page.height_mm.value)}"/>'
        f'<w:pgMar w:top="{twips_mm(page.margin_top_mm.value)}" '
        f'w:right="{twips_mm(page.margin_right_mm.value)}" '
        f'w:bottom="{twips_mm(page.margin_bottom_mm.value)}" '
        f'w:left="{twips_mm(page.margin_left_mm.value)}" '
        f'w:header="{twips_mm(page.header_mm.value)}" w:footer="{twips_mm(page.footer_mm.value)}" '
        'w:gutter="0"/><w:cols w:space="425"/>'
        f"{grid}</w:sectPr>"
    )


def document_xml(body: str, section: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{section}'
        "</w:body></w:document>"
    )
