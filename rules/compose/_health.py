"""What the health rules (LK110-LK112) know about images, servers and healthchecks.

Shared by ``missing-healthcheck``, ``unhealthy-dependency`` and ``dependency-not-awaited``:
which images are long-running servers or databases, whether a Dockerfile stage or a compose
service has a healthcheck, and the healthcheck commands the fixes write.
"""

from __future__ import annotations

import enum
import logging
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from lintkit.errors import ParseError
from lintkit.images import official_name, split_image
from lintkit.records import record
from lintkit.rule import RuleContext
from lintkit.source import SourceText

if TYPE_CHECKING:
    from lintkit.compose.model import ComposeFile, Service
    from lintkit.dockerfile.model import Dockerfile, Stage
    from lintkit.dockerfile.syntax import Healthcheck, Instruction

# These helpers serve rules for both kinds of file. The compose and Dockerfile modules are
# imported inside the functions that need them, so that checking one kind of file never pays
# for importing the other's parser.

LOG = logging.getLogger(__name__)

# Images whose containers are databases, caches or brokers: clients need them *ready*, not
# merely started. Matched on the last part of the repository name, so `bitnami/postgresql`
# and `confluentinc/cp-kafka` count too.
DATABASE_IMAGES = frozenset(
    {
        "postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha", "pgvector",
        "mysql", "mariadb", "percona", "percona-server",
        "redis", "redis-stack", "redis-stack-server", "valkey", "keydb", "dragonfly",
        "mongo", "mongodb", "mongodb-community-server",
        "rabbitmq", "kafka", "cp-kafka", "cp-enterprise-kafka", "cp-server", "zookeeper",
        "cp-zookeeper",
        "elasticsearch", "opensearch", "cassandra", "scylla", "couchdb", "couchbase",
        "neo4j", "influxdb", "clickhouse-server", "etcd", "cockroach",
        "mssql-server", "oracle-free", "oracle-xe",
    }
)  # fmt: skip

# Images that keep retrying until their backend answers: depending on a database with a plain
# `depends_on` is harmless for them (admin UIs, dashboards, shippers, exporters, and data
# services that wait for their own coordinator such as kafka for zookeeper).
RETRYING_CLIENTS = frozenset(
    {
        "kibana", "logstash", "filebeat", "metricbeat", "fluentd", "grafana", "telegraf",
        "kafka-ui", "console", "akhq", "kafdrop", "adminer", "phpmyadmin", "pgadmin4",
        "mongo-express", "redisinsight", "redis-commander", "cloudbeaver", "metabase", "superset",
        # its start-up scripts wait for PostgreSQL or MariaDB and for Redis before the app
        "paperless-ngx",
    }
)  # fmt: skip
# Dependants known by their full repository name, where the last part alone is too common.
RETRYING_REPOSITORIES = frozenset(
    {
        "sameersbn/gitlab",  # waits up to a minute each for PostgreSQL and for Redis
        "photoprism/photoprism",  # retries its database for about a minute at start-up
        "netboxcommunity/netbox",  # its entrypoint loops until the database answers
        # auto-setup.sh waits for its SQL server, Cassandra or Elasticsearch before the rest
        "temporalio/auto-setup",
    }
)
# Dependants known by the start of their repository name: every Confluent Platform image
# (schema registry, connect, REST proxy, ksqlDB, control center) runs its `ensure` script,
# which waits for ZooKeeper and Kafka (`cub zk-ready`, `cub kafka-ready`) before starting.
RETRYING_PREFIXES = ("confluentinc/cp-", "cnfldemos/cp-")


def retries_on_its_own(info: ImageInfo | None) -> bool:
    """Whether a dependant image is known to wait for its backend by itself."""
    if info is None:
        return False
    return (
        info.name in RETRYING_CLIENTS
        or info.repository in RETRYING_REPOSITORIES
        or info.repository.startswith(RETRYING_PREFIXES)
        or info.name in DATABASE_IMAGES
        or info.name.endswith("-exporter")
    )


