"""The cache of validated plans and layout profiles: a repeated render gives the same
bytes without parsing; a changed source, profile or planforge misses; a damaged, missing
or unwritable cache never changes what is rendered."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cache_helpers import entries
from conftest import EXAMPLES, FIXTURES, example_files, run_cli
from planforge import cache
from planforge.render.run import context_material

# A kind for the store's own tests: any JSON text, stored and returned as is.
TEXT_KIND: cache.Kind[object] = cache.Kind(
    "test", cache.AnyOf(cache.STR, cache.Record({"n": cache.INT})), lambda v: v, lambda d: d
)


def payload_of(entry: Path) -> bytes:
    """The JSON text an entry holds."""
    import zlib

    return zlib.decompress(entry.read_bytes()[len(cache.FORMAT) + cache.DIGEST_SIZE :])


def documents(folder: Path) -> list[Path]:
    """The entries holding whole rendered documents (render/output_shape.py)."""
    return [e for e in entries(folder) if payload_of(e).startswith(b'{"type":')]


def contexts(folder: Path) -> list[Path]:
    return [e for e in entries(folder) if b'"sections":' in payload_of(e)]


def drop_documents(folder: Path) -> None:
    """Leave only the contexts and profiles, so that the next render builds its document."""
    for entry in documents(folder):
        entry.unlink()


def render(source: Path, fmt: str, out: Path, *extra: str) -> bytes:
    result = run_cli("render", source, "--format", fmt, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def count_parses(monkeypatch) -> list[str]:
    import planforge.load

    parsed: list[str] = []
    real = planforge.load.parse

    def counting(text: str, name: str = "<string>"):
        parsed.append(name)
        return real(text, name)

    monkeypatch.setattr(planforge.load, "parse", counting)
    return parsed


@pytest.mark.parametrize("source", example_files(), ids=lambda p: p.stem)
def test_a_repeated_render_is_byte_identical_to_a_fresh_one(store, tmp_path, source):
    for fmt in ("md", "html", "docx"):
        for summary in ((), ("--summary",)):
            fresh = render(source, fmt, tmp_path / f"fresh.{fmt}", "--no-cache", *summary)
            first = render(source, fmt, tmp_path / f"first.{fmt}", *summary)
            again = render(source, fmt, tmp_path / f"again.{fmt}", *summary)
            assert fresh == first == again, (fmt, summary)
    # plan and summary contexts, the layout profile, and the six documents
    assert len(contexts(store)) == 2
    assert len(documents(store)) == 6
    assert len(entries(store)) == 9


def test_a_hit_does_not_parse_and_a_changed_byte_does(store, tmp_path, monkeypatch):
    source = tmp_path / "plan.yaml"
    source.write_bytes((EXAMPLES / "union-2026.en.yaml").read_bytes())
    parsed = count_parses(monkeypatch)
    before = render(source, "md", tmp_path / "a.md")
    assert render(source, "md", tmp_path / "b.md") == before
    assert parsed == [str(source)]
    source.write_bytes(source.read_bytes() + b"# one more comment\n")
    assert render(source, "md", tmp_path / "c.md") == before
    assert parsed == [str(source)] * 2


def test_no_cache_and_the_environment_switch_leave_the_folder_alone(store, tmp_path, monkeypatch):
    source = EXAMPLES / "school-2026.zh.yaml"
    render(source, "docx", tmp_path / "a.docx", "--no-cache")
    assert entries(store) == []
    monkeypatch.setenv("PLANFORGE_NO_CACHE", "1")
    render(source, "docx", tmp_path / "b.docx")
    assert entries(store) == []
    monkeypatch.setenv("PLANFORGE_NO_CACHE", "0")
    render(source, "docx", tmp_path / "c.docx")
    assert len(entries(store)) == 3  # the context, the profile, the document


def test_an_invalid_source_is_never_cached_and_always_reported(store, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\norganisation: 工会\nyear: 2026\nlanguage: fr\n", "utf-8")
    outputs = []
    for _ in range(2):
        result = run_cli("render", bad, "--format", "md", "-o", tmp_path / "out.md")
        assert result.exit_code == 2
        outputs.append(result.stderr)
    assert outputs[0] == outputs[1]
    assert f"{bad}:4:11:" in outputs[0]
    assert entries(store) == []


def test_a_damaged_entry_is_a_miss_and_is_written_again(store, tmp_path):
    source = EXAMPLES / "enterprise-2026.zh.yaml"
    good = render(source, "html", tmp_path / "a.html")
    both = entries(store)
    assert len(both) == 2  # the context and the document
    raws = [entry.read_bytes() for entry in both]
    for n in range(4):
        for entry, raw in zip(both, raws, strict=True):
            damaged = (raw[: len(raw) // 2], raw[:-1] + bytes([raw[-1] ^ 0xFF]), b"", b"\x00" * 99)
            entry.write_bytes(damaged[n])
        assert render(source, "html", tmp_path / "b.html") == good
        assert [entry.read_bytes() for entry in both] == raws


def test_a_cache_folder_that_cannot_be_written_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("PLANFORGE_CACHE_DIR", str(blocker / "cache"))
    source = EXAMPLES / "school-2025.zh.yaml"
    first = render(source, "docx", tmp_path / "a.docx")
    assert render(source, "docx", tmp_path / "b.docx") == first
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_without_a_home_folder_there_is_no_cache_and_no_error(tmp_path, monkeypatch):
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    for name in ("PLANFORGE_CACHE_DIR", "XDG_CACHE_HOME", "PLANFORGE_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    source = EXAMPLES / "union-2026.en.yaml"
    assert render(source, "md", tmp_path / "a.md") == render(source, "md", tmp_path / "b.md")


def test_the_least_recently_used_entries_go_beyond_the_limit(store, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)

    def age(n: int) -> None:
        entry = store / (
            cache.entry_key(TEXT_KIND.namespace, f"source {n}".encode()) + cache.SUFFIX
        )
        os.utime(entry, ns=(n * 10**9, n * 10**9))

    for n in range(3):
        cache.put(TEXT_KIND, f"source {n}".encode(), {"n": n})
        age(n)
    assert cache.get(TEXT_KIND, b"source 0") == {"n": 0}  # used: now the most recent
    for n in range(3, 5):
        cache.put(TEXT_KIND, f"source {n}".encode(), {"n": n})
        age(n)
    kept = [cache.get(TEXT_KIND, f"source {n}".encode()) for n in range(5)]
    assert kept == [{"n": 0}, None, None, {"n": 3}, {"n": 4}]


def test_the_folder_is_pruned_at_a_process_first_write_then_every_so_many(store, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 1)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 3)
    monkeypatch.setattr(cache, "_WRITES", [0])
    counts = []
    for n in range(7):
        cache.put(TEXT_KIND, f"source {n}".encode(), {"n": n})
        os.utime(entries(store)[0], ns=(n, n))  # each write older than the last: any kept
        counts.append(len(entries(store)))
    assert counts == [1, 2, 3, 1, 2, 3, 1]


def test_values_that_are_not_json_or_not_of_the_kinds_shape_are_not_stored(store):
    for value in ({"path": Path("a")}, {"n": "1"}, {"n": True}, {"n": 1, "m": 2}, ["x"]):
        cache.put(TEXT_KIND, b"x", value)
        assert entries(store) == [], value
    paths: cache.Kind[object] = cache.Kind("test", cache.STR, lambda v: v, lambda d: d)
    cache.put(paths, b"x", Path("a"))  # fits nothing: a path is not JSON
    assert entries(store) == []
    assert cache.get(TEXT_KIND, b"x") is None


def test_the_code_fingerprint_follows_every_module_and_data_file_but_not_bytecode(tmp_path):
    package = tmp_path / "package"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    module = package / "sub" / "module.py"
    module.write_text("A = 1\n", encoding="utf-8")
    first = cache.fingerprint(package)
    (package / "sub" / "__pycache__" / "module.cpython-311.pyc").write_bytes(b"\0" * 8)
    (package / "sub" / "notes.orig").write_text("a: 1\n", encoding="utf-8")
    assert cache.fingerprint(package) == first
    module.write_text("A = 2\n", encoding="utf-8")
    os.utime(module, ns=(1, 1))
    second = cache.fingerprint(package)
    assert second != first
    rubric = package / "rubrics" / "own.yaml"  # built-in rubrics, templates, vocabularies
    rubric.parent.mkdir()
    rubric.write_text("id: own\n", encoding="utf-8")
    assert cache.fingerprint(package) != second
    third = cache.fingerprint(package)
    (package / "page.html.j2").write_text("{{ x }}\n", encoding="utf-8")
    assert cache.fingerprint(package) != third


def test_a_profile_entry_follows_the_profile_it_extends(store, tmp_path):
    from docx import Document
    from docx.shared import Mm

    base = tmp_path / "base.yaml"
    local = tmp_path / "local.yaml"
    base.write_text(
        "extends: gbt9704\nname: base\npage:\n  margin_top_mm: {value: 30, source: 本地规定}\n",
        encoding="utf-8",
    )
    local.write_text(f"extends: {base}\nname: local\n", encoding="utf-8")
    source = EXAMPLES / "school-2026.zh.yaml"

    def top_margin(name: str) -> float:
        out = tmp_path / name
        render(source, "docx", out, "--profile", str(local))
        return Document(str(out)).sections[0].top_margin / Mm(1)

    assert top_margin("a.docx") == pytest.approx(30, abs=0.1)
    assert top_margin("b.docx") == pytest.approx(30, abs=0.1)
    base.write_text(base.read_text(encoding="utf-8").replace("30", "33"), encoding="utf-8")
    assert top_margin("c.docx") == pytest.approx(33, abs=0.1)


def test_the_limits_in_force_are_part_of_the_key(store, tmp_path, monkeypatch):
    source = EXAMPLES / "union-2026.en.yaml"
    render(source, "md", tmp_path / "a.md")
    monkeypatch.setenv("PLANFORGE_MAX_NODES", "5")
    result = run_cli("render", source, "--format", "md", "-o", tmp_path / "b.md")
    assert result.exit_code == 2
    assert "more than 5 values" in result.stderr


def test_a_package_that_cannot_be_fingerprinted_means_no_cache(store, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "code_fingerprint", lambda: None)
    source = EXAMPLES / "school-2026.zh.yaml"
    assert render(source, "docx", tmp_path / "a.docx") == render(
        source, "docx", tmp_path / "b.docx"
    )
    assert entries(store) == []


def test_a_file_name_in_another_encoding_does_not_break_the_fingerprint(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "module.py").write_text("A = 1\n", encoding="utf-8")
    first = cache.fingerprint(package)
    os.close(os.open(os.fsencode(package) + b"/notes-\xe9.py", os.O_CREAT | os.O_WRONLY))
    assert cache.fingerprint(package) != first


def test_the_folder_keeps_within_its_byte_budget_and_loses_dead_temporary_files(store, monkeypatch):
    store.mkdir()
    dead, live = store / ".dead.tmp", store / ".live.tmp"
    dead.write_bytes(b"half an entry")
    live.write_bytes(b"being written")
    os.utime(dead, (0, 0))
    monkeypatch.setattr(cache, "MAX_BYTES", 2500)
    monkeypatch.setattr(cache, "PRUNE_EVERY", 1)
    import secrets

    values = [secrets.token_urlsafe(1000) for _ in range(4)]  # ~1 kB each, compressed
    for n in range(4):
        cache.put(TEXT_KIND, f"source {n}".encode(), values[n])
    assert not dead.exists() and live.exists()
    assert sum(p.stat().st_size for p in entries(store)) <= 2500
    assert len(entries(store)) == 2
    assert cache.get(TEXT_KIND, b"source 3") == values[3]


def test_a_relative_xdg_cache_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANFORGE_CACHE_DIR", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == tmp_path / ".cache" / "planforge"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "planforge"


def test_a_profile_comes_back_as_the_figures_it_was_stored_as(store):
    import copy

    from planforge.model.profile import LayoutProfile
    from planforge.render.docx.profiles import Figures, ProfileEntry, _kind, load_profile

    fresh = load_profile("gbt9704")  # a miss: validated, then stored
    cached = load_profile("gbt9704")  # a hit
    assert type(fresh) is type(cached) is Figures
    assert cached.data() == fresh.data() == LayoutProfile.model_validate(fresh.data()).model_dump()
    assert cached.page.margin_top_mm.value == 37
    assert cached.body.lines_per_page.value == 22
    assert copy.deepcopy(cached).body.font.value == fresh.body.font.value
    with pytest.raises(AttributeError):
        _ = cached.no_such_figure
    (entry,) = entries(store)
    material = os.fsencode(str(entry))  # any material: the kind's round trip itself
    cache.put(_kind(), material, ProfileEntry((("/a.yaml", "d1"),), fresh))
    back = cache.get(_kind(), material)
    assert isinstance(back, ProfileEntry) and isinstance(back.figures, Figures)
    assert back.parents == (("/a.yaml", "d1"),) and back.figures.data() == fresh.data()


def test_a_context_comes_back_as_the_dict_it_was_stored_as(store):
    from planforge.render.context import plan_context, summary_context
    from planforge.render.context_shape import PLAN_KIND, SUMMARY_KIND
    from planforge.validate import load_plan

    plan = load_plan(EXAMPLES / "school-2026.zh.yaml")
    for kind, ctx in ((PLAN_KIND, plan_context(plan)), (SUMMARY_KIND, summary_context(plan))):
        cache.put(kind, b"plan", ctx)
        back = cache.get(kind, b"plan")
        assert type(back) is dict and back == ctx
    # a section's node is stored once and shared again, as the context builds it
    plan_back = cache.get(PLAN_KIND, b"plan")
    nodes = [p["node"] for p in plan_back["parts"] if p["key"] == "section"]
    assert nodes and all(any(n is s for s in plan_back["sections"]) for n in nodes)


def _body_size(docx: bytes) -> str:
    import io
    import re
    import zipfile

    styles = zipfile.ZipFile(io.BytesIO(docx)).read("word/styles.xml").decode("utf-8")
    found = re.search(r'<w:sz w:val="(\d+)"/>', styles)
    assert found is not None
    return found.group(1)


def test_profiles_reached_through_links_are_read_through_them_again(store, tmp_path):
    def profile(name: str, size: int) -> None:
        (tmp_path / name).write_text(
            f"extends: gbt9704\nname: {name}\nbody:\n  size_pt: {{value: {size}, source: x}}\n",
            encoding="utf-8",
        )

    profile("p1.yaml", 15)
    profile("p2.yaml", 20)
    link = tmp_path / "link.yaml"
    link.symlink_to("p1.yaml")
    child = tmp_path / "child.yaml"
    child.write_text("extends: link.yaml\nname: child\n", encoding="utf-8")
    source = EXAMPLES / "school-2026.zh.yaml"

    def size() -> str:
        return _body_size(render(source, "docx", tmp_path / "o.docx", "--profile", str(child)))

    assert [size(), size()] == ["30", "30"]  # half-points: validated, then cached
    link.unlink()
    link.symlink_to("p2.yaml")
    assert size() == "40"


def test_a_profile_linked_from_another_folder_extends_its_neighbour_there(store, tmp_path):
    for folder, size in (("a", 15), ("b", 20)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "base.yaml").write_text(
            f"extends: gbt9704\nname: base\nbody:\n  size_pt: {{value: {size}, source: x}}\n",
            encoding="utf-8",
        )
    (tmp_path / "a" / "child.yaml").write_text("extends: base.yaml\nname: c\n", encoding="utf-8")
    (tmp_path / "b" / "child.yaml").symlink_to(tmp_path / "a" / "child.yaml")
    source = EXAMPLES / "school-2026.zh.yaml"
    sizes = []
    for folder in ("a", "b", "a", "b"):
        out = tmp_path / "o.docx"
        sizes.append(
            _body_size(render(source, "docx", out, "--profile", f"{tmp_path}/{folder}/child.yaml"))
        )
    assert sizes == ["30", "40", "30", "40"]


def forge(entry: Path, payload: bytes, *, compress: bool = True) -> None:
    """Write `payload` (JSON text, compressed as the cache does unless `compress` is False)
    as an entry with a correct header and digest: only its content is bad."""
    import hashlib
    import zlib

    payload = zlib.compress(payload) if compress else payload
    digest = hashlib.blake2b(payload, digest_size=cache.DIGEST_SIZE).digest()
    entry.write_bytes(cache.FORMAT + digest + payload)


def crafted_contexts(good: dict) -> list[object]:
    """Entries of the right JSON but the wrong shape or types, each a plausible attack or
    damage: a missing, extra or retyped key, a template name, a section index out of range."""
    import copy

    def changed(edit) -> dict:
        data = copy.deepcopy(good)
        edit(data)
        return data

    section = next(i for i, p in enumerate(good["parts"]) if p["key"] == "section")
    return [
        [],
        "plan",
        {},
        changed(lambda d: d.pop("labels")),
        changed(lambda d: d.update(extra=1)),
        changed(lambda d: d.update(document="../../etc/passwd")),
        changed(lambda d: d.update(year="2026")),
        changed(lambda d: d.update(zh=1)),
        changed(lambda d: d["labels"].pop("goals")),
        changed(lambda d: d["sections"][0].update(level="1")),
        changed(lambda d: d["sections"][0].update(children=[{"id": "x"}])),
        changed(lambda d: d["sections"][0]["text"].append(None)),
        changed(lambda d: d["parts"][section].update(node=99)),
        changed(lambda d: d["parts"][section].update(node=-1)),
        changed(lambda d: d["parts"][section].update(key="ghost")),
        changed(lambda d: d["parts"][section].pop("node")),
    ]


def test_a_crafted_or_damaged_json_entry_is_a_miss_never_an_error(store, tmp_path, monkeypatch):
    import json

    source = EXAMPLES / "school-2026.zh.yaml"
    good = render(source, "md", tmp_path / "a.md")
    (entry,) = contexts(store)
    raw = entry.read_bytes()
    data = json.loads(payload_of(entry))
    payloads = [json.dumps(c).encode() for c in crafted_contexts(data)]
    payloads += [
        payload_of(entry)[:-7],  # truncated, digest made to match
        b"\xff\xfe not utf-8",
        b"[" * 200_000 + b"]" * 200_000,  # nested past any recursion limit
        b'{"lang": "zh"' + b', "x": 1' * 1000 + b"}",
        b"NaN",
    ]
    for n, payload in enumerate(payloads):
        forge(entry, payload)
        drop_documents(store)
        assert render(source, "md", tmp_path / "b.md") == good, n
        assert entry.read_bytes() == raw, n  # the miss wrote the right entry again
    material = context_material(source.read_bytes(), False, None)
    assert cache.get(_plan_kind(), material) is not None
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 1000)  # the good entry is now too large
    assert cache.get(_plan_kind(), material) is None


def _plan_kind() -> cache.Kind:
    from planforge.render.context_shape import PLAN_KIND

    return PLAN_KIND


def test_a_crafted_profile_entry_is_a_miss(store, tmp_path):
    import json

    source = EXAMPLES / "school-2026.zh.yaml"
    good = render(source, "docx", tmp_path / "a.docx")
    profile = next(e for e in entries(store) if b'"figures":{"name"' in payload_of(e)[:200])
    raw = profile.read_bytes()
    data = json.loads(payload_of(profile))
    retyped = json.loads(json.dumps(data))
    retyped["figures"]["page"]["width_mm"]["value"] = "210"
    missing = json.loads(json.dumps(data))
    del missing["figures"]["body"]["font"]
    nulled = json.loads(json.dumps(data))
    nulled["figures"]["title"]["size_pt"] = None
    for crafted in (retyped, missing, nulled, {"parents": [], "figures": {}}, data["figures"]):
        forge(profile, json.dumps(crafted).encode())
        drop_documents(store)
        assert render(source, "docx", tmp_path / "b.docx") == good
        assert profile.read_bytes() == raw


@pytest.fixture
def fake_dependencies(tmp_path, monkeypatch) -> dict[str, Path]:
    """Each dependency as a file of its own under tmp_path, found by `cache.locate`."""
    files = {}
    for name in cache.DEPENDENCIES:
        files[name] = tmp_path / "site" / f"{name}.so"
        files[name].parent.mkdir(exist_ok=True)
        files[name].write_bytes(b"version 1\n")
    monkeypatch.setattr(
        cache, "locate", lambda name: [files[name]] if files[name].exists() else None
    )
    cache.code_fingerprint.cache_clear()
    yield files
    cache.code_fingerprint.cache_clear()


@pytest.mark.parametrize("name", cache.DEPENDENCIES)
def test_the_key_changes_with_each_dependency(fake_dependencies, name):
    def key() -> str:
        cache.code_fingerprint.cache_clear()
        return cache.entry_key("plan-context", b"plan")

    first = key()
    assert key() == first
    target = fake_dependencies[name]
    target.write_bytes(b"version 2\n")  # an upgrade: other bytes, another mtime
    os.utime(target, ns=(10**9, 10**9))
    upgraded = key()
    assert upgraded != first
    os.utime(target, ns=(2 * 10**9, 2 * 10**9))  # the same size, touched again
    touched = key()
    assert touched not in (first, upgraded)
    target.unlink()  # uninstalled: the pure-Python parser takes over, say
    assert key() not in (first, upgraded, touched)


def test_each_dependency_is_found_where_python_would_import_it():
    # the parser with the C extension that does the parsing, the validator with its core
    assert {"ruamel.yaml", "_ruamel_yaml", "pydantic", "pydantic_core"} <= set(cache.DEPENDENCIES)
    for name in cache.DEPENDENCIES:
        places = cache.locate(name)
        if name == "_ruamel_yaml" and places is None:
            pytest.skip("ruamel.yaml.clib is not installed")
        assert places and all(p.exists() for p in places), name
    (clib,) = cache.locate("_ruamel_yaml") or []
    assert clib.name.startswith("_ruamel_yaml.") and clib.is_file()  # the C extension itself
    (core,) = cache.locate("pydantic_core") or []
    assert any(p.name.startswith("_pydantic_core.") for p in core.iterdir())
    # a file inside a package folder counts, whatever its suffix (the compiled core is a .so)
    folder = core
    assert cache.fingerprint(folder, suffix="") != cache.fingerprint(folder)


def test_every_example_context_fits_the_stored_shape():
    from planforge.render.context import LABELS, plan_context, summary_context
    from planforge.render.context_shape import LABEL_KEYS, PLAN_KIND, SUMMARY_KIND
    from planforge.validate import load_plan

    assert LABELS["zh"].keys() == LABELS["en"].keys() == set(LABEL_KEYS)
    for source in example_files():
        plan = load_plan(source)
        for kind, ctx in ((PLAN_KIND, plan_context(plan)), (SUMMARY_KIND, summary_context(plan))):
            assert kind.shape.miss(kind.to_data(ctx)) is None, (source.name, kind.namespace)


def test_the_profile_shape_has_the_models_fields():
    from pydantic import BaseModel

    from planforge.model.profile import LayoutProfile
    from planforge.render.docx.profile_shape import LAYOUT_PROFILE
    from planforge.render.docx.profiles import PROFILES_DIR, load_profile

    def compare(model: type[BaseModel], shape: cache.Shape, where: str) -> None:
        assert isinstance(shape, cache.Record), where
        assert shape.fields.keys() == model.model_fields.keys(), where
        for name, field in model.model_fields.items():
            sub = shape.fields[name]
            assert isinstance(sub, cache.Nullable) == (field.default is None), f"{where}.{name}"
            inner = field.annotation
            model_field = isinstance(inner, type) and issubclass(inner, BaseModel)
            if model_field and "Sourced" not in inner.__name__:
                compare(inner, sub, f"{where}.{name}")

    compare(LayoutProfile, LAYOUT_PROFILE, "profile")
    for path in PROFILES_DIR.glob("*.yaml"):
        assert LAYOUT_PROFILE.miss(load_profile(str(path)).data()) is None, path.name


def test_a_repeated_render_imports_no_parser_validator_template_engine_or_docx_writer(store):
    source = EXAMPLES / "school-2026.zh.yaml"
    code = (
        "import sys\nfrom planforge.cli import main\n"
        "for fmt in ('docx', 'md', 'html'):\n"
        "    try:\n"
        f"        main(['render', {str(source)!r}, '--format', fmt, '-o', 'out.' + fmt])\n"
        "    except SystemExit:\n        pass\n"
        "heavy = [m for m in ('pydantic', 'ruamel.yaml', 'jinja2', 'docx', 'lxml',"
        " 'planforge.render.context', 'planforge.render.docx.writer') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    env = {**os.environ, "PLANFORGE_CACHE_DIR": str(store)}
    folder = store.parent
    first = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=folder
    )
    assert "HEAVY []" not in first.stdout, first.stdout + first.stderr
    again = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=folder
    )
    assert "HEAVY []" in again.stdout, again.stdout + again.stderr


def test_a_changed_configuration_is_seen_by_the_next_render(store, tmp_path, monkeypatch):
    from planforge.vocab import calendar

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(calendar, "_CONFIGURED", [])
    monkeypatch.setattr(calendar, "_GENERATION", [calendar.calendar_key() + 1])
    config = tmp_path / ".planforge.yaml"
    config.write_text("calendar:\n  运动会: [10月20日, 10月22日]\n", encoding="utf-8")
    source = tmp_path / "plan.yaml"
    text = (
        (FIXTURES / "small.zh.yaml")
        .read_text("utf-8")
        .replace("deadline: 8月", "deadline: 运动会期间")
    )
    source.write_text(text, "utf-8")
    assert run_cli("render", source, "--format", "md").exit_code == 0
    assert run_cli("render", source, "--format", "md").exit_code == 0
    config.write_text("calendar:\n  寒假: [1-20, 2-28]\n", encoding="utf-8")
    calendar.configure_school_periods({})  # as a new process: the configuration read afresh
    calendar._CONFIGURED.clear()
    result = run_cli("render", source, "--format", "md")
    assert result.exit_code == 2 and "运动会期间" in result.output


def test_a_users_template_is_read_on_every_render(store, tmp_path):
    source = EXAMPLES / "union-2026.en.yaml"
    template = tmp_path / "plan.md.j2"
    template.write_text("# {{ title }}\n", encoding="utf-8")
    first = render(source, "md", tmp_path / "a.md", "--template", template)
    template.write_text("## {{ title }}\n", encoding="utf-8")
    again = render(source, "md", tmp_path / "b.md", "--template", template)
    assert first.startswith(b"# ") and again.startswith(b"## ")
    assert documents(store) == []


def test_a_damaged_document_entry_is_a_miss(store, tmp_path):
    source = EXAMPLES / "school-2026.zh.yaml"
    good = render(source, "docx", tmp_path / "a.docx")
    (entry,) = documents(store)
    raw = entry.read_bytes()
    for payload in (b'{"type":"base64","data":"not base64!"}', b'{"type":"zip","data":""}'):
        forge(entry, payload)
        assert render(source, "docx", tmp_path / "b.docx") == good
        assert entry.read_bytes() == raw


def test_a_payload_that_does_not_inflate_or_inflates_too_far_is_a_miss(store, monkeypatch):
    import zlib

    cache.put(TEXT_KIND, b"a", "x" * 5000)
    (entry,) = entries(store)
    raw = entry.read_bytes()
    packed = zlib.compress(b'"' + b"x" * 5000 + b'"')
    for payload in (b'"plain json"', packed[:-4], packed + b"trailing", b"\x78\x9c garbage"):
        forge(entry, payload, compress=False)
        assert cache.get(TEXT_KIND, b"a") is None, payload[:20]
    entry.write_bytes(raw)
    assert cache.get(TEXT_KIND, b"a") == "x" * 5000
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", 4000)  # inflates past the limit: a bomb
    assert cache.get(TEXT_KIND, b"a") is None
