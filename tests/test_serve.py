"""`planforge serve`'s application through Starlette's TestClient: loading a plan, edits
written through the round-trip writer (only the changed lines differ, comments stay),
refused writes (a changed file, an invalid value, no token), findings at fields,
downloads, the folder view, and the guards (Host header, token, paths outside the folder).
"""

from __future__ import annotations

import difflib
import io
import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES

pytest.importorskip("starlette", reason="the serve extra is not installed")
pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx")

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from planforge.serve.app import ServeConfig, allowed_hosts, create_app
from planforge.serve.workspace import Workspace

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx`")

PLAN = """\
# 某街道总工会2026年工作计划（草稿）
schema_version: 1
organisation: 某街道总工会   # 发文单位
year: 2026
kind: federation

goals:
  - id: g-members
    text: 新建工会组织5家，新增会员300人。
    measure: 300人

tasks:
  # 第一部分：组织建设
  - id: org
    title: 加强基层工会组织建设
    owners: 组织部
    tasks:
      - id: org-new
        title: 新建非公企业工会   # 重点
        owners: [组织部, 各社区工会]
        deadline: 6月底前
        goals: g-members
      - id: org-train
        title: 举办基层工会主席培训班
        owners: 组织部
        deadline: 第二季度
        goals: g-members
  # 第二部分：维权服务
  - id: rights
    title: 做好职工维权服务
    owners: 法律服务部
    deadline: 全年
    goals: g-members

# 落款
signature:
  organisation: 某街道总工会
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
        if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
    ]


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1].strip() for line in text.splitlines() if "#" in line]


class Served:
    """A folder with one plan, served by the app, with the page's token."""

    def __init__(self, folder: Path, *, require_token: bool = False) -> None:
        self.folder = folder
        self.plan = folder / "plan.yaml"
        self.config = ServeConfig(
            Workspace.for_target(folder), {"testserver"}, require_token=require_token
        )
        self.client = TestClient(create_app(self.config))
        self.headers = {"X-Planforge-Token": self.config.token}

    def load(self, path: str = "plan.yaml") -> dict[str, Any]:
        response = self.client.get("/api/plan", params={"path": path}, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def edit(self, edit: dict[str, Any], version: str | None = None) -> Any:
        version = version or self.load()["version"]
        body = {"path": "plan.yaml", "version": version, "edit": edit}
        return self.client.post("/api/edit", json=body, headers=self.headers)

    def edited(self, edit: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        before = self.plan.read_text("utf-8")
        response = self.edit(edit)
        assert response.status_code == 200, response.text
        return before, self.plan.read_text("utf-8"), response.json()


@pytest.fixture
def served(tmp_path: Path) -> Served:
    (tmp_path / "plan.yaml").write_text(PLAN, "utf-8")
    return Served(tmp_path)


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return "".join(parser.parts)


# ---------------------------------------------------------------------------- loading


def test_a_plan_loads_with_its_data_preview_and_coverage(served: Served) -> None:
    state = served.load()
    assert state["valid"] is True
    assert state["lang"] == "zh"
    assert state["data"]["organisation"] == "某街道总工会"
    assert state["data"]["tasks"][0]["tasks"][0]["owners"] == ["组织部", "各社区工会"]
    text = html_text(state["preview"])
    assert "某街道总工会2026年工作计划" in text
    assert "新建非公企业工会" in text
    # the deadline as written and as it reads, by the task's path
    assert state["deadlines"]['["tasks",0,"tasks",0]'] == "2026-06-01 – 2026-06-30"
    assert state["progress"]["total"] == 3


def test_the_form_comes_from_the_schema_with_chinese_labels(served: Served) -> None:
    form = served.client.get("/api/form", params={"lang": "zh"}).json()
    task = {f["key"]: f for f in form["models"]["Task"]}
    assert task["title"]["label"] == "任务名称" and task["title"]["required"]
    assert task["owners"]["kind"] == "names"
    assert task["text"]["kind"] == "paragraphs"
    assert task["deadline"]["kind"] == "text"
    assert task["done_on"]["kind"] == "date"
    assert task["figures"]["kind"] == "figures"
    assert task["status"]["kind"] == "enum"
    assert form["choices"]["Status"]["done"] == "已完成"
    assert "tasks" not in task and "id" not in task
    plan = {f["key"]: f for f in form["models"]["Plan"]}
    assert plan["year"]["kind"] == "int" and plan["organisation"]["label"] == "发文工会"
    english = served.client.get("/api/form", params={"lang": "en"}).json()
    assert {f["key"]: f for f in english["models"]["Task"]}["title"]["label"] == "Task"


# ---------------------------------------------------------------------------- edits


def test_renaming_the_organisation_changes_one_line_and_keeps_its_comment(
    served: Served,
) -> None:
    before, after, state = served.edited(
        {"op": "set", "path": ["organisation"], "value": "某街道工会联合会"}
    )
    assert changed_lines(before, after) == [
        "-organisation: 某街道总工会   # 发文单位",
        "+organisation: 某街道工会联合会   # 发文单位",
    ]
    assert "某街道工会联合会" in html_text(state["preview"])


def test_renaming_a_task_changes_its_title_line_only(served: Served) -> None:
    before, after, state = served.edited(
        {"op": "set", "path": ["tasks", 0, "tasks", 1, "title"], "value": "举办工会主席培训班"}
    )
    assert changed_lines(before, after) == [
        "-        title: 举办基层工会主席培训班",
        "+        title: 举办工会主席培训班",
    ]
    assert "举办工会主席培训班" in html_text(state["preview"])


def test_owners_typed_with_a_chinese_comma_keep_the_sources_shape(served: Served) -> None:
    before, after, _ = served.edited(
        {"op": "set", "path": ["tasks", 0, "tasks", 0, "owners"], "value": "组织部、宣传部"}
    )
    assert changed_lines(before, after) == [
        "-        owners: [组织部, 各社区工会]",
        "+        owners: [组织部, 宣传部]",
    ]
    before, after, _ = served.edited(
        {"op": "set", "path": ["tasks", 1, "owners"], "value": "法律服务部、女职工部"}
    )
    assert changed_lines(before, after) == [
        "-    owners: 法律服务部",
        "+    owners: 法律服务部、女职工部",
    ]


def test_a_chinese_deadline_is_written_as_typed_and_shown_as_dates(served: Served) -> None:
    before, after, state = served.edited(
        {"op": "set", "path": ["tasks", 0, "tasks", 1, "deadline"], "value": "五月底前"}
    )
    assert changed_lines(before, after) == [
        "-        deadline: 第二季度",
        "+        deadline: 五月底前",
    ]
    assert state["deadlines"]['["tasks",0,"tasks",1]'] == "2026-05-01 – 2026-05-31"


def test_an_impossible_deadline_is_refused_at_its_field(served: Served) -> None:
    before = served.plan.read_text("utf-8")
    response = served.edit(
        {"op": "set", "path": ["tasks", 0, "tasks", 1, "deadline"], "value": "二月三十日"}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["refused"] is True
    assert body["findings"][0]["path"] == ["tasks", 0, "tasks", 1, "deadline"]
    assert "二月三十日" in body["findings"][0]["message"]
    assert served.plan.read_text("utf-8") == before  # nothing written


def test_clearing_a_required_field_is_refused(served: Served) -> None:
    response = served.edit({"op": "set", "path": ["tasks", 1, "title"], "value": "  "})
    assert response.status_code == 422
    assert "title: 做好职工维权服务" in served.plan.read_text("utf-8")


def test_adding_a_task_under_a_section_only_adds_lines(served: Served) -> None:
    before, after, state = served.edited(
        {
            "op": "add",
            "path": ["tasks", 0, "tasks"],
            "index": None,
            "item": {"title": "建立会员实名制台账"},
        }
    )
    assert changed_lines(before, after) == [
        "+      - id: task-1",
        "+        title: 建立会员实名制台账",
    ]
    assert state["data"]["tasks"][0]["tasks"][2]["title"] == "建立会员实名制台账"
    assert comments(after) == comments(before)
    assert "建立会员实名制台账" in html_text(state["preview"])


def test_moving_a_task_keeps_the_section_comments_in_place(served: Served) -> None:
    before, after, state = served.edited({"op": "move", "path": ["tasks", 0, "tasks", 1], "by": -1})
    assert [t["id"] for t in state["data"]["tasks"][0]["tasks"]] == ["org-train", "org-new"]
    assert comments(after) == comments(before)
    assert after.index("# 第二部分") < after.index("id: rights")
    assert after.index("# 第二部分") > after.index("id: org-new")


def test_indenting_and_outdenting_a_task(served: Served) -> None:
    _, after, state = served.edited({"op": "indent", "path": ["tasks", 1]})
    assert [t["id"] for t in state["data"]["tasks"]] == ["org"]
    assert [t["id"] for t in state["data"]["tasks"][0]["tasks"]] == [
        "org-new",
        "org-train",
        "rights",
    ]
    assert "      - id: rights" in after.splitlines()  # written one level deeper
    _, after, state = served.edited({"op": "outdent", "path": ["tasks", 0, "tasks", 2]})
    assert [t["id"] for t in state["data"]["tasks"]] == ["org", "rights"]
    assert after.replace("\n", "") == PLAN.replace("\n", "")  # back as it was


def test_outdenting_a_top_level_task_is_refused(served: Served) -> None:
    response = served.edit({"op": "outdent", "path": ["tasks", 1]})
    assert response.status_code == 422
    assert response.json()["findings"][0]["path"] == ["tasks", 1]


def test_deleting_a_task_keeps_the_comment_before_the_next_one(served: Served) -> None:
    _, after, state = served.edited({"op": "delete", "path": ["tasks", 0, "tasks", 0]})
    assert [t["id"] for t in state["data"]["tasks"][0]["tasks"]] == ["org-train"]
    assert "新建非公企业工会" not in after
    assert "# 第二部分：维权服务" in after and "# 落款" in after


def test_figures_status_and_summary_paragraphs(served: Served) -> None:
    loc = ["tasks", 0, "tasks", 0]
    served.edited({"op": "set", "path": [*loc, "status"], "value": "done"})
    served.edited({"op": "set", "path": [*loc, "done_on"], "value": "2026-06-20"})
    _, after, state = served.edited(
        {"op": "set", "path": [*loc, "figures"], "value": "新建工会: 6\n新增会员：320"}
    )
    assert state["data"]["tasks"][0]["tasks"][0]["figures"] == {"新建工会": 6, "新增会员": 320}
    assert "        done_on: 2026-06-20" in after.splitlines()
    _, after, state = served.edited(
        {
            "op": "set",
            "path": ["summary", "overview"],
            "value": "全年新建工会6家。\n\n新增会员320人。",
        }
    )
    assert state["data"]["summary"]["overview"] == ["全年新建工会6家。", "新增会员320人。"]


# ---------------------------------------------------------------------------- conflicts


def test_a_save_on_a_file_changed_on_disk_is_refused_with_both_versions(served: Served) -> None:
    version = served.load()["version"]
    changed = PLAN.replace("year: 2026", "year: 2026  # 另一个编辑器加的注释")
    served.plan.write_text(changed, "utf-8")
    response = served.edit(
        {"op": "set", "path": ["organisation"], "value": "某街道工会联合会"}, version
    )
    assert response.status_code == 409
    body = response.json()
    assert body["theirs"] == changed
    assert "organisation: 某街道工会联合会   # 发文单位" in body["mine"]
    assert "另一个编辑器" not in body["mine"]
    assert served.plan.read_text("utf-8") == changed  # nothing written
    # keeping mine: a save naming the version now on disk
    kept = served.client.post(
        "/api/save",
        json={"path": "plan.yaml", "version": body["version"], "text": body["mine"]},
        headers=served.headers,
    )
    assert kept.status_code == 200
    assert served.plan.read_text("utf-8") == body["mine"]
    # a save naming the old version again is refused too
    stale = served.client.post(
        "/api/save",
        json={"path": "plan.yaml", "version": version, "text": PLAN},
        headers=served.headers,
    )
    assert stale.status_code == 409


def test_crlf_and_bom_are_kept(served: Served) -> None:
    served.plan.write_bytes(b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode("utf-8"))
    served.edited({"op": "set", "path": ["tasks", 1, "title"], "value": "做好职工法律服务"})
    raw = served.plan.read_bytes()
    assert (
        raw.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in raw
        and b"\n" not in raw.replace(b"\r\n", b"")
    )
    assert "title: 做好职工法律服务\r\n" in raw.decode("utf-8-sig")


# ---------------------------------------------------------------------------- findings


def test_findings_point_at_the_fields(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "school-2026.zh.yaml", tmp_path / "plan.yaml")
    state = Served(tmp_path).load()
    data = state["data"]

    def at(path: list[Any]) -> Any:
        node = data
        for part in path:
            node = node[part]
        return node

    no_goal = [f for f in state["findings"] if f["rule"] == "task-no-goal"]
    assert no_goal
    for f in no_goal:
        task = at(f["path"][:-1] if isinstance(f["path"][-1], str) else f["path"])
        assert f"'{task['id']}'" in f["message"]
    coverage = {c["rubric"]: c for c in state["coverage"]}
    assert coverage["five-ones-school"]["covered"] == coverage["five-ones-school"]["required"]
    assert all(item["text"] for item in coverage["model-home"]["items"])


def test_a_plan_that_does_not_load_shows_its_source_and_located_problems(served: Served) -> None:
    served.plan.write_text(PLAN.replace("year: 2026", "year: 二〇二六"), "utf-8")
    state = served.load()
    assert state["valid"] is False
    assert state["text"].startswith("# 某街道总工会")
    assert any(f["line"] == 4 and f["path"] == ["year"] for f in state["findings"])
    fixed = served.client.post(
        "/api/save",
        json={"path": "plan.yaml", "version": state["version"], "text": PLAN},
        headers=served.headers,
    )
    assert fixed.status_code == 200 and fixed.json()["valid"] is True


# ---------------------------------------------------------------------------- downloads


def test_downloads_are_a_docx_and_markdown_of_the_plan(served: Served) -> None:
    import docx

    response = served.client.get("/api/download", params={"path": "plan.yaml", "format": "docx"})
    assert response.status_code == 200
    assert response.headers["content-disposition"] == "attachment; filename*=UTF-8''plan.docx"
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "某街道总工会2026年工作计划" in text and "新建非公企业工会" in text
    md = served.client.get("/api/download", params={"path": "plan.yaml", "format": "md"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    from markdown_it import MarkdownIt

    tokens = MarkdownIt().parse(md.text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "某街道总工会2026年工作计划"
    bad = served.client.get("/api/download", params={"path": "plan.yaml", "format": "exe"})
    assert bad.status_code == 400


# ---------------------------------------------------------------------------- the folder


def test_the_folder_lists_its_plans_with_progress_and_findings(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "school-2026.zh.yaml", tmp_path / "school.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "street.yaml").write_text(PLAN, "utf-8")
    (tmp_path / "broken.yaml").write_text("organisation: [\n", "utf-8")
    served = Served(tmp_path)
    rows = {r["path"]: r for r in served.client.get("/api/folder").json()["plans"]}
    assert set(rows) == {"school.yaml", "sub/street.yaml", "broken.yaml"}
    assert rows["school.yaml"]["progress"]["total"] == 35
    assert rows["sub/street.yaml"]["title"] == "某街道总工会2026年工作计划"
    assert rows["broken.yaml"]["error"]["rule"] == "load-error"
    page = served.client.get("/")
    assert page.status_code == 200 and 'data-mode="folder"' in page.text


def test_a_served_file_opens_the_editor_and_serves_no_other(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, "utf-8")
    (tmp_path / "other.yaml").write_text(PLAN, "utf-8")
    config = ServeConfig(Workspace.for_target(tmp_path / "plan.yaml"), {"testserver"})
    client = TestClient(create_app(config))
    assert client.get("/", follow_redirects=False).headers["location"] == "/edit?path=plan.yaml"
    assert client.get("/api/plan", params={"path": "other.yaml"}).status_code == 403


# ---------------------------------------------------------------------------- guards


def test_a_write_without_the_token_is_refused(served: Served) -> None:
    version = served.load()["version"]
    body = {
        "path": "plan.yaml",
        "version": version,
        "edit": {"op": "set", "path": ["year"], "value": "2027"},
    }
    assert served.client.post("/api/edit", json=body).status_code == 403
    wrong = {"X-Planforge-Token": "x" + served.config.token}
    assert served.client.post("/api/edit", json=body, headers=wrong).status_code == 403
    assert served.plan.read_text("utf-8") == PLAN


def test_a_foreign_host_header_is_refused(served: Served) -> None:
    response = served.client.get(
        "/api/plan", params={"path": "plan.yaml"}, headers={"Host": "evil.example:8765"}
    )
    assert response.status_code == 421
    assert allowed_hosts("127.0.0.1", 8765) == {"127.0.0.1:8765", "localhost:8765"}
    assert allowed_hosts("192.168.1.5", 80) == {"192.168.1.5:80", "192.168.1.5"}
    assert allowed_hosts("::1", 8765) == {"[::1]:8765"}
    import socket

    everywhere = allowed_hosts("0.0.0.0", 8765)
    assert f"{socket.gethostname().lower()}:8765" in everywhere
    assert "evil.example:8765" not in everywhere


@pytest.mark.parametrize(
    "path",
    [
        "../outside.yaml",
        "sub/../../outside.yaml",
        "/etc/passwd",
        "%2e%2e/outside.yaml",
        "C:/x.yaml",
        "link.yaml",
        "notes.txt",
        "",
    ],
)
def test_paths_outside_the_folder_are_refused(tmp_path: Path, path: str) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "plan.yaml").write_text(PLAN, "utf-8")
    (folder / "notes.txt").write_text("secret", "utf-8")
    (tmp_path / "outside.yaml").write_text(PLAN, "utf-8")
    (folder / "link.yaml").symlink_to(tmp_path / "outside.yaml")
    served = Served(folder)
    for url in ("/api/plan", "/api/download", "/edit"):
        response = served.client.get(url, params={"path": path})
        assert response.status_code in (400, 403, 404), (url, response.status_code)
        assert "某街道总工会" not in response.text
    # the near miss: a plan inside the folder is served
    assert served.client.get("/api/plan", params={"path": "plan.yaml"}).status_code == 200


def test_with_host_every_request_needs_the_token(served: Served) -> None:
    remote = Served(served.folder, require_token=True)
    assert remote.client.get("/").status_code == 401
    assert remote.client.get("/static/app.js").status_code == 401
    first = remote.client.get("/", params={"token": remote.config.token})
    assert first.status_code == 200
    assert "HttpOnly" in first.headers["set-cookie"]
    # the cookie the page set carries the token from then on
    assert remote.client.get("/static/app.js").status_code == 200
    assert remote.client.get("/api/plan", params={"path": "plan.yaml"}).status_code == 200


def test_the_page_escapes_what_it_is_given(tmp_path: Path) -> None:
    name = 'a&b"<i>.yaml'
    (tmp_path / name).write_text(PLAN, "utf-8")
    served = Served(tmp_path)
    page = served.client.get("/edit", params={"path": name})
    assert page.status_code == 200
    assert 'data-path="a&amp;b&quot;&lt;i&gt;.yaml"' in page.text
    assert "<i>" not in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


# ---------------------------------------------------------------------------- the command


def test_the_command_refuses_a_missing_target_and_a_busy_port(tmp_path: Path) -> None:
    import socket

    from planforge.cli import call_guarded
    from planforge.serve.run import ServeOptions, run_serve

    def run(**kw: Any) -> int:
        return call_guarded(run_serve, ServeOptions(**kw))

    assert run(target=tmp_path / "missing.yaml") == 2
    (tmp_path / "notes.txt").write_text("x", "utf-8")
    assert run(target=tmp_path / "notes.txt") == 2
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    try:
        assert run(target=tmp_path, port=busy.getsockname()[1]) == 2
    finally:
        busy.close()


def test_serve_is_a_registered_command_with_help() -> None:
    from typer.testing import CliRunner

    from planforge.cli import build_app

    result = CliRunner().invoke(build_app(), ["serve", "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    for option in ("--port", "--host", "--open", "PLAN|FOLDER"):
        assert option in result.output


def test_the_static_files_ship_with_the_package() -> None:
    from planforge.serve.app import STATIC

    assert {p.name for p in STATIC.iterdir()} >= {"page.html", "app.js", "app.css"}
    assert "http" not in (STATIC / "page.html").read_text("utf-8").replace("http-equiv", "")
    js = (STATIC / "app.js").read_text("utf-8")
    assert "innerHTML" not in js and "cdn" not in js.lower()


def test_a_quoted_title_stays_quoted_and_a_folded_text_stays_folded(served: Served) -> None:
    served.plan.write_text(
        PLAN.replace("title: 做好职工维权服务", 'title: "做好职工维权服务"').replace(
            "    deadline: 全年\n",
            "    text: >-\n      为职工提供法律咨询，\n      代理劳动争议案件。\n    deadline: 全年\n",
        ),
        "utf-8",
    )
    before, after, _ = served.edited(
        {"op": "set", "path": ["tasks", 1, "title"], "value": "做好职工法律服务"}
    )
    assert changed_lines(before, after) == [
        '-    title: "做好职工维权服务"',
        '+    title: "做好职工法律服务"',
    ]
    before, after, state = served.edited(
        {"op": "set", "path": ["tasks", 1, "text"], "value": "为职工提供法律咨询和援助。"}
    )
    assert state["data"]["tasks"][1]["text"] == "为职工提供法律咨询和援助。"
    assert "    text: >-" in after.splitlines()
