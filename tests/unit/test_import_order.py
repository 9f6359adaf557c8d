"""Every plain-Python module imports on its own, as the first module of a process.

The test suite imports the models early, which hides import cycles that bite a command
importing something else first: ``python -m partner_app.cli`` once failed on the cycle
i18n → texts → models → search_index → countries → i18n that no other test noticed.
"""

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import partner_app

PACKAGE_DIR = Path(partner_app.__file__).parent
# The modules without Reflex: services, texts, models, settings and the command line.
PLAIN_MODULES = sorted(
    [
        f"partner_app.services.{path.stem}"
        for path in (PACKAGE_DIR / "services").glob("*.py")
        if path.stem != "__init__"
    ]
    + [
        f"partner_app.{name}"
        for name in (
            "cli",
            "i18n",
            "languages",
            "models",
            "routes",
            "settings",
            "texts",
            "texts_admin",
            "texts_en",
        )
    ]
)


def _import_alone(module: str) -> tuple[str, str]:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        cwd=PACKAGE_DIR.parent,
        check=False,
    )
    return module, result.stderr.strip().splitlines()[-1] if result.returncode else ""


def test_each_plain_module_imports_first_without_a_cycle() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = {
            module: error for module, error in pool.map(_import_alone, PLAIN_MODULES) if error
        }
    assert failures == {}
    assert len(PLAIN_MODULES) > 50
