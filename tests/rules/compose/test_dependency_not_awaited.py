"""LK112 dependency-not-awaited, and its fix."""

import pytest

from lintkit.fixing import apply_edits
from tests.conftest import lint, spans
from tests.rules.compose.yaml_support import fix_all

RULE = ["dependency-not-awaited"]


def run(text):
    return lint(text, "compose", RULE, path="compose.yaml")


def test_flags_list_and_started_conditions():
    text = (
        "services:\n"
        "  web:\n"
        "    build: .\n"
        "    depends_on:\n"
        "      - db\n"
        "      - api\n"
        "  worker:\n"
        "    build: .\n"
        "    depends_on:\n"
        "      queue:\n"
        "        condition: service_started\n"
        "      cache: {}\n"
        "  api:\n"
        "    build: .\n"
        "  db:\n"
        "    image: docker.io/library/postgres:16\n"
        "  queue:\n"
        "    image: rabbitmq:3-management\n"
        "  cache:\n"
        "    image: bitnami/redis:7.2\n"
    )
    assert [s[1:] for s in spans(run(text))] == [(5, 9, 5, 11), (10, 7, 10, 12), (12, 7, 12, 12)]


def test_flow_list_is_flagged():
    text = "services:\n  web:\n    image: w\n    depends_on: [db]\n  db:\n    image: mysql:8\n"
    assert [s[1:] for s in spans(run(text))] == [(4, 18, 4, 20)]


@pytest.mark.parametrize(
    "tail",
    [
        # already waiting for health
        "    depends_on:\n      db:\n        condition: service_healthy\n",
        # waiting for a job to finish
        "    depends_on:\n      db:\n        condition: service_completed_successfully\n",
    ],
)
def test_leaves_alone_other_conditions(tail):
    text = "services:\n  web:\n    image: w\n" + tail + "  db:\n    image: postgres:16\n"
    assert run(text) == []


def test_leaves_alone_non_databases_decisions_and_unknown_services():
    text = (
        "services:\n"
        "  web:\n"
        "    image: w\n"
        "    depends_on:\n"
        "      - api\n"  # not a database
        "      - elsewhere\n"  # defined in another file
        "      - off\n"  # healthcheck turned off: a decision
        "      - memo\n"  # memcached starts at once
        "  worker:\n"
        "    image: w\n"
        "    depends_on:\n"
        "      checked:\n"  # explicit service_started next to a healthcheck: a decision
        "        condition: service_started\n"
        "  api:\n"
        "    image: example/api:1\n"
        "  off:\n"
        "    image: redis:7\n"
        "    healthcheck:\n"
        "      disable: true\n"
        "  memo:\n"
        "    image: memcached:1.6\n"
        "  checked:\n"
        "    image: redis:7\n"
        "    healthcheck:\n"
        "      test: [CMD, redis-cli, ping]\n"
    )
    assert run(text) == []


def test_anchored_entry_reported_once():
    text = (
        "x-deps: &deps\n"
        "  depends_on:\n"
        "    - db\n"
        "services:\n"
        "  a:\n"
        "    <<: *deps\n"
        "    image: a\n"
        "  b:\n"
        "    <<: *deps\n"
        "    image: b\n"
        "  db:\n"
        "    image: postgres:16\n"
    )
    found = run(text)
    assert [s[1:] for s in spans(found)] == [(3, 7, 3, 9)]
    assert found[0].fix is None
    assert (
        found[0].unfixable_reason == "the depends_on of 'a' comes from a YAML anchor or merge key"
    )


def test_messages(snapshot):
    text = (
        "services:\n  web:\n    image: w\n    depends_on: [db, cache]\n"
        "  db:\n    image: postgres:16\n  cache:\n    image: valkey/valkey:8\n"
    )
    snapshot.assert_match("\n".join(d.message for d in run(text)) + "\n", "messages.txt")


def fix_of(text, index=0):
    found = run(text)
    fix = found[index].fix
    assert fix is not None, found[index].unfixable_reason
    return apply_edits(text, fix.edits)


