import pytest


@pytest.fixture(autouse=True)
def checkpoint_dir(settings, tmp_path):
    """Each test writes and reads its own checkpoints, never a developer's under var/."""
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "checkpoints")
    settings.AUDIT_CHECKPOINT_EMAIL = ""
    return tmp_path / "checkpoints"
