"""Plain-text reader: one paragraph per non-empty line."""

from __future__ import annotations

from planforge.importer.blocks import Block, text_blocks


def read_txt(text: str) -> list[Block]:
    return text_blocks(text)
