"""Headless Debian Chromium driven by Selenium through Debian's chromedriver (no browser download),
with Debian's Noto CJK fonts (without them every Chinese character in a screenshot is a box).
Installed with apt-get when absent and allowed (root with REQUIRE_SERVICES=1); otherwise a loud skip."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import REQUIRE_SERVICES, service_unavailable

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NEEDED = (CHROMIUM, CHROMEDRIVER, CJK_FONT)


def _install() -> None:
    if REQUIRE_SERVICES and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium", "chromium-driver", "fonts-noto-cjk"], check=False,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, capture_output=True)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not all(os.path.exists(path) for path in NEEDED):
        _install()
    if not all(os.path.exists(path) for path in NEEDED):
        service_unavailable("Debian chromium, chromium-driver and fonts-noto-cjk")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
