"""FIT activities from older Garmin watches: a 14-byte header whose CRC is 0x0000 ("not computed",
allowed by the FIT protocol) is read; a wrong file CRC is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from fitcheck import fit_crc16
from paceplan.compare.fit_activity import read_fit_activity
from paceplan.errors import PlanSyntaxError

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
FENIX2 = (FIXTURES / "fenix2-run-9k.fit").read_bytes()


def zero_header_crc(data: bytes) -> bytes:
    """What a Forerunner 310XT writes: header CRC 0, the file CRC computed over that header."""
    body = data[:12] + b"\x00\x00" + data[14:-2]
    return body + fit_crc16(body).to_bytes(2, "little")


def test_real_fenix2_run_reads_with_its_recorded_totals() -> None:
    activity = read_fit_activity(FENIX2, name="fenix2.fit")
    assert activity.sport == "running"
    assert len(activity.points) == 2809
    assert activity.points[-1].distance_m == pytest.approx(9007.07)
    assert len(activity.laps) == 4


def test_zero_header_crc_is_read_like_the_original() -> None:
    zeroed = zero_header_crc(FENIX2)
    assert zeroed[12:14] == b"\x00\x00" and zeroed != FENIX2
    assert read_fit_activity(zeroed, name="fr310xt.fit") == read_fit_activity(FENIX2, name="fr310xt.fit")


def test_zero_header_crc_still_has_its_file_crc_checked() -> None:
    zeroed = zero_header_crc(FENIX2)
    broken = zeroed[:-2] + bytes([zeroed[-2] ^ 1, zeroed[-1]])
    with pytest.raises(PlanSyntaxError, match="file CRC"):
        read_fit_activity(broken, name="fr310xt.fit")


def test_real_file_with_a_wrong_file_crc_is_refused_with_the_bytes() -> None:
    data = (FIXTURES / "bad-file-crc.fit").read_bytes()
    with pytest.raises(PlanSyntaxError, match=r"bytes \d+-\d+: file CRC") as exc:
        read_fit_activity(data, name="bad.fit")
    assert exc.value.message.startswith("bad.fit: not a valid FIT file")
