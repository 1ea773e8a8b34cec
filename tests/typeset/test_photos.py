"""Photos per edition (typeset.photos), on images the tests make: the stand-ins
pages are laid out with, and each edition's photo made once, at the size it is
placed at, at the quality the README states (read from the JPEG's quantisation
tables: a second encode at another quality would leave that quality's)."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageCms

from bulletin.editions import PhotoConversion
from bulletin.typeset.photos import (
    EMAIL_QUALITY,
    PRINT_QUALITY,
    PhotoRecipe,
    make_photo,
    stand_ins,
    upright_size,
)
from bulletin.typeset.profiles import press_profile
from tests.support.builds import sha256

MM = 1 / 25.4          # inches


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return press_profile("FOGRA39", 300, tmp_path_factory.getbasetemp())


def press(folder, profile) -> PhotoRecipe:
    return PhotoRecipe(PhotoConversion.PRESS, 350, 450, folder, profile)


def screen(folder) -> PhotoRecipe:
    return PhotoRecipe(PhotoConversion.SCREEN, 150, 150, folder)


def tables(quality: int, mode: str) -> dict:
    """The quantisation tables Pillow's libjpeg writes at `quality`."""
    out = io.BytesIO()
    Image.new(mode, (16, 16)).save(out, format="JPEG", quality=quality)
    return Image.open(out).quantization


def photo(path, size=(4000, 3000), mode="RGB", **options):
    """A photo-like image: smooth gradients with some noise, saved at `path`."""
    width, height = size
    x, y = np.meshgrid(np.linspace(0, 1, width), np.linspace(0, 1, height))
    noise = np.random.default_rng(7).normal(0, 12, (height, width))
    channels = [np.clip(255 * f + noise, 0, 255) for f in (x, y, (x + y) / 2)]
    image = Image.fromarray(np.stack(channels, axis=-1).astype(np.uint8), "RGB")
    image = image.convert(mode) if mode != "RGB" else image
    image.save(path, **options)
    return path


def test_a_photo_placed_above_450_ppi_is_separated_at_350_once_at_quality_95(tmp_path, profile):
    source = photo(tmp_path / "camera.jpg", size=(1600, 1200), quality=92)
    made = make_photo(source, press(tmp_path / "print", profile), (74 * MM, 55.5 * MM))   # 549 ppi
    separated = Image.open(made.path)
    assert (separated.mode, separated.format) == ("CMYK", "JPEG")
    assert separated.size == (made.width, made.height) == (1019, 764)
    assert 349 <= made.width / (74 * MM) <= 350
    assert separated.quantization == tables(PRINT_QUALITY, "CMYK")
    assert [(h, v) for _, h, v, _ in separated.layer] == [(1, 1)] * 4      # no chroma subsampling
    assert made.path.parent == tmp_path / "print"


def test_a_photo_placed_at_up_to_450_ppi_keeps_every_pixel(tmp_path, profile):
    source = photo(tmp_path / "camera.jpg", size=(2400, 1600), quality=92)
    made = make_photo(source, press(tmp_path / "print", profile), (178 * MM, 118.7 * MM))  # 342 ppi
    assert (made.width, made.height) == Image.open(made.path).size == (2400, 1600)
    assert Image.open(made.path).mode == "CMYK"


def test_the_resampled_photo_never_ends_above_the_target_resolution():
    recipe = PhotoRecipe(PhotoConversion.PRESS, 350, 450, Path("unused"))
    for placed_mm in (31.0, 47.3, 74.0, 101.9, 178.0):
        width, height = recipe.size_for(4000, 3000, (placed_mm * MM, placed_mm * 0.75 * MM))
        ppi = min(width / (placed_mm * MM), height / (placed_mm * 0.75 * MM))
        assert 349 <= ppi <= 350, placed_mm
    assert recipe.size_for(4000, 3000, (230 * MM, 172.5 * MM)) == (4000, 3000)   # 442 ppi: kept


def test_separated_colours_come_back_close_to_the_original(tmp_path, profile):
    """Not muddy: the press rendering of a photo's in-gamut colours is near the sRGB."""
    colours = [(90, 120, 140), (200, 160, 90), (60, 130, 80), (230, 230, 225), (40, 40, 50)]
    strip = Image.new("RGB", (50 * len(colours), 50))
    for n, colour in enumerate(colours):
        strip.paste(colour, (50 * n, 0, 50 * n + 50, 50))
    strip.save(tmp_path / "strip.jpg", quality=92)
    made = make_photo(tmp_path / "strip.jpg", press(tmp_path / "print", profile), (1, 0.2))
    back = ImageCms.profileToProfile(Image.open(made.path), ImageCms.ImageCmsProfile(io.BytesIO(profile.read())),
                                     ImageCms.createProfile("sRGB"), outputMode="RGB",
                                     renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)
    for n, colour in enumerate(colours):
        seen = back.getpixel((50 * n + 25, 25))
        assert max(abs(a - b) for a, b in zip(seen, colour)) <= 16, (colour, seen)


def test_an_rgb_photo_is_separated_within_the_ink_limit(tmp_path, profile):
    ramp = np.linspace(0, 255, 64, dtype=np.uint8)
    cube = np.stack(np.meshgrid(ramp, ramp, ramp), axis=-1).reshape(512, 512, 3)
    Image.fromarray(cube, "RGB").save(tmp_path / "cube.png")
    made = make_photo(tmp_path / "cube.png", press(tmp_path / "print", profile), (2, 2))
    total = np.asarray(Image.open(made.path), dtype=np.uint16).sum(axis=2) / 255 * 100
    assert 290 <= total.max() <= 302            # the rich shadows reach the limit, never beyond


