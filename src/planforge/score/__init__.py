"""The self-assessment sheet (分值自评表): a plan scored item by item against a rubric.

sheet.py turns a plan and its rubric coverage into plain rows (the scoring rule lives
there); words.py says every phrase the sheet prints; text.py, xlsx.py and docx.py write it.
"""