# Official (Docker Hub library) images that run a long-lived server by default. Official
# images never define a HEALTHCHECK (docker-library FAQ), so such a service has none unless
# the compose file gives one.
SERVER_IMAGES = frozenset(
    {
        "postgres", "mysql", "mariadb", "percona", "redis", "mongo", "rabbitmq", "memcached",
        "elasticsearch", "cassandra", "couchdb", "neo4j", "influxdb", "zookeeper", "nats",
        "nginx", "httpd", "tomcat", "caddy", "haproxy", "traefik", "registry", "solr",
        "wordpress", "ghost", "drupal", "joomla", "nextcloud", "odoo", "redmine", "sonarqube",
        "jetty", "kong", "consul", "vault", "eclipse-mosquitto", "rethinkdb", "arangodb",
        "orientdb", "couchbase", "mongo-express", "adminer", "phpmyadmin", "matomo",
        "mediawiki", "owncloud", "friendica", "varnish", "unit",
    }
)  # fmt: skip

# Programs whose presence in CMD/ENTRYPOINT shows a long-running network server.
SERVER_PROGRAMS = frozenset(
    {
        "nginx", "httpd", "apache2-foreground", "apache2ctl", "caddy", "traefik", "haproxy",
        "envoy", "gunicorn", "uvicorn", "hypercorn", "daphne", "waitress-serve", "uwsgi",
        "puma", "unicorn", "thin", "passenger", "php-fpm", "php-fpm7", "php-fpm8",
        "redis-server", "postgres", "mysqld", "mariadbd", "mongod", "memcached",
        "rabbitmq-server", "catalina.sh", "http-server", "serve", "supervisord", "streamlit",
        "node-red", "pm2-runtime", "nodemon", "next", "gatsby", "flask", "rackup",
    }
)  # fmt: skip
_NODE_SERVER_SCRIPT = re.compile(r"(^|/)(server|app|index|main|www)(\.[cm]?js)?$")
_SUBCOMMANDS = {
    "npm": {"start"},
    "yarn": {"start"},
    "pnpm": {"start"},
    "rails": {"server", "s"},
    "flask": {"run"},
    "streamlit": {"run"},
    "next": {"start"},
}


class Health(enum.Enum):
    """Whether a container gets a healthcheck."""

    PRESENT = "present"
    DISABLED = "disabled"  # HEALTHCHECK NONE / disable: true: a decision
    ABSENT = "absent"
    UNKNOWN = "unknown"  # the image may define one; we cannot tell


@record
class ImageInfo:
    """An image reference reduced to what these rules match on."""

    repository: str
    name: str  # the last path part, lower-case
    tag: str | None
    official: bool


def image_info(reference: str) -> ImageInfo | None:
    """Split ``reference``; ``None`` for an empty or variable reference."""
    reference = reference.strip()
    if not reference or "$" in reference:
        return None
    parts = split_image(reference)
    repository = parts.repository.lower().removeprefix("library/")
    official = official_name(parts.registry, parts.repository) is not None
    return ImageInfo(repository, repository.rsplit("/", 1)[-1], parts.tag, official)


def service_image(service: Service) -> ImageInfo | None:
    """The image a service runs, when given by ``image:`` with a known value."""
    return service.cached("health.service_image", lambda: _service_image(service))


def _service_image(service: Service) -> ImageInfo | None:
    resolved = service.interpolate("image")
    if resolved is None or not resolved.is_known:
        return None
    return image_info(resolved.value)


def is_database(info: ImageInfo | None) -> bool:
    """Whether the image is a database, cache or broker that clients must wait for."""
    return info is not None and info.name in DATABASE_IMAGES


# -- Dockerfile side -------------------------------------------------------------------------


def stage_health(stage: Stage) -> tuple[Health, Healthcheck | None]:
    """The healthcheck a stage ends with: its own, an earlier stage's, or its base image's."""
    from lintkit.dockerfile.syntax import Healthcheck

    for member in stage.chain():
        for instruction in reversed(member.instructions):
            if isinstance(instruction, Healthcheck):
                return (Health.DISABLED if instruction.none else Health.PRESENT), instruction
    root = stage.chain()[-1]
    image = root.image
    if image.unresolved:
        return Health.UNKNOWN, None
    if image.is_scratch:
        return Health.ABSENT, None
    info = image_info(image.expanded)
    if info is not None and (info.official or _known_without_healthcheck(info)):
        return Health.ABSENT, None
    return Health.UNKNOWN, None


