"""The editor's form, generated from the plan's JSON Schema, with the words the page shows.

Each model of the schema (the plan, a goal, a task, the signature, the summary) becomes a
list of fields in the schema's order; a field's kind follows from its schema (an enum, a
date, an integer, text, a list of names or of paragraphs, figures, nested items) and its
label comes from `LABELS` (the schema's own description when the table has none). The
page lays the fields out; `kind_at` tells the editor how to write a value back.
"""

from __future__ import annotations

import functools
from typing import Any

# Fields the form leaves to a text editor: the format's version, and the parts whose
# entries may be text or a mapping (the document renders them as written).
HIDDEN = {"schema_version", "id", "tasks", "safeguards", "schedule", "attachments"}

# Lists of paragraphs (a text area, paragraphs separated by an empty line); other lists
# of text are names (one line, separated by 、).
PARAGRAPHS = {
    "ideology",
    "text",
    "result",
    "overview",
    "achievements",
    "lessons",
    "problems",
    "next_year",
}

# field (or model.field) → (中文, English)
LABELS: dict[str, tuple[str, str]] = {
    "organisation": ("发文工会", "Organisation"),
    "year": ("年度", "Year"),
    "language": ("语言", "Language"),
    "kind": ("单位类型", "Kind of union"),
    "title": ("标题", "Title"),
    "issued": ("成文日期", "Date issued"),
    "rubrics": ("考核标准", "Rubrics"),
    "ideology": ("指导思想", "Guiding principles"),
    "goals": ("工作目标", "Goals"),
    "signature": ("落款", "Signature"),
    "summary": ("年终总结", "Year-end summary"),
    "Goal.text": ("目标", "Goal"),
    "Goal.measure": ("目标值", "Target"),
    "Task.title": ("任务名称", "Task"),
    "Task.text": ("具体内容", "What will be done"),
    "Task.owners": ("责任部门/负责人", "Owners"),
    "Task.deadline": ("完成时限", "Deadline"),
    "Task.goals": ("对应目标", "Goals served"),
    "Task.rubric": ("对应考核项", "Rubric items"),
    "Task.status": ("进展", "Status"),
    "Task.done_on": ("完成日期", "Done on"),
    "Task.result": ("完成情况", "Result"),
    "Task.figures": ("数据", "Figures"),
    "Task.evidence": ("佐证材料", "Evidence"),
    "Task.reason": ("未完成原因", "Reason"),
    "Signature.organisation": ("落款单位", "Signed by"),
    "Signature.date": ("落款日期", "Signed on"),
    "Summary.overview": ("基本情况", "Overview"),
    "Summary.achievements": ("主要成绩", "Achievements"),
    "Summary.lessons": ("经验体会", "Lessons"),
    "Summary.problems": ("存在问题", "Problems"),
    "Summary.next_year": ("下一年工作打算", "Next year"),
    "Summary.date": ("总结日期", "Date of the summary"),
}

# enum value → (中文, English); statuses read as the documents say them.
CHOICES: dict[str, dict[str, tuple[str, str]]] = {
    "Kind": {
        "school": ("学校", "School"),
        "enterprise": ("企业", "Enterprise"),
        "federation": ("总工会、工会联合会", "Federation"),
        "institution": ("机关事业单位", "Institution"),
        "other": ("其他", "Other"),
    },
    "Language": {"zh": ("中文", "Chinese"), "en": ("English", "English")},
}