def test_cmyk_and_grey_jpegs_within_the_limit_go_to_press_as_they_are(tmp_path, profile):
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (400, 300), (10, 20, 30, 40)).save(cmyk, quality=92)
    grey = tmp_path / "grey.jpg"
    Image.new("L", (400, 300), 128).save(grey, quality=92)
    recipe = press(tmp_path / "print", profile)
    assert make_photo(cmyk, recipe, (2, 1.5)).path == cmyk
    assert make_photo(grey, recipe, (2, 1.5)).path == grey
    small = make_photo(cmyk, recipe, (0.5, 0.375))                 # 800 ppi: resampled
    assert (small.width, small.height, Image.open(small.path).mode) == (175, 131, "CMYK")


def test_a_transparent_png_is_flattened_on_paper_white_for_press(tmp_path, profile):
    logo = Image.new("RGBA", (40, 30), (0, 0, 0, 0))
    logo.paste((200, 30, 30, 255), (0, 0, 20, 30))
    logo.save(tmp_path / "logo.png")
    separated = Image.open(make_photo(tmp_path / "logo.png", press(tmp_path / "p", profile), (1, 0.75)).path)
    assert separated.mode == "CMYK"
    assert separated.getpixel((35, 15)) == (0, 0, 0, 0)       # transparent -> no ink
    assert sum(separated.getpixel((5, 15))) > 200


def test_a_photo_taken_sideways_is_turned_upright(tmp_path, profile):
    exif = Image.Exif()
    exif[0x0112] = 6                                           # rotate 90° clockwise to view
    source = photo(tmp_path / "sideways.jpg", size=(600, 400), quality=92, exif=exif)
    assert upright_size(Image.open(source)) == (400, 600)
    made = make_photo(source, press(tmp_path / "print", profile), (400 / 800, 600 / 800))   # 800 ppi
    separated = Image.open(made.path)
    assert separated.size == (made.width, made.height) == (175, 262)
    assert separated.getexif().get(0x0112) is None
    on_screen = Image.open(make_photo(source, screen(tmp_path / "email"), (2, 3)).path)
    assert on_screen.size == (300, 450) and on_screen.getexif().get(0x0112) is None


def test_a_photo_for_the_inbox_is_downsampled_to_150_ppi_once_at_quality_80(tmp_path):
    source = photo(tmp_path / "camera.jpg", size=(2400, 1600), quality=88)
    made = make_photo(source, screen(tmp_path / "email"), (74 * MM, 49.3 * MM))   # 824 ppi
    image = Image.open(made.path)
    assert (image.mode, image.size) == ("RGB", (437, 291))
    assert image.quantization == tables(EMAIL_QUALITY, "RGB")


def test_a_plain_rgb_photo_already_small_enough_is_embedded_as_it_is(tmp_path):
    source = tmp_path / "photo.jpg"
    Image.effect_noise((600, 400), 40).convert("RGB").save(source, quality=90)
    assert make_photo(source, screen(tmp_path / "email"), (4, 2.67)).path == source
    assert not (tmp_path / "email").exists()


def test_a_cmyk_photo_becomes_rgb_for_the_screen(tmp_path):
    source = tmp_path / "press.jpg"
    Image.new("CMYK", (2400, 1600), (200, 80, 0, 20)).save(source, quality=90)
    made = make_photo(source, screen(tmp_path / "email"), (4, 2.67))
    assert Image.open(made.path).mode == "RGB" and made.width == 600


def test_a_transparent_png_keeps_its_alpha_for_the_screen(tmp_path):
    Image.new("RGBA", (400, 300), (200, 30, 30, 128)).save(tmp_path / "logo.png")
    made = make_photo(tmp_path / "logo.png", screen(tmp_path / "email"), (1, 0.75))
    assert (Image.open(made.path).format, Image.open(made.path).mode) == ("PNG", "RGBA")


def test_a_made_photo_is_reused_and_a_new_original_replaces_it(tmp_path, profile):
    source = photo(tmp_path / "photo.jpg", size=(600, 400), quality=92)
    recipe = press(tmp_path / "print", profile)
    first = make_photo(source, recipe, (0.5, 0.33)).path
    stamp = first.stat().st_mtime_ns
    assert make_photo(source, recipe, (0.5, 0.33)).path == first
    assert first.stat().st_mtime_ns == stamp
    Image.new("RGB", (600, 400), (140, 120, 90)).save(source, quality=92)
    second = make_photo(source, recipe, (0.5, 0.33)).path
    assert second != first and sha256(second) != sha256(first)


def test_a_stand_in_has_the_photo_s_upright_size_and_no_two_are_the_same(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 8
    first = photo(tmp_path / "a.jpg", size=(600, 400), quality=90, exif=exif)
    second = photo(tmp_path / "b.jpg", size=(600, 400), quality=80)
    placed = stand_ins([first, second, first], tmp_path / "fpo")
    assert list(placed) == [first, second]
    assert Image.open(placed[first]).size == (400, 600)
    assert Image.open(placed[second]).size == (600, 400)
    assert Image.open(placed[first]).mode == "L" and placed[first].stat().st_size < 20_000
    assert sha256(placed[first]) != sha256(placed[second])
    assert stand_ins([first], tmp_path / "fpo") == {first: placed[first]}