def _known_without_healthcheck(info: ImageInfo) -> bool:
    # Vendor base images documented without a HEALTHCHECK.
    return info.repository.startswith(("dotnet/", "distroless/", "mcr.microsoft.com/dotnet/"))


_WRAPPERS = frozenset(
    {"tini", "dumb-init", "gosu", "su-exec", "sh", "bash", "env", "exec", "entrypoint", "run"}
)


def _is_wrapper(program: str) -> bool:
    """Whether an ENTRYPOINT program is a wrapper that ends by running the CMD."""
    name = PurePosixPath(program.split()[0] if program.split() else program).name.lower()
    return name.endswith(".sh") or name in _WRAPPERS or "entrypoint" in name


def _words(instruction: Instruction) -> list[str]:
    if instruction.exec_form is not None:
        return list(instruction.exec_form)
    return [word.value for word in instruction.words]


def command_evidence(argv: list[str]) -> str | None:
    """The server program a command line runs, as shown to users (``None`` when none)."""
    tokens: list[str] = []
    for item in argv:
        # `sh -c "gunicorn ..."` and `CMD exec gunicorn` carry the program inside a string.
        tokens.extend(item.split())
    for index, token in enumerate(tokens):
        program = PurePosixPath(token).name.lower()
        rest = [t.lower() for t in tokens[index + 1 : index + 4]]
        if program in _SUBCOMMANDS and program not in SERVER_PROGRAMS:
            if rest and rest[0] in _SUBCOMMANDS[program]:
                return f"{program} {rest[0]}"
            continue
        if program in SERVER_PROGRAMS:
            if program in _SUBCOMMANDS and not (rest and rest[0] in _SUBCOMMANDS[program]):
                continue
            return program
        if program == "java" and "-jar" in rest:
            return "java -jar"
        if program in ("node", "bun", "deno") and rest and _NODE_SERVER_SCRIPT.search(rest[-1]):
            script = next((t for t in rest if _NODE_SERVER_SCRIPT.search(t)), rest[0])
            return f"{program} {script}"
        if program.startswith("python") and rest:
            joined = " ".join(rest)
            for module in ("http.server", "uvicorn", "gunicorn", "flask run", "daphne"):
                if joined.startswith(f"-m {module}"):
                    return f"python -m {module}"
            if "runserver" in rest:
                return "manage.py runserver"
    return None


@record
class ServiceEvidence:
    """Why a stage looks like a long-running service, in the user's terms."""

    exposed: tuple[str, ...] = ()
    program: str | None = None
    base_server: str | None = None

    def __bool__(self) -> bool:
        return bool(self.exposed or self.program or self.base_server)

    def describe(self, subject: str) -> str:
        """E.g. ``the final stage exposes port 8000 and runs 'gunicorn'``."""
        parts: list[str] = []
        if self.exposed:
            plural = "s" if len(self.exposed) > 1 else ""
            parts.append(f"exposes port{plural} {', '.join(self.exposed)}")
        if self.program:
            parts.append(f"runs '{self.program}'")
        elif self.base_server:
            parts.append(f"runs the '{self.base_server}' server of its base image")
        return f"{subject} {' and '.join(parts)}"


def _start_instructions(stage: Stage) -> tuple[Instruction | None, Instruction | None]:
    """The ENTRYPOINT and CMD a stage's containers start with (``None`` for those unset)."""
    command: Instruction | None = None
    entrypoint: Instruction | None = None
    for member in reversed(stage.chain()):
        command_set_here = False
        for instruction in member.instructions:
            if instruction.keyword == "CMD":
                command = instruction
                command_set_here = True
            elif instruction.keyword == "ENTRYPOINT":
                entrypoint = instruction
                if not command_set_here:
                    command = None  # ENTRYPOINT drops a CMD inherited from the base
    return entrypoint, command