def test_fix_block_list_with_comments(snapshot):
    text = (
        "services:\n"
        "  web:\n"
        "    build: .\n"
        "    depends_on:\n"
        "      # start order matters\n"
        "      - db  # the database\n"
        "\n"
        "      - api\n"
        "    ports:\n"
        "      - 8000:8000\n"
        "  api:\n"
        "    build: ./api\n"
        "  db:\n"
        "    image: postgres:16\n"
    )
    snapshot.assert_match(fix_of(text), "compose.yaml")


def test_fix_flush_list_four_spaces_crlf(snapshot):
    text = (
        "services:\r\n"
        "    web:\r\n"
        "        image: example/web:1\r\n"
        "        depends_on:\r\n"
        "        - cache\r\n"
        "        - 'db'\r\n"
        "    db:\r\n"
        "        image: mariadb:10.11\r\n"
        "        healthcheck:\r\n"
        "            test: [CMD, healthcheck.sh, --connect]\r\n"
        "    cache:\r\n"
        "        image: redis:7\r\n"
    )
    result = fix_of(text, 1)
    assert "\n" not in result.replace("\r\n", "")
    snapshot.assert_match(result.replace("\r\n", "\n"), "compose.yaml")


def test_fix_follows_the_service_indentation_not_the_first_one_in_the_file(snapshot):
    # services sit 4 columns in, but their settings nest by 2: new lines nest by 2 as well
    text = (
        "services:\n"
        "\n"
        "    web:\n"
        "      image: example/web:1\n"
        "      depends_on:\n"
        "        - db\n"
        "      networks:\n"
        "        back:\n"
        "          aliases: [web]\n"
        "\n"
        "    db:\n"
        "      image: postgres:16\n"
        "      networks:\n"
        "        back:\n"
        "          aliases: [db]\n"
        "networks:\n"
        "  back: {}\n"
    )
    result = fix_all(text, [*RULE, "missing-healthcheck"])
    assert run(result.text) == []
    snapshot.assert_match(result.text, "compose.yaml")


def test_fix_flow_list_and_map_form(snapshot):
    text = (
        "services:\n"
        "  web:\n"
        "    image: w\n"
        "    depends_on: [db, api]\n"
        "  worker:\n"
        "    image: w\n"
        "    depends_on:\n"
        "      db:\n"
        "        condition: service_started\n"
        "        restart: true\n"
        "  api:\n"
        "    image: example/api:1\n"
        "  db:\n"
        "    image: mongo:7\n"
        "    healthcheck:\n"
        "      test: [CMD, mongosh, --eval, 'db.adminCommand(\"ping\")']\n"
    )
    found = run(text)
    # the explicit condition next to a healthcheck is a decision: only the flow list is flagged
    assert [s[1:] for s in spans(found)] == [(4, 18, 4, 20)]
    snapshot.assert_match(apply_edits(text, found[0].fix.edits), "compose.yaml")


def test_fix_map_form_without_healthcheck():
    text = (
        "services:\n"
        "  web:\n"
        "    image: w\n"
        "    depends_on:\n"
        "      db:\n"
        "        condition: service_started\n"
        "  db:\n"
        "    image: redis:7\n"
    )
    result = fix_of(text)
    assert "        condition: service_healthy\n" in result
    assert '      test: ["CMD", "redis-cli", "ping"]\n' in result