# The words of the page itself, per language.
UI: dict[str, dict[str, str]] = {
    "zh": {
        "plans": "计划列表",
        "open": "打开",
        "edit": "编辑",
        "preview": "正式文本预览",
        "findings": "检查意见",
        "no_findings": "没有检查意见。",
        "coverage": "考核标准对照",
        "score": "自评得分",
        "covered": "已覆盖",
        "uncovered": "未覆盖",
        "hinted": "疑似覆盖",
        "download": "下载",
        "download_docx": "下载 Word（DOCX）",
        "download_pdf": "下载 PDF",
        "download_md": "下载 Markdown",
        "add_task": "添加任务",
        "add_subtask": "添加下级任务",
        "add_goal": "添加目标",
        "delete": "删除",
        "confirm_delete": "确定删除“{name}”及其下级任务吗？",
        "move_up": "上移",
        "move_down": "下移",
        "indent": "降级（归入上一项）",
        "outdent": "升级",
        "new_task": "新任务",
        "new_goal": "新目标",
        "saved": "已保存",
        "saving": "正在保存……",
        "refused": "未保存：",
        "conflict": "文件已在别处被修改，本次修改未保存。请选择保留哪一个版本：",
        "keep_mine": "保留我的修改",
        "keep_theirs": "保留磁盘上的版本",
        "mine": "我的版本",
        "theirs": "磁盘上的版本",
        "changed_on_disk": "此文件已在别处被修改。",
        "reload": "载入最新版本",
        "invalid": "这个文件还不是有效的计划，请按下面的提示修改原文后保存：",
        "save_source": "保存原文",
        "source": "原文（YAML）",
        "canonical": "读作",
        "figures_help": "每行一项，如：参会代表: 120",
        "names_help": "多个用“、”隔开",
        "paragraphs_help": "段落之间空一行",
        "general": "整份计划",
        "tasks": "主要任务",
        "progress": "进度",
        "errors": "错误",
        "warnings": "警告",
        "infos": "提示",
        "file": "文件",
        "unreadable": "无法读取",
        "not_in_form": "保障措施、月度安排和附件请在文本编辑器中修改。",
        "summary_view": "预览年终总结",
        "plan_view": "预览工作计划",
        "line": "第{line}行",
        "more": "更多：对应目标、完成情况、数据、佐证材料……",
    },
    "en": {
        "plans": "Plans",
        "open": "Open",
        "edit": "Edit",
        "preview": "Document preview",
        "findings": "Findings",
        "no_findings": "No findings.",
        "coverage": "Rubric coverage",
        "score": "Self-assessment score",
        "covered": "covered",
        "uncovered": "not covered",
        "hinted": "hinted",
        "download": "Download",
        "download_docx": "Download Word (DOCX)",
        "download_pdf": "Download PDF",
        "download_md": "Download Markdown",
        "add_task": "Add a task",
        "add_subtask": "Add a sub-task",
        "add_goal": "Add a goal",
        "delete": "Delete",
        "confirm_delete": "Delete “{name}” and the tasks under it?",
        "move_up": "Move up",
        "move_down": "Move down",
        "indent": "Indent (under the item above)",
        "outdent": "Outdent",
        "new_task": "New task",
        "new_goal": "New goal",
        "saved": "Saved",
        "saving": "Saving…",
        "refused": "Not saved: ",
        "conflict": "The file was changed elsewhere; this change was not saved. "
        "Keep which version?",
        "keep_mine": "Keep my change",
        "keep_theirs": "Keep the version on disk",
        "mine": "My version",
        "theirs": "On disk",
        "changed_on_disk": "This file was changed elsewhere.",
        "reload": "Load the latest version",
        "invalid": "This file is not a valid plan yet; fix the source below and save:",
        "save_source": "Save the source",
        "source": "Source (YAML)",
        "canonical": "reads as",
        "figures_help": "One per line, e.g. Attendees: 120",
        "names_help": "Separate names with commas",
        "paragraphs_help": "An empty line between paragraphs",
        "general": "The whole plan",
        "tasks": "Tasks",
        "progress": "Progress",
        "errors": "errors",
        "warnings": "warnings",
        "infos": "notes",
        "file": "File",
        "unreadable": "cannot be read",
        "not_in_form": "Safeguards, the month schedule and attachments: "
        "edit them in a text editor.",
        "summary_view": "Preview the summary",
        "plan_view": "Preview the plan",
        "line": "line {line}",
        "more": "More: goals, result, figures, evidence…",
    },
}


