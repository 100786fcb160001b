"""No full phone or ID number reaches a log line."""
import io
import logging

from bot import log_masking


def test_mask_formats():
    assert log_masking.mask("电话13812345678，身份证11010519491231002X") == "电话138****5678，身份证1101**********002X"
    assert log_masking.mask("case LS2611230007 at 2026-11-23") == "case LS2611230007 at 2026-11-23"
    # a landline, as the read-back showed it in full (a tester's finding), with or without a dash
    assert log_masking.mask("联系电话：03747123456") == "联系电话：0374***3456"
    assert log_masking.mask("010-87654321") == "0108***4321"
    assert log_masking.mask("金额 1200 元，编号 0") == "金额 1200 元，编号 0"


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


PHONE_FORMS = [
    ("138 1234 5678", "138****5678"),
    ("138-1234-5678", "138****5678"),
    ("138 - 1234 - 5678", "138****5678"),
    ("１３８１２３４５６７８", "138****5678"),
    ("１３８ １２３４ ５６７８", "138****5678"),
    ("+86 13812345678", "+86 138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("+86-138-1234-5678", "+86-138****5678"),
    ("0086 138 1234 5678", "0086 138****5678"),
    ("138\u30001234\u30005678", "138****5678"),
]
ID_FORMS = [
    ("411024 19850315 0014", "4110**********0014"),
    ("4110 2419 8503 1500 14", "4110**********0014"),
    ("411024-19850315-0014", "4110**********0014"),
    ("４１１０２４１９８５０３１５００１４", "4110**********0014"),
    ("11010519491231002x", "1101**********002x"),
    ("110105 19491231 002X", "1101**********002X"),
]


def test_every_written_form_of_a_phone_is_masked():
    for written, masked in PHONE_FORMS:
        out = log_masking.mask(f"电话{written}，谢谢")
        assert out == f"电话{masked}，谢谢", (written, out)


def test_spaced_and_full_width_id_numbers_are_masked():
    for written, masked in ID_FORMS:
        out = log_masking.mask(f"身份证 {written} 已核")
        assert out == f"身份证 {masked} 已核", (written, out)


def test_ordinary_numbers_dates_and_case_numbers_stay():
    for text in ("case LS2611230007 at 2026-11-23 10:11:12,345", "count 138 items in 1234 ms",
                 "127.0.0.1:5055 POST /webhook 200", "amount 3500 household 4 year 2026",
                 "epoch 1700000000123", "id 4110241985031500141 (19 digits)"):
        assert log_masking.mask(text) == text, text


def _capture(logger_name: str, formatter: logging.Formatter | None = None):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    if formatter is not None:
        handler.setFormatter(formatter)
    logger = logging.getLogger(logger_name)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger, handler, stream


def test_tracebacks_and_objects_are_masked_in_the_formatted_line():
    log_masking.install()
    logger, handler, stream = _capture("test.masking.traceback")

    class Resident:
        def __repr__(self) -> str:
            return "Resident(phone=138 1234 5678)"

    try:
        try:
            raise ValueError("bad id 411024198503150014 for 13812345678")
        except ValueError:
            logger.exception("failed for %r", Resident())
        logger.info("stack", stack_info=True, extra={"x": "13812345678"})
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "Traceback" in output and "ValueError" in output
    assert "411024198503150014" not in output and "4110**********0014" in output
    assert "13812345678" not in output and "138 1234 5678" not in output and "138****5678" in output


def test_uvicorn_access_lines_are_kept_and_masked():
    from uvicorn.logging import AccessFormatter

    log_masking.install()
    formatter = AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s', use_colors=False)
    logger, handler, stream = _capture("test.masking.access", formatter)
    try:
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:40000", "GET", "/api/cases?q=13812345678", "1.1", 200)
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert output == '127.0.0.1:40000 - "GET /api/cases?q=138****5678 HTTP/1.1" 200 OK\n', output
