"""The press profile separates as a prepress operator would set it up (light GCR,
the publication's total ink, black at most 95 %), and is the same file wherever
it is built.

Read through the FOGRA39 profile `make setup` built from Debian's characterisation
data, with littleCMS (Pillow's ImageCms), as the photos are separated.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import struct

import numpy as np
import pytest
from PIL import ImageCms

from bulletin.typeset.profiles import SEPARATION, Separation, built_path, dated, press_profile, separate

INK_LIMIT = 300
ROUNDING = 1.0                 # %: one 8-bit step of littleCMS' output, and a little


@pytest.fixture(scope="module")
def fogra39(tmp_path_factory):
    return press_profile("FOGRA39", INK_LIMIT, tmp_path_factory.getbasetemp()).path


def test_the_done_when_colours(fogra39):
    """Issue 17's numbers: mid grey at most 20 % black, light skin at most 3 %."""
    (grey, skin) = separate(fogra39, [(128, 128, 128), (224, 172, 140)])
    assert grey[3] <= 20, grey
    assert skin[3] <= 3, skin


def test_highlights_and_quarter_tones_of_the_grey_ramp_carry_no_black(fogra39):
    """Light GCR: greys down to sRGB 153 (L* 64) are built of C, M and Y alone."""
    levels = list(range(255, 152, -6))
    ramp = separate(fogra39, [(v, v, v) for v in levels])
    assert [round(ink[3]) for ink in ramp] == [0] * len(levels)


def test_black_builds_steadily_through_the_three_quarter_tones(fogra39):
    levels = list(range(150, -1, -6))
    blacks = [ink[3] for ink in separate(fogra39, [(v, v, v) for v in levels])]
    assert all(later >= earlier - ROUNDING for earlier, later in zip(blacks, blacks[1:])), blacks
    assert blacks[-1] >= 80                 # the shadows are carried by black


def test_light_skin_and_sky_carry_little_or_no_black(fogra39):
    light_skin, skin, sky = separate(fogra39, [(224, 172, 140), (194, 150, 130), (98, 122, 157)])
    assert light_skin[3] <= ROUNDING
    assert skin[3] <= 5
    assert sky[3] <= 20


def test_no_colour_exceeds_the_total_ink_or_the_black_limit(fogra39):
    """Every colour of an sRGB cube (16 levels a channel), pure black included."""
    levels = np.linspace(0, 255, 16).round().astype(int)
    cube = [(int(r), int(g), int(b)) for r in levels for g in levels for b in levels]
    inks = np.array(separate(fogra39, cube))
    assert inks.sum(axis=1).max() <= INK_LIMIT + ROUNDING
    assert inks[:, 3].max() <= SEPARATION.black_limit + ROUNDING
    black = separate(fogra39, [(0, 0, 0)])[0]
    assert sum(black) >= INK_LIMIT - 10     # the deepest black the limit allows, not a grey
    assert black[3] <= SEPARATION.black_limit + ROUNDING


def test_the_relative_colorimetric_black_also_stays_within_the_limits(fogra39):
    [black] = separate(fogra39, [(0, 0, 0)], ImageCms.Intent.RELATIVE_COLORIMETRIC)
    assert sum(black) <= INK_LIMIT + ROUNDING
    assert black[3] <= SEPARATION.black_limit + ROUNDING


def test_the_profile_is_dated_by_its_recipe_not_by_the_day_it_was_built(fogra39):
    header = fogra39.read_bytes()[24:36]
    day = SEPARATION.dated
    assert struct.unpack(">6H", header) == (day.year, day.month, day.day, 0, 0, 0)


def test_dating_a_profile_keeps_its_id_consistent():
    """An ICC v4 profile carries the MD5 of itself (flags, intent and ID zeroed)."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[84:100] = b"\x01" * 16                       # an ID: dating must make it again
    once = dated(bytes(profile), dt.date(2001, 2, 3))
    assert struct.unpack(">6H", once[24:36]) == (2001, 2, 3, 0, 0, 0)
    hashed = bytearray(once)
    hashed[44:48], hashed[64:68], hashed[84:100] = bytes(4), bytes(4), bytes(16)
    assert once[84:100] == hashlib.md5(hashed, usedforsecurity=False).digest()
    assert dated(once, dt.date(2001, 2, 3)) == once      # the same date: the same bytes
    ImageCms.ImageCmsProfile(io.BytesIO(once))           # still a profile littleCMS reads


def test_a_changed_recipe_is_a_new_profile_file():
    assert built_path("FOGRA39", 300) != built_path("FOGRA39", 300, Separation(black_start=0.3))
    assert built_path("FOGRA39", 300) != built_path("FOGRA39", 280)
    assert built_path("FOGRA39", 300) == built_path("FOGRA39", 300, Separation())


def test_the_recipe_is_colprofs_black_curve_and_limits():
    assert SEPARATION.options(300) == ["-k", "p", "0", "0.5", "1", "1", "1", "-l300", "-L95"]