def _lang_index(lang: str) -> int:
    return 0 if lang == "zh" else 1


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The definition name and body a `$ref` (possibly inside anyOf with null) points to."""
    ref = node.get("$ref")
    if ref is None:
        for alt in node.get("anyOf", []):
            if "$ref" in alt:
                ref = alt["$ref"]
                break
    if ref is None:
        return None, node
    name = ref.rsplit("/", 1)[-1]
    return name, schema["$defs"][name]


def _kind(schema: dict[str, Any], key: str, node: dict[str, Any]) -> dict[str, Any]:
    """A field's kind and what goes with it (choices, the model of its items)."""
    name, target = _resolve(schema, node)
    if name is not None and "enum" in target:
        return {"kind": "enum", "enum": name, "values": list(target["enum"])}
    if name is not None:
        return {"kind": "group", "model": name}
    alts = node.get("anyOf", [node])
    types = {alt.get("type") for alt in alts}
    if any(alt.get("format") == "date" for alt in alts):
        return {"kind": "date"}
    if node.get("type") == "array":
        item_name, _ = _resolve(schema, node.get("items", {}))
        return {"kind": "items", "model": item_name}
    if node.get("type") == "object":
        return {"kind": "figures"}
    if "array" in types:
        return {"kind": "paragraphs" if key in PARAGRAPHS else "names"}
    if types == {"integer"}:
        return {"kind": "int"}
    return {"kind": "text"}


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    from planforge.model.schema import plan_schema

    return plan_schema()


def model_fields(model: str) -> list[dict[str, Any]]:
    """The fields of a model ('Plan', 'Task', 'Goal', …) in the schema's order."""
    schema = _schema()
    body = schema if model == "Plan" else schema["$defs"][model]
    required = set(body.get("required", []))
    out = []
    for key, node in body.get("properties", {}).items():
        if key in HIDDEN:
            continue
        field = {"key": key, "required": key in required, **_kind(schema, key, node)}
        field["description"] = node.get("description", "")
        out.append(field)
    return out


def form(lang: str) -> dict[str, Any]:
    """Every model's fields with their labels in `lang`, and the enums' choices."""
    from planforge.model.plan import STATUS_LABELS, Language

    i = _lang_index(lang)
    models = {}
    for model in ("Plan", "Goal", "Task", "Signature", "Summary"):
        fields = model_fields(model)
        for field in fields:
            label = LABELS.get(f"{model}.{field['key']}") or LABELS.get(field["key"])
            field["label"] = label[i] if label else field["description"] or field["key"]
        models[model] = fields
    statuses = STATUS_LABELS[Language(lang).value if lang in ("zh", "en") else "zh"]
    choices = {name: {k: v[i] for k, v in table.items()} for name, table in CHOICES.items()}
    choices["Status"] = {s.value: statuses[s] for s in statuses if s is not None}
    return {"models": models, "choices": choices, "ui": UI["zh" if i == 0 else "en"]}


def kind_at(loc: tuple[str | int, ...]) -> str:
    """The kind of the field at data path `loc` ('text' when the schema does not say)."""
    model = "Plan"
    for n, part in enumerate(loc):
        if isinstance(part, int):
            continue
        fields = {f["key"]: f for f in _all_fields(model)}
        field = fields.get(part)
        if field is None:
            return "text"
        if n == len(loc) - 1:
            return str(field["kind"])
        if field["kind"] in ("group", "items") and field.get("model"):
            model = field["model"]
        elif part == "tasks":
            model = "Task"
        else:
            return "text"
    return "group"


@functools.lru_cache(maxsize=16)
def _all_fields(model: str) -> list[dict[str, Any]]:
    """A model's fields, the hidden ones too (the editor writes `tasks` and `id`)."""
    schema = _schema()
    body = schema if model == "Plan" else schema["$defs"][model]
    return [
        {"key": key, **_kind(schema, key, node)} for key, node in body.get("properties", {}).items()
    ]
