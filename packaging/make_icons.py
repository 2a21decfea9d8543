"""Application icons for the installers, from resources/ or, until it has one, a placeholder.

Looks for resources/icons/pmdesk.svg, resources/pmdesk.svg, resources/icons/pmdesk.png or
resources/pmdesk.png (in that order), plus pre-rendered resources/icons/pmdesk-<N>.png.
Writes, under OUT_DIR:
  hicolor/<N>x<N>/apps/pmdesk.png (16..512) and hicolor/scalable/apps/pmdesk.svg (svg source),
  pmdesk.png (256 px), pmdesk.ico (Windows) and pmdesk.icns (macOS).
Prints where the icon came from, so a build log shows when the placeholder was used.

usage: python packaging/make_icons.py REPO_ROOT OUT_DIR
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
CANDIDATES = ("icons/pmdesk.svg", "pmdesk.svg", "icons/pmdesk.png", "pmdesk.png")


def _render_svg(svg: Path, size: int, out_png: Path) -> Image.Image:
    """Renders with Qt's own SVG renderer (offscreen), the one the app uses at run time."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    out_png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out_png)):
        raise RuntimeError(f"could not render {svg} at {size} px")
    with Image.open(out_png) as rendered:
        return rendered.convert("RGBA")


def _placeholder(size: int = 1024) -> Image.Image:
    """A rounded blue square with "PM": clearly a stand-in until design delivers an icon."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    pad = size // 16
    draw.rounded_rectangle((pad, pad, size - pad, size - pad), radius=size // 5,
                           fill=(31, 94, 168, 255))
    try:
        font: ImageFont.ImageFont | ImageFont.FreeTypeFont = ImageFont.load_default(size // 2)
    except TypeError:  # Pillow < 10.1 has no sized default font
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), "PM", fill=(255, 255, 255, 255), font=font, anchor="mm")
    return img


def make_icons(root: Path, out_dir: Path) -> str:
    """Returns a one-line description of the icon source.

    Sizes the designer pre-rendered (resources/icons/pmdesk-<N>.png) are used as they are;
    the others come from the SVG (or the largest PNG, or the placeholder).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    res = root / "resources"
    source = next((res / c for c in CANDIDATES if (res / c).is_file()), None)
    scalable = out_dir / "hicolor" / "scalable" / "apps"
    if scalable.exists():
        shutil.rmtree(scalable)
    prerendered = {n: res / "icons" / f"pmdesk-{n}.png" for n in SIZES
                   if (res / "icons" / f"pmdesk-{n}.png").is_file()}
    big: Image.Image | None = None
    if source is None and prerendered:
        source = prerendered[max(prerendered)]
    if source is None:
        big = _placeholder()
        origin = "PLACEHOLDER icon (resources/ has no pmdesk.svg or pmdesk.png yet)"
    else:
        origin = f"icon from {source.relative_to(root)}"
        if prerendered:
            origin += f" and {len(prerendered)} pre-rendered PNG sizes"
        if source.suffix == ".svg":
            scalable.mkdir(parents=True)
            shutil.copy2(source, scalable / "pmdesk.svg")
        else:
            with Image.open(source) as im:
                big = im.convert("RGBA")
    images: dict[int, Image.Image] = {}
    for n in SIZES:
        target = out_dir / "hicolor" / f"{n}x{n}" / "apps" / "pmdesk.png"
        if n in prerendered:
            with Image.open(prerendered[n]) as im:
                images[n] = im.convert("RGBA").resize((n, n), Image.Resampling.LANCZOS)
        elif big is None and source is not None:
            images[n] = _render_svg(source, n, target)
        else:
            assert big is not None
            images[n] = big.resize((n, n), Image.Resampling.LANCZOS)
        target.parent.mkdir(parents=True, exist_ok=True)
        images[n].save(target)
    images[256].save(out_dir / "pmdesk.png")
    images[256].save(out_dir / "pmdesk.ico", sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    images[512].save(out_dir / "pmdesk.icns")
    return origin


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(make_icons(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()))