def entrypoint_server(stage: Stage) -> str | None:
    """The server program the stage's ENTRYPOINT runs by itself (``None`` when none).

    Such a program keeps running when a compose ``command:`` replaces the CMD, which only
    becomes its arguments. A wrapper (``docker-entrypoint.sh``) or a script of unknown kind
    may run something else instead, so it gives ``None``.
    """
    entrypoint, _ = _start_instructions(stage)
    return None if entrypoint is None else command_evidence(_words(entrypoint))


def stage_evidence(stage: Stage) -> ServiceEvidence:
    """Signs that a stage runs a long-lived server: EXPOSE, a server CMD, a server base image."""
    exposed: list[str] = []
    for member in reversed(stage.chain()):
        for instruction in member.instructions:
            if instruction.keyword == "EXPOSE":
                exposed.extend(word.value for word in instruction.words if word.value)
    entrypoint, command = _start_instructions(stage)
    program = None
    if entrypoint is not None:
        words = _words(entrypoint)
        program = command_evidence(words)
        if program is None and command is not None and words and _is_wrapper(words[0]):
            # `ENTRYPOINT ["docker-entrypoint.sh"]` runs the CMD in the end.
            program = command_evidence(_words(command))
    elif command is not None:
        program = command_evidence(_words(command))
    base_server = None
    if command is None and entrypoint is None:
        root = stage.chain()[-1].image
        info = image_info(root.expanded) if not root.unresolved else None
        if info is not None and info.official and info.name in SERVER_IMAGES:
            base_server = info.name
    return ServiceEvidence(tuple(dict.fromkeys(exposed)), program, base_server)


# -- compose side ----------------------------------------------------------------------------


def compose_health(service: Service) -> Health | None:
    """The service's own ``healthcheck:`` setting; ``None`` when it has none."""
    node = service.healthcheck
    if node is None:
        return None
    from lintkit.compose.loader import YamlScalar, YamlSeq
    from lintkit.compose.model import bool_of, text_of

    if bool_of(node.get("disable")) is True:
        return Health.DISABLED
    test = node.get("test")
    first = None
    if isinstance(test, YamlSeq) and test.items:
        first = text_of(test.items[0])
    elif isinstance(test, YamlScalar):
        first = text_of(test)
    if first is not None and first.strip().upper() == "NONE":
        return Health.DISABLED
    if test is None:
        # `healthcheck: {interval: 5s}` only tunes the image's own check.
        return None
    return Health.PRESENT


def built_stage(service: Service, context: RuleContext) -> Stage | None:
    """The Dockerfile stage a service builds, read inside the project; ``None`` if unknown."""
    build = service.build
    if build is None:
        return None
    compose: ComposeFile = service.compose
    text: str | None
    path: Path
    if build.dockerfile_inline is not None:
        text, path = build.dockerfile_inline, context.path.with_name("Dockerfile.inline")
    else:
        folder = compose.interpolate(build.context or ".")
        name = compose.interpolate(build.dockerfile or "Dockerfile")
        if not folder.is_known or not name.is_known or "://" in folder.value:
            return None
        if folder.value.startswith(("git@", "github.com/")):
            return None
        path = context.path.parent / folder.value / name.value
        text = context.read_sibling(Path(folder.value) / name.value)
    if text is None:
        LOG.debug("service %s: Dockerfile %s not readable", service.name, path)
        return None
    from lintkit.dockerfile.model import parse_dockerfile

    try:
        dockerfile: Dockerfile = parse_dockerfile(SourceText.from_text(text, path))
    except (ParseError, RecursionError, ValueError):
        LOG.debug("service %s: Dockerfile %s does not parse", service.name, path)
        return None
    if not dockerfile.stages:
        return None
    if build.target:
        return dockerfile.stage_named(build.target)
    return dockerfile.stages[-1]


