"""Escape sequences in a plan file or a server's message never reach the terminal raw (issue 21
item 10): every rendered diagnostic shows control characters as '?', one for one."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from paceplan.cli import main
from paceplan.errors import Diagnostic
from paceplan.source import Source, Span, terminal_safe


def test_terminal_safe_keeps_newlines_tabs_and_width() -> None:
    assert terminal_safe("a\x1b[31mb\rc\x07d\x9be\x7f\n\tf") == "a?[31mb?c?d?e?\n\tf"


def test_a_diagnostic_with_escapes_in_message_hint_and_source_line_renders_safe() -> None:
    source = Source(text="45 min \x1b]0;pwned\x07 easy", name="p.csv")
    d = Diagnostic("server said \x1b[2J", span=Span(source, 7, 8), hint="try \r again")
    text = d.render()
    assert not any(ord(c) < 32 and c != "\n" or 127 <= ord(c) < 160 for c in text)
    lines = text.splitlines()
    assert lines[1] == "1 | 45 min ?]0;pwned? easy" and lines[2] == "  |        ^"


def test_cli_error_on_a_csv_cell_with_an_escape_prints_no_escape(tmp_path: Path) -> None:
    plan = tmp_path / "p.csv"
    plan.write_bytes(b"week,mon,tue,wed\n1,45 min easy \x1b]0;pwned\x07,rest,rest\n")
    result = CliRunner().invoke(main, ["show", str(plan)])
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "?]0;pwned?" in result.output
