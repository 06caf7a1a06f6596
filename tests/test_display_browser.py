"""The HTML view as a person sees it: rendered by a real headless browser, checked on the screenshot.

Needs Chromium (Debian: ``apt-get install chromium``; .ci/run installs it). Without it the
tests skip, except under BERITA_REQUIRE_BROWSER=1 (set by .ci/run), where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import berita_extract
from berita_extract.display import COLOURS, legend, page, render
from conftest import shared_path

BROWSER = next((b for b in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if b), None)
Image = pytest.importorskip("PIL.Image", reason="reading screenshots needs Pillow (the [notebook] extra)")


@pytest.fixture(scope="module")
def browser() -> str:
    if BROWSER is None:
        msg = "no headless browser: apt-get install chromium to check the HTML view on a screenshot"
        if os.environ.get("BERITA_REQUIRE_BROWSER") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return BROWSER


def screenshot(browser: str, html: str, out: Path, height: int = 1600) -> "Image.Image":
    src = out.with_suffix(".html")
    src.write_text(html, encoding="utf-8")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--force-device-scale-factor=1", f"--window-size=1000,{height}", f"--screenshot={out}",
                    src.as_uri()], check=True, capture_output=True, timeout=120)
    return Image.open(out).convert("RGB")


def pixels(img: "Image.Image", hex_colour: str) -> int:
    rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return sum(n for n, c in img.getcolors(img.width * img.height) if c == rgb)


@pytest.fixture(scope="module")
def seed():
    txt = shared_path("corpus", "seed", "paser-pemilu-2024.txt")
    return berita_extract.extract(txt.read_text(encoding="utf-8"), id="paser-pemilu-2024")


def test_score_inside_a_quote_is_visible(browser, seed, tmp_path):
    # the seed's "77,04" sits inside Akmal Malik's quote: both highlights must show
    assert any(q.mentions[0].start <= s.mentions[0].start < q.mentions[-1].end for q in seed.quotes
               for s in seed.scores), "the seed has no score inside a quote any more"
    text_only = page(render(seed, types=["quotes", "scores"]).split("<h4")[0] + "</div>")
    img = screenshot(browser, text_only, tmp_path / "nested.png")
    assert pixels(img, COLOURS["quotes"]) > 2000
    assert pixels(img, COLOURS["scores"]) > 100, "the score inside the quote is not highlighted"


def test_page_has_a_legend_and_tables_with_borders(browser, seed, tmp_path):
    img = screenshot(browser, page(render(seed)), tmp_path / "page.png", height=3000)
    for record_type, colour in COLOURS.items():
        assert pixels(img, colour) > 50, f"no {record_type} colour on the page"
    legend_only = page(legend(list(COLOURS)))
    chips = screenshot(browser, legend_only, tmp_path / "legend.png", height=200)
    for record_type, colour in COLOURS.items():
        assert pixels(chips, colour) > 50, f"the legend has no chip for {record_type}"
    tables = page(render(seed, text=""))  # no text: the tables alone
    img = screenshot(browser, tables, tmp_path / "tables.png", height=2000)
    assert pixels(img, "#999999") > 2000, "the tables have no visible borders"
    assert pixels(img, "#eeeeee") > 2000, "the table headers have no background"
