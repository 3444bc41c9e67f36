import logging
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.logs import setup_logging
from kiosk.privacy import mask_id_number, mask_name, scrub


def test_masks() -> None:
    assert mask_name("张三丰") == "张*丰"
    assert mask_name("张三") == "张*"
    assert mask_name("阿卜杜·热合曼") == "阿*****曼"
    assert mask_id_number("44010619900101123X") == "440106********123X"


@given(st.text(min_size=3, max_size=40).filter(lambda s: len(s.strip()) >= 3))
def test_mask_name_never_shows_the_middle(name: str) -> None:
    masked = mask_name(name)
    assert len(masked) == len(name.strip())
    assert set(masked[1:-1]) <= {"*"}


def test_log_file_never_holds_an_id_number(tmp_path: Path) -> None:
    path = setup_logging(tmp_path, "DEBUG", console=False)
    logging.getLogger("kiosk.test").warning("reader said %s", "44010619900101123X")
    for h in logging.getLogger().handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert "44010619900101123X" not in text
    assert "440106********123X" in text
    assert scrub("id=110101199003074477;") == "id=110101********4477;"