def service_health(service: Service, context: RuleContext) -> Health:
    """Whether a service's containers get a healthcheck, from the compose file or the image."""
    own = compose_health(service)
    if own is not None:
        return own
    if service.extends is not None:
        return Health.UNKNOWN
    if service.build is not None:
        stage = built_stage(service, context)
        return stage_health(stage)[0] if stage is not None else Health.UNKNOWN
    info = service_image(service)
    if info is not None and info.official:
        return Health.ABSENT
    return Health.UNKNOWN


def awaited_to_complete(compose: ComposeFile) -> set[str]:
    """Services another service waits for with ``service_completed_successfully`` (jobs)."""
    names: set[str] = set()
    for other in compose.iter_services():
        for dependency in other.depends_on:
            if dependency.condition == "service_completed_successfully":
                names.add(dependency.service)
    return names


# -- healthcheck commands for the fixes ------------------------------------------------------


def _version(tag: str | None) -> tuple[int, ...] | None:
    if tag is None:
        return None
    match = re.match(r"(\d+)(?:\.(\d+))?", tag)
    if match is None:
        return None
    return tuple(int(part) for part in match.groups() if part is not None)


# The first patch release of each MariaDB branch whose official image has both `healthcheck.sh`
# and the `healthcheck` users it logs in as (the users came on 2023-06-27; the releases of
# August 2023 are the first with them for sure). A tag pinned to an older patch release
# (`10.6.4-focal`) has neither, or not the users, so the check would never turn healthy; the
# 10.7 and 10.8 branches ended before that date. Those images still have `mysqladmin`, which
# 11.0 removed (11.x images all have the script). Branch tags (`10.6`, `11`, `lts`, none) are
# rebuilt and have it.
_MARIADB_SCRIPT_FROM = {
    (10, 4): 31,
    (10, 5): 22,
    (10, 6): 15,
    (10, 7): 10**6,
    (10, 8): 10**6,
    (10, 9): 8,
    (10, 10): 6,
    (10, 11): 5,
}


def _mariadb_has_healthcheck_script(tag: str | None) -> bool:
    """Whether the official mariadb image of ``tag`` ships a usable ``healthcheck.sh``."""
    match = re.match(r"(\d+)(?:\.(\d+)(?:\.(\d+))?)?(?![\d.])", tag or "")
    if match is None:
        return True  # latest, lts, a codename: a current image
    major, minor, patch = (int(part) if part is not None else None for part in match.groups())
    assert major is not None  # the first group always matches
    if minor is None:
        return major >= 10  # `10` and `11` follow their newest branch
    if (major, minor) < (10, 4):
        return False
    first = _MARIADB_SCRIPT_FROM.get((major, minor))
    if first is None:
        return True  # a later branch: every image has it
    if first > 1000:
        return False  # a branch that ended before the script could log in
    return patch is None or patch >= first


def healthcheck_test(info: ImageInfo | None) -> str | None:
    """A compose ``test:`` value (flow list) for a well-known official image, else ``None``.

    ``$`` is written ``$$`` so that Compose passes it to the container's shell.
    """
    if info is None or not info.official:
        return None
    version = _version(info.tag)
    if info.name == "postgres":
        # TCP on 127.0.0.1: the entrypoint's init server listens on the socket only, so this
        # turns healthy only once the real server is up.
        return '["CMD-SHELL", "pg_isready -h 127.0.0.1 -U $${POSTGRES_USER:-postgres}"]'
    if info.name == "mysql":
        return '["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]'
    if info.name == "mariadb":
        if not _mariadb_has_healthcheck_script(info.tag):
            return '["CMD-SHELL", "mysqladmin ping -h 127.0.0.1 --silent"]'
        return '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]'
    if info.name == "redis":
        return '["CMD", "redis-cli", "ping"]'
    if info.name == "mongo":
        shell = "mongo" if version is not None and version < (5,) else "mongosh"
        return f'["CMD", "{shell}", "--quiet", "--eval", "db.adminCommand(\'ping\')"]'
    if info.name == "rabbitmq":
        return '["CMD", "rabbitmq-diagnostics", "-q", "ping"]'
    return None


