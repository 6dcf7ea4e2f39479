"""`planforge serve` in a real browser: headless Chromium driven by Selenium through
Debian's chromium-driver. Opens a Chinese plan, renames a task in the form, sees the
preview change and the source change by one line; a second tab's stale edit is refused
with both versions shown. Skips with the reason when Chromium, its driver or Selenium is
missing. A screenshot of the editor is written to $PLANFORGE_SCREENSHOT when it is set.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import EXAMPLES

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--window-size=1600,1000",
)


def _driver_or_skip(profile: Path):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    pytest.importorskip("uvicorn", reason="the serve extra is not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    if driver is None:
        pytest.skip("chromedriver is not installed (apt-get install chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def _wait(driver, condition, seconds: float = 20):
    from selenium.common.exceptions import (
        NoSuchElementException,
        NoSuchFrameException,
        StaleElementReferenceException,
    )
    from selenium.webdriver.support.ui import WebDriverWait

    # The page rebuilds the form and the preview after each save: an element found a
    # moment ago may be gone; look again.
    # the preview's frame is replaced when it is redrawn: one entered a moment ago may be gone
    ignored = (StaleElementReferenceException, NoSuchElementException, NoSuchFrameException)
    return WebDriverWait(driver, seconds, ignored_exceptions=ignored).until(lambda d: condition(d))


def _retype(driver, field, text: str) -> None:
    """Replace a field's text as a person does (select all, type): no change event between."""
    driver.execute_script("arguments[0].focus(); arguments[0].select();", field)
    field.send_keys(text)


def _text(driver, name: str) -> str:
    return driver.find_element("class name", name).get_attribute("textContent") or ""


def _preview_text(driver) -> str:
    """The preview's text, read from the page in one step: the frame is replaced each time
    the preview is redrawn, and entering a frame that is being replaced fails in ways
    chromedriver does not always report as a stale element."""
    text = driver.execute_script(
        "const f = document.getElementById('preview');"
        "const doc = f && f.contentDocument;"
        "return doc && doc.body ? doc.body.innerText : '';"
    )
    return text or ""


def test_rename_a_task_in_the_browser_and_refuse_a_stale_tab(tmp_path: Path) -> None:
    from planforge.serve.run import Background

    plan = tmp_path / "school.yaml"
    shutil.copy(EXAMPLES / "school-2026.zh.yaml", plan)
    before = plan.read_text("utf-8")
    profile = Path(tempfile.mkdtemp(prefix="planforge-chromium-"))
    driver = _driver_or_skip(profile)
    try:
        with Background(tmp_path) as server:
            driver.get(f"{server.url}/edit?path=school.yaml")
            _wait(driver, lambda d: d.find_elements("id", "preview"))
            _wait(driver, lambda d: "征集代表提案" in _preview_text(d))
            assert driver.find_element("tag name", "html").get_attribute("lang") == "zh-CN"
            assert "主要任务" in driver.find_element("id", "form").text

            field = driver.find_element("id", "f-tasks-0-tasks-0-tasks-0-title")
            _retype(driver, field, "广泛征集教代会代表提案")
            driver.find_element("id", "f-organisation").click()  # leaving the field saves it
            _wait(driver, lambda d: "广泛征集教代会代表提案" in _preview_text(d))
            _wait(driver, lambda d: "已保存" in d.find_element("id", "status").text)

            after = plan.read_text("utf-8")
            changed = [
                line
                for line in difflib.unified_diff(before.splitlines(), after.splitlines(), n=0)
                if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
            ]
            assert changed == [
                "-            title: 征集代表提案",
                "+            title: 广泛征集教代会代表提案",
            ]
            # chromedriver marks frames it entered (cd_frame_id_): not the page's markup
            dom = driver.execute_script(
                "for (const f of document.querySelectorAll('iframe'))"
                " f.removeAttribute('cd_frame_id_');"
                "return '<!DOCTYPE html>' + document.documentElement.outerHTML"
            )
            (tmp_path / "editor.html").write_text(dom, "utf-8")
            if os.environ.get("PLANFORGE_SCREENSHOT"):
                renamed = driver.find_element("id", "f-tasks-0-tasks-0-tasks-0-title")
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", renamed)
                driver.save_screenshot(os.environ["PLANFORGE_SCREENSHOT"])

            # Another editor changes the file; this tab's next edit is refused, both shown.
            plan.write_text(after.replace("year: 2026", "year: 2026  # 年度"), "utf-8")
            field = driver.find_element("id", "f-organisation")
            _retype(driver, field, "南湖区实验中学教工工会")
            driver.find_element("id", "f-year").click()
            _wait(driver, lambda d: d.find_element("id", "notice").is_displayed())
            notice = driver.find_element("id", "notice")
            _wait(driver, lambda d: d.find_elements("id", "keep-mine"))
            assert "year: 2026  # 年度" in _text(driver, "theirs")
            _wait(driver, lambda d: "南湖区实验中学教工工会" in _text(d, "mine"))
            assert "南湖区实验中学教工工会" not in plan.read_text("utf-8")
            notice.find_element("id", "keep-mine").click()
            _wait(driver, lambda d: not d.find_element("id", "notice").is_displayed())
            organisation = driver.find_element("id", "f-organisation")
            assert organisation.get_attribute("value") == "南湖区实验中学教工工会"
            assert "organisation: 南湖区实验中学教工工会" in plan.read_text("utf-8")
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    _nu_check(tmp_path / "editor.html")


def _nu_check(page: Path) -> None:
    """The editor as the browser built it (form, findings, side panel) has no errors."""
    from browser_tools import vnu_jar

    jar, reason = vnu_jar()
    if jar is None:
        pytest.skip(f"Nu HTML checker: {reason}")
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    problems = [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]
    assert problems == [], json.dumps(problems, ensure_ascii=False, indent=1)
