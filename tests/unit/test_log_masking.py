"""No full phone or ID number reaches a log line."""
import io
import logging

from bot import log_masking


def test_mask_formats():
    assert log_masking.mask("电话13812345678，身份证11010519491231002X") == "电话138****5678，身份证1101**********002X"
    assert log_masking.mask("case LS2611230007 at 2026-11-23") == "case LS2611230007 at 2026-11-23"


def test_installed_factory_masks_messages_and_arguments():
    log_masking.install()
    stream = io.StringIO()
    logger = logging.getLogger("test.masking")
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        logger.info("user said %s", "我的电话是13812345678")
        logger.info("id 411024198503150014 seen")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "13812345678" not in output and "138****5678" in output
    assert "411024198503150014" not in output and "4110**********0014" in output
