"""The real GA 467 driver against the card simulator over a real pty."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from devices import errors, idcard
from devices.idcard import IdCardReader
from devices.sim.idcard_sim import IdCardSimulator, make_id_number, sample_card
from kiosk.errors import ValidationError
from kiosk.identity import IdentitySource
from tests.devices.conftest import TIMEOUT


def reader(card_sim: IdCardSimulator, transport_for: Any) -> IdCardReader:
    return IdCardReader(transport_for(card_sim.url, 115200), TIMEOUT)


def test_full_read_gives_every_field(card_sim: IdCardSimulator, transport_for: Any) -> None:
    card_sim.place(
        sample_card(
            name="阿依古丽·买买提",
            sex="2",
            nation="05",
            birth="19920315",
            address="新疆维吾尔自治区乌鲁木齐市天山区解放南路 1 号",
            id_number=make_id_number("65010219920315002"),
            authority="乌鲁木齐市公安局天山分局",
            valid_from="20200601",
            valid_to="长期",
        )
    )
    read = reader(card_sim, transport_for).read_card()
    ident = read.identity
    assert ident.name == "阿依古丽·买买提"
    assert ident.sex == "2"
    assert ident.nation_code == "05" and ident.nation == "维吾尔"
    assert ident.birth_date == dt.date(1992, 3, 15)
    assert ident.address == "新疆维吾尔自治区乌鲁木齐市天山区解放南路 1 号"
    assert ident.id_number == make_id_number("65010219920315002")
    assert ident.authority == "乌鲁木齐市公安局天山分局"
    assert ident.valid_from == dt.date(2020, 6, 1)
    assert ident.long_term is True and ident.valid_to is None
    assert ident.source is IdentitySource.CARD
    assert len(ident.photo) == idcard.PHOTO_LEN and ident.photo.startswith(b"WL")
    ident.check()  # a long-term card never expires
    assert card_sim.commands == ["find", "select", "read"]


def test_expired_card_reads_but_is_refused(card_sim: IdCardSimulator, transport_for: Any) -> None:
    card_sim.place({"valid_from": "20000101", "valid_to": "20200101"})
    ident = reader(card_sim, transport_for).read_card().identity
    assert ident.valid_to == dt.date(2020, 1, 1)
    with pytest.raises(ValidationError) as info:
        ident.check()
    assert info.value.key == "error.id.expired"


def test_wrong_check_character_is_refused(card_sim: IdCardSimulator, transport_for: Any) -> None:
    good = make_id_number("44010619800101123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    card_sim.place({"id_number": bad})
    ident = reader(card_sim, transport_for).read_card().identity
    with pytest.raises(ValidationError) as info:
        ident.check()
    assert info.value.key == "error.id.checksum"


def test_no_card(card_sim: IdCardSimulator, transport_for: Any) -> None:
    r = reader(card_sim, transport_for)
    assert r.find() is False
    with pytest.raises(errors.NoCard):
        r.read_card()


@pytest.mark.parametrize(
    ("sw3", "command", "error"),
    [
        (0x80, "read", errors.NoCard),
        (0x81, "select", errors.CardSelectFailed),
        (0x41, "read", errors.CardReadFailed),
        (0x10, "find", errors.ReaderChecksumError),
        (0x11, "select", errors.ReaderLengthError),
        (0x21, "read", errors.ReaderCommandError),
        (0x60, "find", errors.ReaderSelfTestFailed),
        (0x33, "read", errors.CardError),
    ],
)
def test_each_sw3_maps_to_its_error(
    card_sim: IdCardSimulator, transport_for: Any, sw3: int, command: str, error: type
) -> None:
    card_sim.place()
    card_sim.inject("sw3", command, sw3=sw3)
    r = reader(card_sim, transport_for)
    with pytest.raises(error) as info:
        r.read_card()
    assert type(info.value) is error
    assert info.value.sw3 == sw3
    # The reader recovers: the next read works.
    assert r.read_card().identity.name == "张三"


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("bad_checksum", errors.ChecksumError),
        ("no_answer", errors.DeviceTimeout),
        ("partial", errors.DeviceTimeout),
        ("garbage", errors.BadFrame),
    ],
)
def test_broken_replies_are_typed_errors(
    card_sim: IdCardSimulator, transport_for: Any, fault: str, error: type
) -> None:
    card_sim.place()
    card_sim.inject(fault, "read")
    r = reader(card_sim, transport_for)
    with pytest.raises(error):
        r.read_card()
    assert r.read_card().identity.name == "张三"


def test_reader_unplugged_mid_read(card_sim: IdCardSimulator, transport_for: Any) -> None:
    card_sim.place()
    card_sim.inject("unplug", "read", at=600)
    t = transport_for(card_sim.url, 115200)
    r = IdCardReader(t, TIMEOUT)
    with pytest.raises(errors.DeviceIOError):
        r.read_card()
    assert not t.is_open
    # Plugged back in behind the same link: the same URL works again.
    card_sim.port.replug()
    assert r.read_card().identity.name == "张三"


def test_frames_match_the_protocol() -> None:
    assert idcard.build_frame(0x20, 0x01) == bytes.fromhex("AAAAAA9669000320 0122".replace(" ", ""))
    reply = idcard.build_reply(0x9F, b"\x00\x00\x00\x00")
    parsed = idcard.parse_reply(reply)
    assert (parsed.sw1, parsed.sw2, parsed.sw3, parsed.data) == (0, 0, 0x9F, b"\0\0\0\0")


def test_base_info_reply_is_1295_bytes(card_sim: IdCardSimulator) -> None:
    text, photo = card_sim._card or (b"", b"")
    card_sim.place()
    text, photo = card_sim._card  # type: ignore[misc]
    data = b"\x01\x00\x04\x00" + text + photo
    assert len(idcard.build_reply(0x90, data)) == idcard.BASE_INFO_REPLY_LEN == 1295


def test_control_socket_places_cards_and_injects_faults(
    card_sim: IdCardSimulator, transport_for: Any
) -> None:
    from devices.sim.control import ControlServer, send_control

    server = ControlServer(card_sim.control).start()
    try:
        assert send_control(server.port, 'card {"name": "钱七"}') == "ok card placed"
        r = reader(card_sim, transport_for)
        assert r.read_card().identity.name == "钱七"
        assert send_control(server.port, "fault sw3 41 read") == "ok fault sw3"
        with pytest.raises(errors.CardReadFailed):
            r.read_card()
        assert send_control(server.port, "remove") == "ok card removed"
        assert r.find() is False
        assert send_control(server.port, "fault bogus").startswith("error")
    finally:
        server.close()
