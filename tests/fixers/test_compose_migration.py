"""Migration of legacy (format 1) compose files (lintkit.fixers.compose_migration)."""

import pytest
import yaml

from lintkit.compose.model import parse_compose
from lintkit.fixers.compose_migration import MigrationRefused, migrate_legacy
from lintkit.fixing import apply_edits
from lintkit.source import SourceText

COMMENTED = """\
# Legacy stack for the demo
# (format 1)

# the front end
web: &web
  build: .   # the repo root
  dockerfile: Dockerfile.dev
  ports:
    - "8080:80"
  links:
    - db
  net: "container:db"
  volumes:
    - data:/var/lib/data
    - ./conf:/etc/app:ro
  command: >
    run --verbose
    --port 80

  # the database
db:
  image: postgres:9.6
  log_driver: syslog
  log_opt:
    syslog-address: "udp://127.0.0.1:514"  # local
    # tag every line
    tag: db
  volume_driver: local
  volumes:
    - pgdata:/var/lib/postgresql/data
worker:
  <<: *web
  net: host
  volumes_from:
    - db
    - storage_container:ro
# end of file
"""

FOUR_SPACES = """\
web:
    image: nginx:1.27
    net: bridge
    environment:
        A: "1"
    ports:
    - "80:80"
cache:
    image: redis:7
"""

NO_HEADER = """\
# attached to web, no blank line: stays as the file header
web:
  image: nginx:1.27
"""


def migrate(text: str) -> str:
    source = SourceText.from_text(text, "docker-compose.yml")
    return apply_edits(text, migrate_legacy(parse_compose(source)))


def check_migrated(before: str, after: str) -> None:
    migrated = parse_compose(SourceText.from_text(after, "docker-compose.yml"))
    original = parse_compose(SourceText.from_text(before, "docker-compose.yml"))
    assert not migrated.is_legacy
    assert list(migrated.services) == list(original.services)
    yaml.safe_load(after)


CASES = {"commented": COMMENTED, "four_spaces": FOUR_SPACES, "header": NO_HEADER}


@pytest.mark.parametrize("name", CASES)
def test_migration_snapshots(snapshot, name):
    text = CASES[name]
    after = migrate(text)
    snapshot.assert_match(after, f"{name}.yaml")
    check_migrated(text, after)
    crlf = text.replace("\n", "\r\n")
    assert migrate(crlf) == after.replace("\n", "\r\n")


def test_migration_details():
    after = migrate(COMMENTED)
    services = parse_compose(SourceText.from_text(after)).services
    web, db, worker = services["web"], services["db"], services["worker"]
    assert web.network_mode == "service:db"
    assert (
        web.build is not None
        and web.build.context == "."
        and web.build.dockerfile == ("Dockerfile.dev")
    )
    assert db.logging is not None and db.logging.to_python() == {
        "driver": "syslog",
        "options": {"syslog-address": "udp://127.0.0.1:514", "tag": "db"},
    }
    assert "volume_driver" not in db and "log_driver" not in db
    assert worker.network_mode == "host"
    assert worker.get("volumes_from").to_python() == ["db", "container:storage_container:ro"]
    # merged from web: build and the rest follow the anchor
    assert worker.build is not None and worker.build.dockerfile == "Dockerfile.dev"
    volumes = parse_compose(SourceText.from_text(after)).volumes
    assert volumes is not None and volumes.to_python() == {
        "data": {"name": "data"},
        "pgdata": {"name": "pgdata", "driver": "local"},
    }


def test_every_line_after_the_header_is_indented_and_block_scalars_kept():
    after = migrate(COMMENTED)
    assert after.startswith("# Legacy stack for the demo\n# (format 1)\n\nservices:\n")
    assert "\n  # the front end\n  web: &web\n" in after
    assert "\n  # end of file\n" in after
    original = yaml.safe_load(COMMENTED)["web"]["command"]
    assert yaml.safe_load(after)["services"]["web"]["command"] == original


def test_file_without_final_newline():
    after = migrate("web:\n  image: a:1\n  volumes:\n    - data:/data")
    assert after == (
        "services:\n  web:\n    image: a:1\n    volumes:\n      - data:/data\n"
        "volumes:\n  data:\n    name: data\n"
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "web:\n  image: a:1\n  net: frontend\n",
            "service 'web' joins the network 'frontend' with 'net'; declare it under 'networks:' "
            "by hand",
        ),
        (
            "web:\n  image: a:1\n  volume_driver: flocker\n  volumes:\n    - ./x:/x\n",
            "service 'web' sets 'volume_driver' but also mounts './x:/x', which is not a named "
            "volume; the Compose Specification sets drivers only on named volumes",
        ),
        (
            "web:\n  image: a:1\n  dockerfile: D\n",
            "service 'web' sets 'dockerfile' without 'build'",
        ),
        (
            "web: {image: a, net: host}\n",
            "service 'web' is written in flow style ({...}) and uses 'net', which has to be "
            "rewritten",
        ),
        (
            "web:\n  image: a:1\n  command: |2\n     indented\n",
            "the block scalar on line 3 sets its indentation explicitly",
        ),
        (
            "web:\n  image: a:1\n  net: host\n  network_mode: host\n",
            "service 'web' sets both 'net' and 'network_mode'",
        ),
        (
            "web:\n  image: a:1\n  volumes:\n    - yes:/data\n",
            "service 'web' mounts the volume 'yes', whose name cannot be declared as written",
        ),
        (
            "web:\n  image: a:1\n---\nother:\n  image: b:1\n",
            "the file holds several YAML documents",
        ),
        (
            "a:\n  image: x:1\n  volume_driver: d1\n  volumes:\n    - vol:/v\n"
            "b:\n  image: x:1\n  volume_driver: d2\n  volumes:\n    - vol:/w\n",
            "the volume 'vol' is used with two drivers ('d1', 'd2')",
        ),
    ],
)
def test_refusals(text, reason):
    compose = parse_compose(SourceText.from_text(text))
    assert compose.is_legacy
    with pytest.raises(MigrationRefused) as caught:
        migrate_legacy(compose)
    assert caught.value.reason == reason


def test_merged_keys_follow_their_service_and_others_are_refused():
    text = "web: &w\n  image: a\n  net: host\nweb2:\n  <<: *w\n  build: .\n"
    assert migrate(text) == (
        "services:\n  web: &w\n    image: a\n    network_mode: host\n  web2:\n    <<: *w\n"
        "    build: .\n"
    )
    compose = parse_compose(SourceText.from_text("web:\n  <<: {image: a, net: host}\n"))
    with pytest.raises(MigrationRefused) as caught:
        migrate_legacy(compose)
    assert caught.value.reason == (
        "'net' of service 'web' comes from a '<<' merge of a mapping that is not a service; "
        "rewrite it by hand"
    )


def test_log_driver_after_log_opt_and_flow_volumes_from():
    text = "web:\n  image: a\n  log_opt:\n    a: b\n  log_driver: c\n  volumes_from: [x, web]\n"
    assert migrate(text) == (
        "services:\n  web:\n    image: a\n    logging:\n      driver: c\n      options:\n"
        "        a: b\n    volumes_from: [container:x, web]\n"
    )


def test_not_legacy_is_refused():
    compose = parse_compose(SourceText.from_text("services:\n  a:\n    image: x:1\n"))
    with pytest.raises(MigrationRefused, match="not a legacy"):
        migrate_legacy(compose)