# The port each probe of `healthcheck_test` reaches when the server keeps its default, and
# the short option that moves the server (postgres `-p 5433`, mysql `-P 3307`; `-p` is a
# password there). Not listed: rabbitmq's probe asks the node by name, and mariadb's
# healthcheck.sh asks over the socket, or on the port the entrypoint read from the server's
# own options.
_PROBED_PORTS: dict[str, tuple[str, str | None]] = {
    "postgres": ("5432", "-p"),
    "mysql": ("3306", "-P"),
    "mariadb": ("3306", "-P"),  # only where it is probed with mysqladmin
    "redis": ("6379", None),
    "mongo": ("27017", None),
}
# mongod options that move its default port.
_MONGO_ROLE_PORTS = {"--configsvr": "27019", "--shardsvr": "27018"}


def moved_port_reason(service: Service, info: ImageInfo | None) -> str | None:
    """Why the healthcheck of :func:`healthcheck_test` would fail on ``service``, or ``None``.

    Its probes of postgres, mysql, redis and mongo (and `mysqladmin` on older mariadb images)
    reach the server on its default port; a ``command``/``entrypoint`` that moves the server
    to another port would leave the service unhealthy for ever.
    """
    if info is None or not info.official or info.name not in _PROBED_PORTS:
        return None
    if info.name == "mariadb" and _mariadb_has_healthcheck_script(info.tag):
        return None
    default, short = _PROBED_PORTS[info.name]
    words: list[str] = []
    for key in ("entrypoint", "command"):
        for text, _ in service.strings(key):
            # `sh -c "redis-server --port 6380"` carries the options inside one string.
            words.extend(word.strip("'\"") for word in text.split())
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        config = _config_file_option(info.name, word, following)
        if config is not None:
            return (
                f"the command of '{service.name}' starts its server from a configuration file "
                f"('{config}'), which may set another port than {default}, the port the "
                "healthcheck lintkit would add probes; write the healthcheck by hand"
            )
        found = _port_option(info.name, short, word, following)
        if found is None:
            continue
        option, port = found
        if port != default:
            return (
                f"the command of '{service.name}' moves its server off port {default} "
                f"('{option}'), the port the healthcheck lintkit would add probes; write the "
                "healthcheck by hand"
            )
    return None


def _config_file_option(name: str, word: str, following: str | None) -> str | None:
    """The option as written when ``word`` hands the server a configuration file.

    Such a file may move the port: `redis-server /etc/redis.conf` (a redis.conf may even set
    `port 0`, socket only), `mongod --config …`, `postgres -c config_file=…`,
    `mysqld --defaults-file=…`.
    """
    if name == "redis":
        return word if word.endswith(".conf") else None
    if name == "mongo":
        if word in ("--config", "-f"):
            return f"{word} {following}" if following else word
        return word if word.startswith("--config=") else None
    if name == "postgres":
        setting = following if word == "-c" else word[2:] if word.startswith("-c") else None
        if setting is not None and setting.startswith("config_file="):
            return f"-c {setting}" if word == "-c" else word
        return word if word.startswith("--config_file") else None
    return word if word.startswith(("--defaults-file", "--defaults-extra-file")) else None


def _port_option(
    name: str, short: str | None, word: str, following: str | None
) -> tuple[str, str] | None:
    """The option as written and the port it sets, when ``word`` starts a port setting."""
    spaced = f"{word} {following}" if following is not None else word
    if word.startswith("--port="):
        return word, word[len("--port=") :]
    if word == "--port":
        return spaced, following or ""
    if short is not None and word.startswith(short):
        if word == short:
            return spaced, following or ""
        return word, word[len(short) :]
    if name == "postgres":
        # `-c port=5433`, `-cport=5433`: the setting by its name.
        setting = following if word == "-c" else word[2:] if word.startswith("-c") else None
        if setting is not None and setting.startswith("port="):
            return (spaced if word == "-c" else word), setting[len("port=") :]
    if name == "mongo" and word in _MONGO_ROLE_PORTS:
        return word, _MONGO_ROLE_PORTS[word]
    return None
