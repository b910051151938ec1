"""The HTML plan page: golden files, structure, escaping, self-containment, accessibility,
atomic writes.

Golden files live in ``tests/golden/html/``; refresh them deliberately with
``PACEPLAN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_html.py`` and read the diff.
"""

from __future__ import annotations

import difflib
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_html_plans import PACES, hostile_plan, mile_plan, unresolved_plan

from paceplan.errors import OutputError, PlanValueError, Severity
from paceplan.model import Plan
from paceplan.writers import html as html_writer
from paceplan.writers.html import load_template, render_html, render_html_result, write_html
from paceplan.writers.svg_chart import INTENSITY_COLOURS

GOLDEN = Path(__file__).parent / "golden" / "html"
REPO = Path(__file__).resolve().parent.parent

CASES = {
    "mile-3wk": lambda: render_html(mile_plan(), paces=PACES, subtitle="Paces for a 6:00 mile (VDOT 48.4)"),
    "mile-3wk-miles": lambda: render_html(mile_plan(), paces=PACES, units="mi", title="Mile plan in miles"),
    "hostile": lambda: render_html(hostile_plan(), generated="Built on <b>Monday</b> & \"tested\""),
    "unresolved": lambda: render_html(unresolved_plan()),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_html(name: str) -> None:
    page = CASES[name]()
    path = GOLDEN / f"{name}.html"
    if os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path.name}: run with PACEPLAN_UPDATE_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    if page != expected:
        diff = "\n".join(difflib.unified_diff(expected.splitlines(), page.splitlines(), "golden", "now",
                                              lineterm="", n=2))
        pytest.fail(f"{path.name} differs (PACEPLAN_UPDATE_GOLDEN=1 refreshes it):\n{diff[:6000]}")


def test_rendering_is_deterministic() -> None:
    assert render_html(mile_plan(), paces=PACES) == render_html(mile_plan(), paces=PACES)


# -- structure -----------------------------------------------------------------------------------

VOID = {"meta", "link", "br", "img", "input", "hr", "col", "source", "wbr", "area", "base", "embed",
        "param", "track"}
SVG_SELF_CLOSING = {"rect", "path", "line", "circle"}