def test_fix_adds_the_probe_when_the_port_is_the_default():
    text = (
        "services:\n"
        "  web:\n"
        "    image: w\n"
        "    depends_on: [db]\n"
        "  db:\n"
        "    image: redis:7\n"
        "    command: redis-server --port 6379 --appendonly yes\n"
    )
    assert '      test: ["CMD", "redis-cli", "ping"]\n' in fix_of(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            'version: "3.8"\nservices:\n  web:\n    image: w\n    depends_on: [db]\n'
            "  db:\n    image: postgres:16\n",
            "the file declares version '3.8', whose format has no depends_on conditions "
            "(docker-compose v1 rejects them); "
            "remove the obsolete version key first",
        ),
        (
            "services:\n  web:\n    image: w\n    depends_on: [db]\n"
            "  db:\n    image: bitnami/postgresql:16\n",
            "lintkit has no healthcheck to add to 'db'; add one first",
        ),
        (
            "x-db: &db\n  image: postgres:16\nservices:\n  web:\n    image: w\n"
            "    depends_on: [db]\n  db: *db\n",
            "service 'db' is defined through a YAML anchor, alias or merge key; "
            "an edit there would change other services too",
        ),
        (
            "services:\n  web:\n    image: w\n    depends_on: [db]\n"
            "  db:\n    image: mysql:8\n    command: --port=4001 --max-connections=512\n",
            "the command of 'db' moves its server off port 3306 ('--port=4001'), the port the "
            "healthcheck lintkit would add probes; write the healthcheck by hand",
        ),
        (
            # the image runs redis-server with the file; it may say `port 0` (socket only)
            "services:\n  web:\n    image: w\n    depends_on: [db]\n"
            "  db:\n    image: redis:7\n    command: [/usr/local/etc/redis/redis.conf]\n",
            "the command of 'db' starts its server from a configuration file "
            "('/usr/local/etc/redis/redis.conf'), which may set another port than 6379, the "
            "port the healthcheck lintkit would add probes; write the healthcheck by hand",
        ),
    ],
)
def test_fix_refused(text, reason):
    found = run(text)
    assert len(found) == 1
    assert found[0].fix is None
    assert found[0].unfixable_reason == reason


def test_dependants_that_retry_by_themselves():
    text = (
        "services:\n"
        "  kibana:\n"
        "    image: docker.elastic.co/kibana/kibana:8.15.0\n"
        "    depends_on: [es]\n"
        "  exporter:\n"
        "    image: prometheuscommunity/postgres-exporter:v0.15.0\n"
        "    depends_on: [db]\n"
        "  kafka:\n"
        "    image: confluentinc/cp-kafka:7.6.0\n"
        "    depends_on: [zk]\n"
        "  app:\n"  # built by the project: always checked, even with a familiar name
        "    build: ./grafana\n"
        "    image: grafana\n"
        "    depends_on: [db]\n"
        "  es:\n"
        "    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0\n"
        "  db:\n"
        "    image: postgres:16\n"
        "  zk:\n"
        "    image: confluentinc/cp-zookeeper:7.6.0\n"
        "  documents:\n"  # its start-up scripts wait for the database and for Redis
        "    image: ghcr.io/paperless-ngx/paperless-ngx:2.14\n"
        "    depends_on: [db, cache]\n"
        "  cache:\n"
        "    image: redis:7\n"
        "  logs:\n"  # buffers and retries what it could not send
        "    image: example/fluentd:v1\n"
        "    depends_on: [es]\n"
        "  git:\n"  # this image waits for its database and Redis; another 'gitlab' may not
        "    image: sameersbn/gitlab:18.0.1\n"
        "    depends_on: [db, cache]\n"
        "  other-git:\n"
        "    image: example/gitlab:1\n"
        "    depends_on: [cache]\n"
        "  photos:\n"  # retries its database for about a minute
        "    image: photoprism/photoprism:latest\n"
        "    depends_on: [db]\n"
        "  other-photos:\n"
        "    image: example/photoprism:1\n"
        "    depends_on: [db]\n"
        "  netbox:\n"  # its entrypoint waits for the database, whatever the registry
        "    image: docker.io/netboxcommunity/netbox:v4.1-3.0.2\n"
        "    depends_on: [db, cache]\n"
        "  other-netbox:\n"
        "    image: example/netbox:1\n"
        "    depends_on: [db]\n"
        "  registry:\n"  # Confluent images wait for ZooKeeper and Kafka in their `ensure`
        "    image: confluentinc/cp-schema-registry:7.6.0\n"
        "    depends_on: [zk, kafka]\n"
        "  old-kafka:\n"
        "    image: confluentinc/cp-enterprise-kafka:5.5.0\n"
        "    depends_on: [zk]\n"
        "  temporal:\n"  # auto-setup.sh waits for its SQL server and Elasticsearch
        "    image: temporalio/auto-setup:1.24\n"
        "    depends_on: [db, es]\n"
        "  other-registry:\n"
        "    image: example/cp-schema-registry:1\n"
        "    depends_on: [zk]\n"
    )
    assert [s[1:] for s in spans(run(text))] == [
        (14, 18, 14, 20),
        (34, 18, 34, 23),
        (40, 18, 40, 20),
        (46, 18, 46, 20),
        (58, 18, 58, 20),
    ]


