"""A large import for the crash-safety test: many attachment files, then their rows and audit entries in
ONE transaction (the pattern every bulk import follows). Run as a script; the test kills it with SIGKILL.

    python tests/crash_import_helper.py DATA_DIR COUNT TAG
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.instance_lock import InstanceLock  # noqa: E402
from app.models import Attachment  # noqa: E402
from app.paths import DataPaths  # noqa: E402
from app.services.audit import chain as audit  # noqa: E402
from app.services.audit.chain import Action  # noqa: E402
from app.services.context import open_data_folder  # noqa: E402
from app.services.permissions import SYSTEM  # noqa: E402

ENTITY = "批量导入"


def main(data_dir: str, count: int, tag: str) -> None:
    paths = DataPaths(Path(data_dir))
    with InstanceLock(paths.lock_file):
        ctx = open_data_folder(paths)
        incoming = paths.root / "incoming"
        incoming.mkdir(exist_ok=True)
        print("READY", flush=True)
        stored = []
        for n in range(count):
            source = incoming / f"{tag}-{n}.txt"
            source.write_bytes(f"{tag} 第{n}份附件 ".encode() * 500)
            stored.append(ctx.attachments.store_blob(source))
        print("COMMIT", flush=True)
        with ctx.sessions.begin() as session:
            for n, (sha, size) in enumerate(stored):
                session.add(Attachment(sha256=sha, original_name=f"{tag}-{n}.txt", size=size))
                audit.record(session, SYSTEM, Action.IMPORT, ENTITY, f"{tag}-{n}", sha256=sha)
        print("DONE", flush=True)
        ctx.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
