"""Production mode refuses to start without the public origin, and says why."""

import os
import subprocess
import sys
from pathlib import Path

from partner_app.settings import PUBLIC_ORIGIN_VARIABLE
from tests.support.app_process import PROJECT_DIR, free_port


def test_production_without_a_public_origin_stops_with_a_clear_message(tmp_path: Path) -> None:
    env = {name: value for name, value in os.environ.items() if name != PUBLIC_ORIGIN_VARIABLE}
    # `reflex run` empties its state folder before it reads the config again: not ours.
    env["REFLEX_STATES_WORKDIR"] = str(tmp_path / "states")
    reflex = Path(sys.executable).parent / "reflex"
    run = [str(reflex), "run", "--env", "prod", "--frontend-port", str(free_port())]
    # Stops before building or serving anything; the timeout only bounds a regression.
    finished = subprocess.run(
        run, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert finished.returncode != 0
    assert f"{PUBLIC_ORIGIN_VARIABLE} ist nicht gesetzt" in finished.stderr + finished.stdout