class Tree(HTMLParser):
    """Checks that tags nest and close, and records tags, attributes, ids and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: Counter[str] = Counter()
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs.append((tag, dict(attrs)))
        if tag not in VOID and tag not in SVG_SELF_CLOSING:
            self.errors.append(f"<{tag}/> self-closed")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.attrs if a.get("id")]  # type: ignore[misc]


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.errors == [] and tree.stack == [], (tree.errors, tree.stack)
    return tree


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_page_is_well_formed_with_unique_ids(name: str) -> None:
    tree = parse(CASES[name]())
    dupes = [i for i, n in Counter(tree.ids).items() if n > 1]
    assert dupes == []


def test_the_page_holds_paces_weeks_and_every_session() -> None:
    plan = mile_plan()
    page = render_html(plan, paces=PACES)
    tree = parse(page)
    assert tree.tags["h1"] == 1
    # The paces the plan uses up front (Faster is not used); every pace folded away below.
    assert tree.tags["table"] == 2 and tree.tags["details"] == 1
    rows = re.findall(r'<th scope="row">([^<]+)</th>', page)
    assert rows == ["E", "HM", "10K", "5K", "Mile"] + list(PACES)
    assert "<summary>All paces (6)</summary>" in page
    assert re.search(r'<th scope="row">Mile</th><td>6:0[0-1]</td><td>3:40-3:49/km</td>', page)
    assert [a["id"] for t, a in tree.attrs if t == "section" and a.get("class") == "week"] == \
        ["week-1", "week-2", "week-3"]
    sessions = [s for w in plan.weeks for d in w.days for s in d.sessions]
    assert tree.tags["article"] == len(sessions) == 21
    runs = [s for s in sessions if s.workout is not None]
    charts = [a for t, a in tree.attrs if t == "svg" and a.get("class") == "workout-chart"]
    assert len(charts) == len(runs) == 15
    for s in sessions:
        assert f">{s.title}</h4>" in page
    # Seven days a week, each with its date, weekday names in order.
    assert page.count('<li class="day') == 21
    assert '<time datetime="2026-11-25">25 Nov</time>' in page
    assert "Week 1 <span class=\"dates\">23 Nov \u2013 29 Nov 2026</span>" in page


def test_estimates_are_shown_per_session_and_per_week() -> None:
    page = render_html(mile_plan(), paces=PACES)
    # 45 min at the middle of E (5:03-5:41/km) is 8.4 km.
    assert '<p class="estimate">\u2248 8.4 km \u00b7 45 min</p>' in page
    # 6-10 x (400 m @ HM-10K + 400 m jog): 6 reps counted, the lap-button warm-up and cool-down not.
    assert '<p class="assumed">Estimate: 6 of 6-10 reps; not counted: warm-up and cool-down ' \
           "(until lap button).</p>" in page
    assert re.search(r'<p class="week-total">Running: \u2248 \d+\.\d km \u00b7 \d h \d\d min</p>', page)
    # Alternatives are listed with the primary session.
    assert '<div class="alternatives"><p>Or instead:</p><ul><li>45 - 60 min cross-train</li></ul></div>' in page


def test_units_in_miles() -> None:
    page = render_html(mile_plan(), paces=PACES, units="mi")
    assert "6 mi run @ E 8:08-9:09/mi" in page
    assert re.search(r"\u2248 \d\.\d mi \u00b7", page)
    with pytest.raises(PlanValueError, match="units"):
        render_html(mile_plan(), units="furlongs")  # type: ignore[arg-type]


# -- escaping and self-containment ---------------------------------------------------------------

def test_user_text_is_escaped_everywhere() -> None:
    page = render_html(hostile_plan(), generated="<b>x</b>")
    tree = parse(page)
    assert tree.tags["script"] == 0 and tree.tags["img"] == 0 and tree.tags["b"] == 0 and tree.tags["i"] == 0
    assert tree.tags["style"] == 1  # the template's own, not the description's
    assert "<script>" not in page and "<img" not in page and "<!-- not" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = "".join(tree.text)
    assert "<script>alert(1)</script>" in text
    assert "</style><style>body{display:none}</style>" in text
    assert "a & b </li></ol>" in text
    assert '5K"><b>x' in text
    # The page title is escaped too.
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


@pytest.mark.parametrize("name", sorted(CASES))
def test_pages_reach_nothing_outside_themselves(name: str) -> None:
    page = CASES[name]()
    tree = parse(page)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio", "base"):
        assert tree.tags[tag] == 0, tag
    for tag, attrs in tree.attrs:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls <= {"http://www.w3.org/2000/svg"}  # a namespace name, never fetched
    assert "@import" not in page and "url(" not in page and "@font-face" not in page


# -- accessibility --------------------------------------------------------------------------------

def test_charts_have_text_alternatives() -> None:
    page = render_html(mile_plan(), paces=PACES)
    tree = parse(page)
    ids = set(tree.ids)
    charts = [a for t, a in tree.attrs if t == "svg" and a.get("class") == "workout-chart"]
    for chart in charts:
        assert chart["role"] == "img"
        labelled = (chart["aria-labelledby"] or "").split()
        assert len(labelled) == 2 and all(i in ids for i in labelled)
    figures = [a for t, a in tree.attrs if t == "figure"]
    assert len(figures) == len(charts)
    for figure in figures:
        assert figure["aria-describedby"] in ids
    captions = re.findall(r'<figcaption id="[^"]+" class="visually-hidden">Steps: ([^<]+)</figcaption>', page)
    assert len(captions) == len(charts)
    assert "6\u201310 \u00d7 (400 m @ HM-10K 4:15-4:28/km, 400 m jog)" in page
    # Key swatches are decorative.
    assert all(a.get("aria-hidden") == "true" for t, a in tree.attrs if t == "svg" and a.get("class") == "swatch")


def test_headings_are_in_order() -> None:
    page = render_html(mile_plan(), paces=PACES)
    levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in zip(levels, levels[1:]):
        assert after <= before + 1, (before, after)


def _luminance(colour: str) -> float:
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_have_enough_contrast() -> None:
    css = load_template().template
    var = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css[:css.index("@media")]))
    for fg in ("ink", "muted", "accent"):
        for bg in ("card", "page"):
            assert contrast(var[fg], var[bg]) >= 4.5, (fg, bg)  # WCAG AA for text
    for intensity, colour in INTENSITY_COLOURS.items():
        assert contrast(colour, "#ffffff") >= 3.0, intensity  # WCAG 1.4.11 for graphics
        assert contrast(colour, "#f4f6f8") >= 3.0, intensity  # against the chart's frame


def test_print_and_phone_css_are_present() -> None:
    css = load_template().template
    media_print = css[css.index("@media print"):]
    assert "break-inside: avoid" in media_print and "background: #fff" in media_print
    assert "@page" in media_print
    phone = css[css.index("@media (max-width"):css.index("@media print")]
    assert ".days { display: block; }" in phone
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in css


# -- warnings and writing -------------------------------------------------------------------------

def test_unresolved_paces_warn_once_per_label() -> None:
    result = render_html_result(unresolved_plan())
    assert [(d.severity, d.code, d.message) for d in result.warnings] == [
        (Severity.WARNING, "unresolved-pace",
         "pace 'HM-10K' is not resolved: the page shows it without a pace band")]
    assert render_html_result(unresolved_plan(), paces=PACES).warnings == ()
    assert render_html_result(mile_plan(), paces=PACES).warnings == ()


def test_write_html_is_atomic_and_returns_the_path(tmp_path: Path) -> None:
    target = tmp_path / "plan.html"
    target.write_text("old page", encoding="utf-8")
    result = write_html(mile_plan(), target, paces=PACES)
    assert result.value == target and result.warnings == ()
    assert target.read_text(encoding="utf-8") == render_html(mile_plan(), paces=PACES)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]  # no temporary left behind


def test_write_html_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist") as info:
        write_html(mile_plan(), tmp_path / "nope" / "plan.html")
    assert info.value.hint


def test_a_failed_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.html"
    target.write_text("old page", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(html_writer.os, "replace", broken_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_html(mile_plan(), target)
    assert target.read_text(encoding="utf-8") == "old page"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.html"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            write_html(mile_plan(), folder / "plan.html")
    finally:
        folder.chmod(0o700)


# -- the template --------------------------------------------------------------------------------

def test_the_template_ships_from_the_repository_templates_folder() -> None:
    text = load_template().template
    assert text == (REPO / "templates" / "plan.html").read_text(encoding="utf-8")
    assert "$title" in text and "$body" in text


def test_a_one_week_plan_without_dates_renders() -> None:
    plan = unresolved_plan()
    assert isinstance(plan, Plan) and plan.start is None
    page = render_html(plan)
    assert "1 week</p>" in page and "<time" not in page
    assert 'class="week-nav"' not in page  # nothing to navigate
    assert "No paces yet" in page


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'/\n\t"),
                min_size=1, max_size=40).filter(lambda t: t.strip() != "")


# A plan name is one line (the model refuses control characters there: calendar injection).
_one_line = _text.filter(lambda t: "\n" not in t and "\t" not in t)


@settings(max_examples=60, deadline=None)
@given(name=_one_line, title=_text, note=_text)
def test_any_text_comes_back_as_text(name: str, title: str, note: str) -> None:
    from paceplan.model import Day, Intensity, Session, SessionKind, Step, Week, Workout
    from paceplan.units import Distance

    workout = Workout(name=title, steps=(Step(intensity=Intensity.ACTIVE, length=Distance(1000), note=note),))
    plan = Plan(name=name, id="p", weeks=(Week(number=1, days=(Day(weekday=0, sessions=(
        Session(kind=SessionKind.RUN, title=title, workout=workout),)),)),))
    page = render_html(plan)
    tree = parse(page)
    assert tree.tags["script"] == 0 and tree.tags["h1"] == 1 and tree.tags["style"] == 1
    h1 = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert h1 is not None
    from html import unescape

    assert unescape(h1.group(1)) == name
    assert f"({note})" in "".join(tree.text)
