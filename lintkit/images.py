"""Image references (``registry/repository:tag@digest``), shared by Dockerfile and compose rules."""

from __future__ import annotations

from lintkit.records import record


@record
class ImageName:
    """The parts of an image reference; ``registry`` only when the reference names one."""

    registry: str | None
    repository: str
    tag: str | None
    digest: str | None

    @property
    def is_pinned(self) -> bool:
        """Whether the reference names a fixed version (a digest, or a tag other than latest)."""
        return bool(self.digest) or (self.tag is not None and self.tag != "latest")


#: The names Docker Hub, the default registry, goes by.
DOCKER_HUB = frozenset({"docker.io", "index.docker.io", "registry-1.docker.io"})


def official_name(registry: str | None, repository: str) -> str | None:
    """The Docker Official Image a reference names (``golang``), ``None`` for any other image.

    Official images live in Docker Hub's ``library/`` namespace: a plain name on the default
    registry, or ``library/<name>`` written out. Lower-cased.
    """
    if registry is not None and registry.lower() not in DOCKER_HUB:
        return None
    name = repository.lower().removeprefix("library/")
    return None if "/" in name else name


def split_image(reference: str) -> ImageName:
    """Split an image reference into registry, repository, tag and digest."""
    rest = reference.strip()
    digest = None
    if "@" in rest:
        rest, _, digest = rest.partition("@")
    tag = None
    slash = rest.rfind("/")
    colon = rest.rfind(":")
    if colon > slash:
        rest, tag = rest[:colon], rest[colon + 1 :]
    registry = None
    first, separator, remainder = rest.partition("/")
    if separator and ("." in first or ":" in first or first == "localhost"):
        registry, rest = first, remainder
    return ImageName(registry, rest, tag, digest or None)


# Docker Official Images (Docker Hub `library/` repositories): the images a bare name such as
# `golang` pulls. Current ones, plus retired ones that old Dockerfiles still pull (`centos`,
# `java`, `jenkins`, ...). Only plain names: the list tells such a name in `COPY --from=` apart
# from a build-context name, so `rocket.chat` is not needed.
# LIMITATION: written by hand, so an image added to the library later is unknown until it is
# added here; a rule that needs the list then stays silent about it.
OFFICIAL_IMAGES = frozenset(
    {
        "adminer", "aerospike", "almalinux", "alpine", "alt", "amazoncorretto", "amazonlinux",
        "api-firewall", "arangodb", "archlinux", "backdrop", "bash", "bonita", "buildpack-deps",
        "busybox", "caddy", "cassandra", "centos", "chronograf", "cirros", "clearlinux",
        "clefos", "clickhouse", "clojure", "composer", "consul", "convertigo", "couchbase",
        "couchdb", "crate", "dart", "debian", "django", "docker", "drupal", "eclipse-mosquitto",
        "eclipse-temurin", "eggdrop", "elasticsearch", "elixir", "emqx", "erlang", "fedora",
        "flink", "fluentd", "friendica", "gazebo", "gcc", "geonetwork", "ghost", "glassfish",
        "golang", "gradle", "groovy", "haproxy", "haskell", "haxe", "hello-world", "hitch",
        "httpd", "hylang", "ibm-semeru-runtimes", "ibmjava", "influxdb", "irssi", "java",
        "jenkins", "jetty", "joomla", "jruby", "julia", "kapacitor", "kibana", "kong",
        "krakend", "lightstreamer", "liquibase", "logstash", "mageia", "mariadb", "matomo",
        "maven", "mediawiki", "memcached", "mongo", "mongo-express", "monica", "mono", "mysql",
        "nats", "neo4j", "neurodebian", "nextcloud", "nginx", "node", "notary", "odoo",
        "open-liberty", "openjdk", "opensuse", "oraclelinux", "orientdb", "owncloud", "percona",
        "perl", "photon", "php", "php-zendserver", "phpmyadmin", "plone", "postfixadmin",
        "postgres", "pypy", "python", "r-base", "rabbitmq", "rails", "rakudo-star", "redis",
        "redmine", "registry", "rethinkdb", "rockylinux", "ros", "ruby", "rust", "sapmachine",
        "satosa", "sentry", "silverpeas", "solr", "sonarqube", "spark", "spiped", "storm",
        "swift", "swipl", "teamspeak", "telegraf", "tomcat", "tomee", "traefik", "ubuntu",
        "unit", "varnish", "vault", "websphere-liberty", "wordpress", "xwiki", "yourls", "znc",
        "zookeeper",
    }
)  # fmt: skip
