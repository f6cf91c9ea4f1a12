"""``main.py --check-quiz``: exit 0 for a good quiz, 1 with one line naming file, question and field, 2 for usage.

Run as a user runs it (a subprocess from the repository root), without a display.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.resources import asset_dir, asset_path

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def bad_quiz(tmp_path: Path) -> Path:
    """The built-in quiz with question 3's region misspelt."""
    text = asset_path("quizzes", "ketamine.toml").read_text(encoding="utf-8")
    marker = 'region = "prefrontal_cortex"\nwhy = "In rats, one dose'
    assert marker in text
    path = tmp_path / "bad quiz.toml"
    path.write_text(text.replace(marker, marker.replace("prefrontal_cortex", "prefrontal_cortx")), encoding="utf-8")
    return path


def test_the_builtin_quiz_checks_ok():
    proc = run_main("--check-quiz", str(asset_path("quizzes", "ketamine.toml")))
    assert proc.returncode == 0, proc.stderr
    count = sum(1 for line in asset_path("quizzes", "ketamine.toml").read_text().splitlines()
                if line == "[[questions]]")
    assert proc.stdout.strip() == f"ok: {count} questions" and proc.stderr == ""


def test_a_bad_quiz_is_one_line_naming_file_question_and_field(tmp_path):
    path = bad_quiz(tmp_path)
    proc = run_main("--check-quiz", str(path))
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    line = lines[0]
    assert line.startswith("error: ") and str(path) in line
    assert "[questions[2].region]" in line and "question 3 of" in line and "Click the region where most" in line
    assert "unknown region 'prefrontal_cortx'" in line


def test_a_missing_quiz_file_exits_1(tmp_path):
    proc = run_main("--check-quiz", str(tmp_path / "none.toml"))
    assert proc.returncode == 1 and "none.toml" in proc.stderr and "not found" in proc.stderr


def test_the_quiz_is_checked_against_the_content_given(tmp_path):
    folder = shutil.copytree(asset_dir("content"), tmp_path / "lecture")
    quiz = str(asset_path("quizzes", "ketamine.toml"))
    assert run_main("--check-quiz", quiz, "--content", str(folder)).returncode == 0
    # a lecturer's folder whose mechanism lacks a step the quiz orders: the quiz no longer fits
    mechanism = folder / "mechanism.toml"
    text = mechanism.read_text(encoding="utf-8")
    mechanism.write_text(text.replace('id = "mtorc1"', 'id = "mtor_signaling"'), encoding="utf-8")
    proc = run_main("--check-quiz", quiz, "--content", str(folder))
    assert proc.returncode == 1 and "unknown mechanism step 'mtorc1'" in proc.stderr
    proc = run_main("--check-quiz", quiz, "--content", str(tmp_path / "no such folder"))
    assert proc.returncode == 1 and "content folder" in proc.stderr


@pytest.mark.parametrize("args", [
    ["--check-quiz"],
    ["--check-quiz", "q.toml", "--quiz"],
    ["--check-quiz", "q.toml", "--list"],
    ["--check-quiz", "q.toml", "--screenshot", "x.png"],
    ["--quiz", "--screenshot", "x.png"],
    ["--quiz", "--self-test"],
])
def test_usage_errors_exit_2(args):
    proc = run_main(*args)
    assert proc.returncode == 2 and "usage:" in proc.stderr


def test_help_names_the_quiz_options():
    proc = run_main("--help")
    assert proc.returncode == 0 and "--check-quiz FILE" in proc.stdout and "--quiz" in proc.stdout