def test_fix_awaits_the_new_healthcheck_in_every_explicit_dependant():
    # Three services wait for the same postgres with a written-out 'service_started' and it
    # has no healthcheck yet. Once one fix gives it a healthcheck, the others' conditions
    # would look like a decision and stop being reported, so the fix changes them all; a
    # list-form dependant is left to its own fix, and a dependant that retries by itself
    # (grafana) keeps its condition.
    text = (
        "services:\n"
        "  api:\n"
        "    image: example/api:1\n"
        "    depends_on:\n"
        "      pg:\n"
        "        condition: service_started\n"
        "  worker:\n"
        "    image: example/worker:1\n"
        "    depends_on:\n"
        "      api:\n"
        "        condition: service_started\n"
        "      pg:\n"
        "        condition: service_started  # wait for the database\n"
        "  cron:\n"
        "    image: example/cron:1\n"
        "    depends_on: [pg]\n"
        "  dashboard:\n"
        "    image: grafana/grafana:11.2.0\n"
        "    depends_on:\n"
        "      pg:\n"
        "        condition: service_started\n"
        "  pg:\n"
        "    image: postgres:16\n"
    )
    assert fix_of(text) == text.replace(
        "      pg:\n        condition: service_started\n  worker:",
        "      pg:\n        condition: service_healthy\n  worker:",
    ).replace("condition: service_started  # wait", "condition: service_healthy  # wait").replace(
        "    image: postgres:16\n",
        "    image: postgres:16\n"
        "    healthcheck:\n"
        '      test: ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}"]\n'
        "      interval: 10s\n"
        "      timeout: 5s\n"
        "      retries: 5\n"
        "      start_period: 30s\n",
    )
    result = fix_all(text, RULE)
    assert run(result.text) == []
    assert "depends_on:\n      pg:\n        condition: service_healthy\n  pg:" not in result.text
    assert result.text.count("condition: service_healthy") == 3  # api, worker, cron


def test_fix_map_form_in_a_version_3_file():
    # The file already writes 'condition:' under depends_on, so turning service_started into
    # service_healthy cannot make it less portable; only the list form is refused for 3.x.
    text = (
        "version: '3.8'\n"
        "services:\n"
        "  web:\n"
        "    image: w\n"
        "    depends_on:\n"
        "      db:\n"
        "        condition: service_started\n"
        "  db:\n"
        "    image: postgres:16\n"
    )
    result = fix_of(text)
    assert "        condition: service_healthy\n" in result
    assert result.startswith("version: '3.8'\n")
    assert "pg_isready" in result


def test_fix_of_one_entry_keeps_an_unfixable_sibling_reported(snapshot):
    # The fix rewrites the whole list into the map form; the other entry's finding comes back
    # inside the rewritten lines, which must not count as the fixed finding staying.
    text = (
        "services:\n"
        "  app:\n"
        "    image: example/app:1\n"
        "    depends_on:\n"
        "      - db\n"
        "      - events\n"
        "  db:\n"
        "    image: postgres:16\n"
        "  events:\n"
        "    image: clickhouse/clickhouse-server:24.3\n"
    )
    result = fix_all(text, [*RULE, "missing-healthcheck"])
    assert [d.message.split("'")[3] for d in run(result.text)] == ["events"]
    snapshot.assert_match(result.text, "compose.yaml")
