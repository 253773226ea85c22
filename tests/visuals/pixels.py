"""Read a PNG's pixels in the real browser (no imaging library needed)."""

from __future__ import annotations

import base64
import struct
from pathlib import Path
from typing import Any

SCRIPT = """async ([data, colour]) => {
  const img = new Image();
  img.src = "data:image/png;base64," + data;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, c.width, c.height).data;
  const seen = new Set();
  let matching = 0;
  for (let i = 0; i < px.length; i += 4 * 7) {
    seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    if (Math.abs(px[i] - colour[0]) + Math.abs(px[i + 1] - colour[1])
        + Math.abs(px[i + 2] - colour[2]) < 30) matching++;
  }
  return {colours: seen.size, matching};
}"""


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG's header."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return int(width), int(height)


def png_pixels(browser: Any, path: Path, colour: str) -> dict[str, int]:
    """Distinct colours (sampled) and pixels within a small distance of ``colour`` (#rrggbb)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    page = browser.new_page()
    try:
        page.goto("about:blank")
        data = base64.b64encode(path.read_bytes()).decode()
        result: dict[str, int] = page.evaluate(SCRIPT, [data, rgb])
        return result
    finally:
        page.close()
