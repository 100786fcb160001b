"""Run the desk: `python -m bot.web serve` (seeding the demo accounts when DEMO_ACCOUNTS=1; without
it the desk refuses to start while a demo account, whose password is published, is in the database), or
`python -m bot.web add-staff USERNAME NAME ROLE [COUNTY [TOWNSHIP]]` with the password in the
STAFF_PASSWORD environment variable."""
from __future__ import annotations

import os
import sys

from bot import log_masking
from bot.domain.casework import Role
from bot.services import accounts
from bot.services.bootstrap import bootstrap

# Demo accounts for a first look (README); never created unless DEMO_ACCOUNTS=1.
DEMO = [
    ("demo-operator", "热线接线员（演示）", Role.OPERATOR, None, None),
    ("demo-township", "马栏镇经办人（演示）", Role.TOWNSHIP, "411024", "马栏镇"),
    ("demo-county", "鄢陵县民政局（演示）", Role.COUNTY, "411024", None),
    ("demo-admin", "系统管理员（演示）", Role.ADMIN, None, None),
]
DEMO_PASSWORD = "demo-2026-desk"


def seed_demo() -> None:
    for username, name, role, county, township in DEMO:
        accounts.ensure_staff(bootstrap(), username, name, role, DEMO_PASSWORD, county, township)


def demo_accounts_present(deps) -> list[str]:
    """The demo accounts (published password) still in the database."""
    with deps.uow() as uow:
        return [username for username, *_ in DEMO if uow.staff.by_username(username) is not None]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "serve"
    if command == "add-staff":
        if len(argv) < 4 or not os.environ.get("STAFF_PASSWORD"):
            print(__doc__, file=sys.stderr)
            return 2
        username, name, role = argv[1], argv[2], Role(argv[3])
        accounts.create_staff(bootstrap(), username, name, role, os.environ["STAFF_PASSWORD"],
                              argv[4] if len(argv) > 4 else None, argv[5] if len(argv) > 5 else None)
        print(f"created {username} ({role.label})")
        return 0
    if command != "serve":
        print(__doc__, file=sys.stderr)
        return 2
    import uvicorn

    from bot.web.app import create_app

    log_masking.install()
    deps = bootstrap()  # migrate before the first request
    if deps.settings.demo_accounts:
        seed_demo()
    else:
        left = demo_accounts_present(deps)
        if left:
            print(f"refusing to start: demo accounts with the published password are in the database ({', '.join(left)}). "
                  "Deactivate or delete them, or run a demo with DEMO_ACCOUNTS=1.", file=sys.stderr)
            return 1
    uvicorn.run(create_app(deps), host=os.environ.get("WEB_HOST", "127.0.0.1"), port=deps.settings.web_port,
                log_level=os.environ.get("WEB_LOG_LEVEL", "info"), access_log=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
